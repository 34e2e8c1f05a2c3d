import type { Span } from './model.js';

/** How bad a diagnostic is: an `error` fails the run (exit 1); a `warning` is printed and the run goes on. */
export type Severity = 'error' | 'warning';

/**
 * A problem found in the contracts: data, never an exception. `code` is
 * stable (`CG101`) and documented in docs/diagnostics.md; `span` points at
 * the offending member so editors and CI can annotate it.
 */
export interface Diagnostic {
  readonly code: string;
  readonly severity: Severity;
  /** What is wrong, naming the construct (`Callback method 'ChatEvents.ping' returns 'string'`). */
  readonly message: string;
  /** How to fix it, when there is something to say. */
  readonly hint?: string;
  /** Absent only for problems with no place in a file (an empty contracts folder). */
  readonly span?: Span;
}

/** Sorts by file, line, column, then code: the order every output uses. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  const fa = a.span?.file ?? '';
  const fb = b.span?.file ?? '';
  if (fa !== fb) return fa < fb ? -1 : 1;
  const d =
    (a.span?.line ?? 0) - (b.span?.line ?? 0) || (a.span?.column ?? 0) - (b.span?.column ?? 0);
  if (d !== 0) return d;
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}
