import type { Contract } from '../contract/model.js';
import { BaselineError } from './baseline-error.js';

/** What `breaking --save` writes: the model, tagged so a later version can tell (and refuse) a file it cannot read. */
export interface ModelFile {
  readonly format: 'contract-gen-model';
  readonly version: 1;
  readonly contract: Contract;
}

/** The model as a JSON file's text (two-space indented: it is committed and diffed). */
export function printModelFile(contract: Contract): string {
  const file: ModelFile = { format: 'contract-gen-model', version: 1, contract };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** The model in a file `printModelFile` wrote; throws a {@link BaselineError} naming `name` for anything else. */
export function parseModelFile(text: string, name: string): Contract {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new BaselineError(
      `${name} is not JSON (${(error as Error).message}); expected a model saved by 'contract-gen breaking --save'.`,
    );
  }
  const file = parsed as Partial<ModelFile> | null;
  if (file?.format !== 'contract-gen-model')
    throw new BaselineError(`${name} is not a model saved by 'contract-gen breaking --save'.`);
  if (file.version !== 1)
    throw new BaselineError(
      `${name} is a model of format version ${String(file.version)}, which this contract-gen cannot read; save it again.`,
    );
  const c = file.contract as Partial<Contract> | undefined;
  if (!c || ![c.files, c.services, c.callbacks, c.types].every(Array.isArray))
    throw new BaselineError(`${name} holds no contract model.`);
  return c as Contract;
}
