import { readFileSync } from 'node:fs';
import { ts } from 'ts-morph';
import type { ContractFile } from './list-contract-files.js';

/** The parsed contract files of one folder, kept between reads. */
export interface ContractSources {
  /**
   * The SourceFile of each listed file, in order. A file is read again when
   * new or marked `changed`, and parsed again only if its text differs.
   * Files no longer listed are forgotten.
   */
  update(files: readonly ContractFile[], changed: ReadonlySet<string>): ts.SourceFile[];
}

/**
 * Parent pointers are set while parsing: the reader walks syntax without
 * binding (the checker is created only when a type needs it). JSDoc is not
 * parsed into nodes (a good share of parse time): the reader reads the few
 * doc comments it keeps from the text.
 */
export function parseContractFile(fileName: string, text: string): ts.SourceFile {
  const options = {
    languageVersion: ts.ScriptTarget.ES2022,
    jsDocParsingMode: ts.JSDocParsingMode.ParseNone,
  };
  return ts.createSourceFile(fileName, text, options, true, ts.ScriptKind.TS);
}

export function createContractSources(): ContractSources {
  let cache = new Map<string, { readonly text: string; readonly sourceFile: ts.SourceFile }>();
  return {
    update(files, changed) {
      const next = new Map<string, { readonly text: string; readonly sourceFile: ts.SourceFile }>();
      const sourceFiles = files.map((file) => {
        let entry = cache.get(file.absolutePath);
        if (!entry || changed.has(file.absolutePath)) {
          const text = readFileSync(file.absolutePath, 'utf8');
          if (text !== entry?.text) {
            entry = { text, sourceFile: parseContractFile(compilerPath(file.absolutePath), text) };
          }
        }
        next.set(file.absolutePath, entry);
        return entry.sourceFile;
      });
      cache = next;
      return sourceFiles;
    },
  };
}

/** The compiler names files with `/` on every platform. */
export function compilerPath(path: string): string {
  return path.replace(/\\/g, '/');
}
