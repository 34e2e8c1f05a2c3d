import type { Terminal } from './terminal.js';

/** What the pipeline is doing, for a progress line. */
export type Phase = 'reading' | 'checking' | 'emitting' | 'writing';

/**
 * A one-line progress indicator on stderr, shown only on a terminal and only
 * when a run takes more than a moment (so quick runs and CI logs stay clean).
 */
export interface Progress {
  phase(phase: Phase, detail?: string): void;
  done(): void;
}

const silent: Progress = { phase: () => {}, done: () => {} };
const delayMs = 250;

export function createProgress(term: Terminal, enabled: boolean): Progress {
  if (!enabled || !term.isTTY) return silent;
  let text = '';
  let shown = false;
  const render = () => {
    shown = true;
    term.err(`\r\u001b[2K${text}`);
  };
  const timer = setTimeout(render, delayMs);
  return {
    phase(phase, detail) {
      text = `contract-gen: ${phase}${detail ? ` ${detail}` : ''}…`;
      if (shown) render();
    },
    done() {
      clearTimeout(timer);
      if (shown) term.err('\r\u001b[2K');
    },
  };
}
