import type { Diagnostic } from '../contract/diagnostic.js';

/** The output formats of `check` and `generate`. */
export type DiagnosticFormat = 'text' | 'json' | 'github';

/** A diagnostic with its file resolved for display (relative to the current folder). */
export interface LocatedDiagnostic {
  readonly diagnostic: Diagnostic;
  /** The path to print, or undefined for diagnostics with no place. */
  readonly file?: string;
  /** The source text of the file, for code frames (text format only). */
  readonly source?: string;
}

export interface Colors {
  readonly red: (s: string) => string;
  readonly yellow: (s: string) => string;
  readonly cyan: (s: string) => string;
  readonly grey: (s: string) => string;
}

const plain: Colors = { red: (s) => s, yellow: (s) => s, cyan: (s) => s, grey: (s) => s };

/** ANSI colours, for a terminal that wants them (the CLI decides: TTY and no NO_COLOR). */
export const ansi: Colors = {
  red: (s) => `\u001b[91m${s}\u001b[0m`,
  yellow: (s) => `\u001b[93m${s}\u001b[0m`,
  cyan: (s) => `\u001b[96m${s}\u001b[0m`,
  grey: (s) => `\u001b[90m${s}\u001b[0m`,
};

/**
 * Prints diagnostics the way tsc does (`path:line:col - error CG101: ...`, then
 * a code frame) so editors' problem matchers and people read them alike.
 */
export function formatText(items: readonly LocatedDiagnostic[], colors: Colors = plain): string {
  return items.map((item) => formatOne(item, colors)).join('\n');
}

function formatOne({ diagnostic: d, file, source }: LocatedDiagnostic, c: Colors): string {
  const severity = d.severity === 'error' ? c.red('error') : c.yellow('warning');
  const where =
    file && d.span
      ? `${c.cyan(file)}:${c.yellow(String(d.span.line))}:${c.yellow(String(d.span.column))} - `
      : '';
  const lines = [`${where}${severity} ${c.grey(`${d.code}:`)} ${d.message}`];
  const frame =
    source && d.span
      ? codeFrame(source, d.span.line, d.span.column, d.span.endLine, d.span.endColumn, c)
      : '';
  if (frame) lines.push('', frame);
  if (d.hint) lines.push('', `  ${c.grey('hint:')} ${d.hint.split('\n').join('\n        ')}`);
  return `${lines.join('\n')}\n`;
}

/** The offending line with its number and a `~~~` underline, as tsc prints it. */
function codeFrame(
  source: string,
  line: number,
  column: number,
  endLine: number,
  endColumn: number,
  c: Colors,
): string {
  const text = source.split(/\r?\n/)[line - 1];
  if (text === undefined) return '';
  const gutter = String(line);
  const end = endLine === line ? Math.max(endColumn, column + 1) : text.length + 1;
  const underline = ' '.repeat(column - 1) + '~'.repeat(Math.max(1, end - column));
  return `${c.grey(gutter)} ${text}\n${' '.repeat(gutter.length)} ${c.red(underline)}`;
}

/** One JSON document: an array of diagnostics with stable field names. */
export function formatJson(items: readonly LocatedDiagnostic[]): string {
  return `${JSON.stringify(items.map(toJson), null, 2)}\n`;
}

/** One diagnostic as a JSON-ready object (also what watch mode streams, one per line). */
export function toJson({ diagnostic: d, file }: LocatedDiagnostic) {
  return {
    code: d.code,
    severity: d.severity,
    file: file ?? null,
    line: d.span?.line ?? null,
    column: d.span?.column ?? null,
    endLine: d.span?.endLine ?? null,
    endColumn: d.span?.endColumn ?? null,
    message: d.message,
    hint: d.hint ?? null,
  };
}

/** GitHub Actions workflow commands, so CI annotates the offending lines. */
export function formatGithub(items: readonly LocatedDiagnostic[]): string {
  return items
    .map(({ diagnostic: d, file }) => {
      const props = [
        file ? `file=${escapeProperty(file)}` : '',
        d.span
          ? `line=${d.span.line},col=${d.span.column},endLine=${d.span.endLine},endColumn=${d.span.endColumn}`
          : '',
        `title=${d.code}`,
      ].filter(Boolean);
      const message = d.hint ? `${d.message} ${d.hint}` : d.message;
      return `::${d.severity} ${props.join(',')}::${escapeData(message)}\n`;
    })
    .join('');
}

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
