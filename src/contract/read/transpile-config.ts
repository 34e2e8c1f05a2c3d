import { ts } from './typescript.js';

/**
 * Turns a `contract-gen.config.ts` into an ES module. Lives with the reader
 * because this is the one folder allowed to load the TypeScript compiler.
 */
export function transpileConfig(source: string, fileName: string): string {
  return ts.transpileModule(source, {
    fileName,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
  }).outputText;
}
