import { statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * What is wrong with an output folder before anything is written, or
 * undefined: a path that names a file (writing under it would fail half-way),
 * or a folder inside the contracts folder (generated `.ts` files would be read
 * as contracts by the next run). `out` and `dir` are as the user gave them,
 * relative to `cwd`.
 */
export function outDirProblem(out: string, dir: string, cwd: string): string | undefined {
  const outPath = resolve(cwd, out);
  const dirPath = resolve(cwd, dir);
  const kind = kindAt(outPath);
  if (kind !== undefined && kind !== 'folder')
    return `--out '${out}' is a file, not a folder: generated code goes into a folder of its own (e.g. --out generated).`;
  if (isInside(outPath, dirPath))
    return `--out '${out}' is inside the contracts folder '${dir}': the next run would read the generated files as contracts. Choose a folder beside it (e.g. --out generated).`;
  return undefined;
}

function kindAt(path: string): 'folder' | 'file' | undefined {
  try {
    return statSync(path).isDirectory() ? 'folder' : 'file';
  } catch {
    return undefined;
  }
}

/** `path` is `folder` or somewhere under it. */
function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`));
}
