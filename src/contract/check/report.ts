import type { Diagnostic } from '../diagnostic.js';
import type { Span } from '../model.js';
import type { DiagnosticCode } from '../codes.js';

/** An `error` diagnostic; `hint` is left out when empty (the model uses exact optional properties). */
export function error(
  code: DiagnosticCode,
  span: Span | undefined,
  message: string,
  hint?: string,
): Diagnostic {
  return build(code, 'error', span, message, hint);
}

/** A `warning` diagnostic: printed, but the run goes on. */
export function warning(
  code: DiagnosticCode,
  span: Span | undefined,
  message: string,
  hint?: string,
): Diagnostic {
  return build(code, 'warning', span, message, hint);
}

function build(
  code: DiagnosticCode,
  severity: Diagnostic['severity'],
  span: Span | undefined,
  message: string,
  hint: string | undefined,
): Diagnostic {
  return {
    code,
    severity,
    message,
    ...(hint ? { hint } : {}),
    ...(span ? { span } : {}),
  };
}
