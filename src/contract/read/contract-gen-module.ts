import { ts } from './typescript.js';

/**
 * Where the 'contract-gen' module lives for the compiler: in memory only,
 * so contracts resolve it wherever the folder is and whatever is installed.
 * Only the markers matter to the reader.
 */
export const contractGenModulePath = '/__contract-gen__/index.d.ts';

let sourceFile: ts.SourceFile | undefined;

/** The in-memory declarations of 'contract-gen', parsed once per process. */
export function contractGenSourceFile(): ts.SourceFile {
  sourceFile ??= ts.createSourceFile(
    contractGenModulePath,
    'export interface Service {}\nexport interface Callback {}\n',
    ts.ScriptTarget.ES2022,
    false,
    ts.ScriptKind.TS,
  );
  return sourceFile;
}
