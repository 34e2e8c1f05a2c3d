import { resolve, sep } from 'node:path';
import type { HostEntry, HostStat, ReaderHost } from './reader-host.js';

/** A {@link ReaderHost} held in memory, whose files can be set and dropped. */
export interface MemoryHost extends ReaderHost {
  /**
   * Sets the text of the file at `path`, or drops it (`undefined`): what the
   * host below has there shows through again.
   */
  set(path: string, text: string | undefined): void;
}

/**
 * A host over a map of path to text, optionally laid over another host
 * (`below`): its files hide those at the same paths below (an editor's
 * unsaved text over the disk), and the folders of both are merged. Folders
 * exist in memory only as the folders of its files. Paths are resolved
 * (`path.resolve`) so any spelling of one path names one file. Without
 * `below`, nothing but the given files exists: a git revision read into
 * memory sees nothing of the working tree.
 */
export function createMemoryHost(
  files: Iterable<readonly [string, string]> = [],
  below?: ReaderHost,
): MemoryHost {
  const texts = new Map<string, { readonly text: string; readonly version: string }>();
  // One counter for the host: a file dropped and set again never repeats a version.
  let writes = 0;
  const set = (path: string, text: string | undefined) => {
    if (text === undefined) texts.delete(resolve(path));
    else texts.set(resolve(path), { text, version: `memory:${++writes}` });
  };
  for (const [path, text] of files) set(path, text);

  const prefixOf = (folder: string) => (folder.endsWith(sep) ? folder : `${folder}${sep}`);
  const hasOwnUnder = (folder: string) => {
    const prefix = prefixOf(folder);
    for (const path of texts.keys()) if (path.startsWith(prefix)) return true;
    return false;
  };
  /** The names directly in `folder` among the files in memory, each a file or a folder. */
  const ownEntries = (folder: string): Map<string, HostEntry> => {
    const prefix = prefixOf(folder);
    const entries = new Map<string, HostEntry>();
    for (const path of texts.keys()) {
      if (!path.startsWith(prefix)) continue;
      const rest = path.slice(prefix.length);
      const cut = rest.indexOf(sep);
      const name = cut < 0 ? rest : rest.slice(0, cut);
      if (!entries.has(name) || cut >= 0)
        entries.set(name, { name, kind: cut < 0 ? 'file' : 'folder' });
    }
    return entries;
  };

  return {
    set,
    stat(path) {
      const at = resolve(path);
      const own = texts.get(at);
      if (own) return { kind: 'file', version: own.version } satisfies HostStat;
      if (hasOwnUnder(at)) return { kind: 'folder', version: 'memory' };
      return below?.stat(at);
    },
    list(path) {
      const at = resolve(path);
      const own = ownEntries(at);
      const under = below?.list(at);
      if (own.size === 0) return under;
      // A name in memory hides the same name below (a file set where a folder was, say).
      return [...(under ?? []).filter((entry) => !own.has(entry.name)), ...own.values()];
    },
    readFile(path) {
      const at = resolve(path);
      return texts.get(at)?.text ?? below?.readFile(at);
    },
  };
}
