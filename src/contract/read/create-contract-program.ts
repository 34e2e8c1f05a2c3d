import { ts } from './typescript.js';
import { contractGenModulePath, contractGenSourceFile } from './contract-gen-module.js';
import { compilerPath } from './contract-sources.js';
import { libFolder, libSourceFile, readLibFile } from './lib-files.js';
import { resolveContractImport } from './resolve-contract-import.js';

/**
 * contract-gen's own compiler options, never the user's tsconfig: the
 * ES2022 library without DOM, strict, no `@types`.
 */
export const contractCompilerOptions: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2022.d.ts'],
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  strict: true,
  types: [],
  noEmit: true,
  skipLibCheck: true,
  allowImportingTsExtensions: true,
};

/**
 * A program over already parsed contract files. Module resolution is ours
 * (the same policy that reports CG002): other contract files and the
 * in-memory 'contract-gen' resolve, nothing else does, so nothing outside
 * the folder is ever read. `oldProgram` lets TypeScript reuse what did not change.
 */
export function createContractProgram(
  dir: string,
  sourceFiles: readonly ts.SourceFile[],
  oldProgram?: ts.Program,
): ts.Program {
  const byName = new Map(sourceFiles.map((sf) => [sf.fileName, sf]));
  const host: ts.CompilerHost = {
    getSourceFile: (fileName, options) =>
      byName.get(fileName) ??
      (fileName === contractGenModulePath
        ? contractGenSourceFile()
        : libSourceFile(fileName, languageVersionOf(options))),
    getDefaultLibFileName: () => `${libFolder}/lib.es2022.d.ts`,
    getDefaultLibLocation: () => libFolder,
    writeFile: () => undefined,
    getCurrentDirectory: () => dir,
    getCanonicalFileName: (fileName) => fileName,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => '\n',
    fileExists: (fileName) =>
      byName.has(fileName) ||
      fileName === contractGenModulePath ||
      readLibFile(fileName) !== undefined,
    readFile: (fileName) => byName.get(fileName)?.text ?? readLibFile(fileName),
    resolveModuleNameLiterals: (literals, containingFile) =>
      literals.map((literal) => ({
        resolvedModule: resolveModule(literal.text, containingFile, dir, byName),
      })),
  };
  return ts.createProgram({
    rootNames: [...byName.keys(), contractGenModulePath],
    options: contractCompilerOptions,
    host,
    ...(oldProgram ? { oldProgram } : {}),
  });
}

function resolveModule(
  specifier: string,
  containingFile: string,
  dir: string,
  byName: ReadonlyMap<string, ts.SourceFile>,
): ts.ResolvedModuleFull | undefined {
  const found = resolveContractImport(specifier, containingFile, dir, (path) =>
    byName.has(compilerPath(path)),
  );
  if (found.kind === 'contract-gen') {
    return { resolvedFileName: contractGenModulePath, extension: ts.Extension.Dts };
  }
  return found.kind === 'file'
    ? {
        resolvedFileName: compilerPath(found.path),
        extension: found.path.endsWith('.d.ts') ? ts.Extension.Dts : ts.Extension.Ts,
      }
    : undefined;
}

function languageVersionOf(options: ts.ScriptTarget | ts.CreateSourceFileOptions): ts.ScriptTarget {
  return typeof options === 'number' ? options : options.languageVersion;
}
