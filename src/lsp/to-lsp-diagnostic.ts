import type { Diagnostic } from '../contract/diagnostic.js';
import { DiagnosticSeverity, type Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import { spanToRange } from './span-range.js';

/**
 * A contract-gen diagnostic as the editor shows it: the stable code
 * (`CG101`, documented in docs/diagnostics.md), source `contract-gen`, the
 * span as the range, and the hint on a line of its own under the message
 * (as the text format prints it). Only for diagnostics with a span.
 */
export function toLspDiagnostic(
  diagnostic: Diagnostic & { readonly span: NonNullable<Diagnostic['span']> },
): LspDiagnostic {
  return {
    range: spanToRange(diagnostic.span),
    severity:
      diagnostic.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    code: diagnostic.code,
    source: 'contract-gen',
    message: diagnostic.hint
      ? `${diagnostic.message}\nhint: ${diagnostic.hint}`
      : diagnostic.message,
  };
}
