import { createProject, ts } from './typescript.js';

/** Where the standard library declarations live for our programs (a virtual folder, never read from disk). */
export const libFolder = '/node_modules/typescript/lib';

let libHost: ts.ModuleResolutionHost | undefined;
const parsed = new Map<string, ts.SourceFile | undefined>();

/**
 * The text of a standard-library file (`lib.es2022.d.ts`...). ts-morph ships
 * them in memory, so they come from there, whatever TypeScript the user has
 * installed (if any).
 */
export function readLibFile(fileName: string): string | undefined {
  libHost ??= createProject({ useInMemoryFileSystem: true }).getModuleResolutionHost();
  return fileName.startsWith(`${libFolder}/`) ? libHost.readFile(fileName) : undefined;
}

/**
 * A standard-library file, parsed once per process: every program reuses
 * it (the binder binds a file once; TypeScript's language service shares
 * library files between programs the same way).
 */
export function libSourceFile(
  fileName: string,
  languageVersion: ts.ScriptTarget,
): ts.SourceFile | undefined {
  if (!parsed.has(fileName)) {
    const text = readLibFile(fileName);
    parsed.set(
      fileName,
      text === undefined
        ? undefined
        : ts.createSourceFile(fileName, text, languageVersion, false, ts.ScriptKind.TS),
    );
  }
  return parsed.get(fileName);
}
