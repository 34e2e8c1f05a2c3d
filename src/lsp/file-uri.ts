import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The path of a `file:` URI; undefined for any other scheme (`untitled:`, `git:`), which has no place in the contracts folder. */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return resolve(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

export function pathToUri(path: string): string {
  return pathToFileURL(path).href;
}
