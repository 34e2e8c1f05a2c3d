import type { ReaderHost } from '../host/reader-host.js';
import { ts } from './typescript.js';
import type { ContractFile } from './list-contract-files.js';

/** The parsed contract files of one folder, kept between reads. */
export interface ContractSources {
  /**
   * The SourceFile of each listed file, in order. A file is read again when
   * new or marked `changed`, and parsed again only if its text differs.
   * Files no longer listed are forgotten; a file that cannot be read any more
   * (deleted since the folder was listed) is left out until the next read.
   */
  update(files: readonly ContractFile[], changed: ReadonlySet<string>): ParsedContract[];
}

export interface ParsedContract {
  readonly file: ContractFile;
  readonly sourceFile: ts.SourceFile;
}

interface Entry {
  readonly text: string;
  readonly sourceFile: ts.SourceFile;
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

/** Sources whose text comes from `host` (the disk, or text held in memory). */
export function createContractSources(host: ReaderHost): ContractSources {
  let cache = new Map<string, Entry>();
  return {
    update(files, changed) {
      const next = new Map<string, Entry>();
      const parsed: ParsedContract[] = [];
      for (const file of files) {
        const path = file.absolutePath;
        const cached = cache.get(path);
        const entry = cached && !changed.has(path) ? cached : reread(host, path, cached);
        if (!entry) continue;
        next.set(path, entry);
        parsed.push({ file, sourceFile: entry.sourceFile });
      }
      cache = next;
      return parsed;
    },
  };
}

function reread(host: ReaderHost, path: string, cached: Entry | undefined): Entry | undefined {
  const text = host.readFile(path);
  if (text === undefined) return undefined;
  return text === cached?.text
    ? cached
    : { text, sourceFile: parseContractFile(compilerPath(path), text) };
}

/** The compiler names files with `/` on every platform. */
export function compilerPath(path: string): string {
  return path.replace(/\\/g, '/');
}
