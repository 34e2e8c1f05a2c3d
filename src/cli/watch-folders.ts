import { readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';

/** Watchers on a folder tree; `close` stops them all. */
export interface FolderWatch {
  close(): void;
}

/**
 * Watches `root` and every folder under it (but `node_modules`, dot-folders
 * and what `skip` says), one non-recursive `fs.watch` per folder, and calls
 * `onChange` with the full path of each entry that changes. Folders made
 * later are watched from their first event on; folders removed are let go.
 * `folder` says the path is, or was until this event, a folder.
 *
 * Why not `fs.watch(root, { recursive: true })`: on Linux, Node 20 builds it
 * from one inotify watch per file, and a file replaced by a rename (`sed -i`,
 * editors' atomic saves: write `x.ts.tmp`, rename it over `x.ts`) is a new
 * inode its watch never sees, so only the first save was noticed. A watch on
 * the folder sees every rename into it. Why not chokidar or @parcel/watcher:
 * chokidar 4 does this same thing (fs.watch per folder) with two more
 * packages; @parcel/watcher is a native addon with an install script and
 * batches events (about 50 ms per save measured, against under 1–9 ms here;
 * docs/editors.md, "Watch mode").
 */
export function watchFolders(
  root: string,
  onChange: (path: string, folder: boolean) => void,
  skip: (path: string) => boolean = () => false,
): FolderWatch {
  const watchers = new Map<string, FSWatcher>();
  let closed = false;

  const add = (folder: string): void => {
    if (closed || watchers.has(folder) || skip(folder)) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(folder, (_event, name) => {
        if (!name) return onChange(folder, true);
        const path = join(folder, name.toString());
        const was = watchers.has(path);
        const now = isFolder(path);
        if (was && !now) drop(path);
        else if (!was && now && watchable(name.toString())) add(path);
        onChange(path, was || now);
      });
    } catch {
      return; // Gone before it could be watched: its parent's event said so already.
    }
    // A removed folder's watcher ends with an error on some platforms: let it go.
    watcher.on('error', () => drop(folder));
    watchers.set(folder, watcher);
    for (const entry of list(folder)) {
      if (entry.isDirectory() && watchable(entry.name)) add(join(folder, entry.name));
    }
  };
  const drop = (folder: string): void => {
    for (const [path, watcher] of watchers) {
      if (path === folder || path.startsWith(`${folder}/`) || path.startsWith(`${folder}\\`)) {
        watcher.close();
        watchers.delete(path);
      }
    }
  };

  add(root);
  return {
    close() {
      closed = true;
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}

function watchable(name: string): boolean {
  return name !== 'node_modules' && !name.startsWith('.');
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function list(folder: string) {
  try {
    return readdirSync(folder, { withFileTypes: true });
  } catch {
    return [];
  }
}
