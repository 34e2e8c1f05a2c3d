import { exitCodes } from './exit-codes.js';
import type { OutputFlags } from './main.js';
import type { Terminal } from './terminal.js';

export interface BreakingArgs extends OutputFlags {
  readonly dir?: string | undefined;
  readonly config?: string | undefined;
  /** A git ref, or a model file saved with `--save`. */
  readonly against?: string | undefined;
  /** Save the contracts' model to this file instead of comparing. */
  readonly save?: string | undefined;
}

/** `contract-gen breaking [dir] --against <git-ref | model file>` and `--save <file>`. */
export async function runBreaking(_args: BreakingArgs, term: Terminal): Promise<number> {
  term.err('contract-gen breaking: not implemented yet.\n');
  return exitCodes.internal;
}
