import { readdirSync, readFileSync, statSync, type Dirent, type Stats } from 'node:fs';
import type { HostEntry, HostEntryKind, ReaderHost } from './reader-host.js';

/**
 * The file system as a {@link ReaderHost}. `stat` follows symbolic links
 * (the contracts folder may be one); `list` does not: a link inside the
 * folder is neither a file nor a folder to the reader, which never followed
 * them (a link loop cannot hang a read).
 */
export function createDiskHost(): ReaderHost {
  return {
    stat(path) {
      let stats: Stats;
      try {
        stats = statSync(path);
      } catch {
        return undefined;
      }
      return { kind: kindOf(stats), version: `${stats.mtimeMs}:${stats.size}` };
    },
    list(path) {
      let entries: Dirent[];
      try {
        entries = readdirSync(path, { withFileTypes: true });
      } catch (error) {
        // Gone, or not a folder (it changed since it was stat'ed): nothing to list. Anything else (no permission) is a real failure.
        if (isMissing(error)) return undefined;
        throw error;
      }
      return entries.map((entry): HostEntry => ({ name: entry.name, kind: kindOf(entry) }));
    },
    readFile(path) {
      try {
        return readFileSync(path, 'utf8');
      } catch {
        // Deleted since the folder was listed: the reader leaves the file out until the next read.
        return undefined;
      }
    },
  };
}

function kindOf(entry: Dirent | Stats): HostEntryKind {
  return entry.isFile() ? 'file' : entry.isDirectory() ? 'folder' : 'other';
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
