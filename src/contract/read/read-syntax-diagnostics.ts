import { ts } from './typescript.js';
import { codes } from '../codes.js';
import type { Diagnostic } from '../diagnostic.js';
import { spanOfRange, type FileNamer } from './span-of.js';

/**
 * CG001 for every parse error in a contract file: the compiler's message,
 * where it points. The parser keeps them on the SourceFile (what
 * `program.getSyntacticDiagnostics` returns for a .ts file), so no program is
 * needed; should that internal field ever go, the program is asked instead.
 */
export function readSyntaxDiagnostics(
  sourceFile: ts.SourceFile,
  namer: FileNamer,
  program: () => ts.Program,
): Diagnostic[] {
  const parsed = (sourceFile as { parseDiagnostics?: readonly ts.Diagnostic[] }).parseDiagnostics;
  const found: readonly ts.Diagnostic[] = Array.isArray(parsed)
    ? parsed
    : program().getSyntacticDiagnostics(sourceFile);
  return found.map((d) => {
    const start = d.start ?? 0;
    return {
      code: codes.syntaxError,
      severity: 'error',
      message: `${ts.flattenDiagnosticMessageText(d.messageText, '\n')} (TS${d.code})`,
      span: spanOfRange(namer, sourceFile, start, start + (d.length ?? 0)),
    };
  });
}
