import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Diagnostic } from '../contract/diagnostic.js';
import type { LocatedDiagnostic } from './format-diagnostics.js';

/** Resolves each diagnostic's file for display (relative to `cwd`) and reads its source once, for code frames. */
export function locateDiagnostics(
  diagnostics: readonly Diagnostic[],
  contractsDir: string,
  cwd: string,
): LocatedDiagnostic[] {
  const sources = new Map<string, string | undefined>();
  return diagnostics.map((diagnostic) => {
    if (!diagnostic.span) return { diagnostic };
    const full = join(contractsDir, diagnostic.span.file);
    if (!sources.has(full)) sources.set(full, readOrUndefined(full));
    const source = sources.get(full);
    const file = relative(cwd, full) || full;
    return source === undefined ? { diagnostic, file } : { diagnostic, file, source };
  });
}

function readOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
