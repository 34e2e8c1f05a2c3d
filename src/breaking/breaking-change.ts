import type { Diagnostic } from '../contract/diagnostic.js';
import { compareDiagnostics } from '../contract/diagnostic.js';

/**
 * Which contracts a breaking change's span is in. A change points into the
 * NEW contracts, except a removal of something that has a place of its own
 * (a service, method, callback, parameter, property, enum member): that
 * points at where it WAS, in the old contracts.
 */
export type ChangeSide = 'new' | 'old';

/** One change that breaks existing clients or servers: a diagnostic (code CG4xx, always an error) and the side its span is in. */
export interface BreakingChange {
  readonly diagnostic: Diagnostic;
  readonly side: ChangeSide;
}

/** Collects changes once each (a named type reached from two places is reported once) and hands them back sorted: new side first, then by place. */
export class ChangeCollector {
  readonly #changes = new Map<string, BreakingChange>();

  add(change: BreakingChange): void {
    const d = change.diagnostic;
    const key = `${change.side}|${d.code}|${d.span?.file}:${d.span?.line}:${d.span?.column}|${d.message}`;
    if (!this.#changes.has(key)) this.#changes.set(key, change);
  }

  sorted(): BreakingChange[] {
    return [...this.#changes.values()].sort((a, b) =>
      a.side === b.side
        ? compareDiagnostics(a.diagnostic, b.diagnostic)
        : a.side === 'new'
          ? -1
          : 1,
    );
  }
}
