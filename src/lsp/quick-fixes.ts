import { codes } from '../contract/codes.js';
import type { Contract } from '../contract/model.js';
import type { Diagnostic as LspDiagnostic, Range, TextEdit } from 'vscode-languageserver';
import { sameRange, spanToRange } from './span-range.js';

export interface QuickFix {
  readonly title: string;
  readonly diagnostic: LspDiagnostic;
  readonly edit: TextEdit;
}

/**
 * Fixes for the diagnostics the editor asks about. One so far, for the
 * commonest mistake, CG101 (a callback method with a result): change the
 * return type to `void`. Offered only when the text at the diagnostic's
 * range is still the return type the check saw (`textAt` reads the current
 * text), so a stale diagnostic never gets an edit that lands elsewhere, and
 * never for a method without a return annotation (its range is the name).
 */
export function quickFixes(
  contract: Contract,
  file: string,
  diagnostics: readonly LspDiagnostic[],
  textAt: (range: Range) => string | undefined,
): QuickFix[] {
  const fixes: QuickFix[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== 'contract-gen' || diagnostic.code !== codes.callbackReturnsValue)
      continue;
    for (const cb of contract.callbacks) {
      const method = cb.methods.find(
        (m) =>
          m.returnsSpan.file === file && sameRange(spanToRange(m.returnsSpan), diagnostic.range),
      );
      if (!method) continue;
      const current = textAt(diagnostic.range);
      if (current !== method.returnsText || current === method.name) continue;
      fixes.push({
        title: `Change the return type of '${cb.name}.${method.name}' to void`,
        diagnostic,
        edit: { range: diagnostic.range, newText: 'void' },
      });
    }
  }
  return fixes;
}
