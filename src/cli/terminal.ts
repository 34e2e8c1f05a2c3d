import { ansi, type Colors } from './format-diagnostics.js';

/** Where the CLI prints: stdout for results, stderr for diagnostics and progress. */
export interface Terminal {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Colours on a TTY unless NO_COLOR is set (https://no-color.org); plain otherwise. */
  readonly colors: Colors | undefined;
  readonly cwd: string;
  /** stderr is an interactive terminal (progress lines only go there). */
  readonly isTTY: boolean;
}

/** The real terminal of this process. */
export function terminal(): Terminal {
  const useColor =
    Boolean(process.stderr.isTTY) && !('NO_COLOR' in process.env) && process.env['TERM'] !== 'dumb';
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    colors: useColor ? ansi : undefined,
    cwd: process.cwd(),
    isTTY: Boolean(process.stderr.isTTY),
  };
}
