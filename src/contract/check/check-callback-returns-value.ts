import { codes } from '../codes.js';
import type { Diagnostic } from '../diagnostic.js';
import type { Contract } from '../model.js';
import { inferredCallbackNote, markAsCallbackHint } from './describe.js';
import { error } from './report.js';

/**
 * CG101: every callback method returns `void`. Anything else, `Promise<void>`
 * included, is an error: callbacks are delivered as one-way events through a
 * per-client queue, possibly minutes later, so the server has nothing to
 * await. Reported at the return annotation.
 */
export function checkCallbackReturnsValue(contract: Contract): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const cb of contract.callbacks) {
    for (const m of cb.methods) {
      // A returned service is CG121's.
      if (m.returns.kind === 'void' || m.returns.kind === 'service') continue;
      // A missing annotation is implicitly `any`; say so rather than print ''.
      const found = m.returnsText.trim() || 'any';
      out.push(
        error(
          codes.callbackReturnsValue,
          m.returnsSpan,
          `Callback method '${cb.name}.${m.name}' returns '${found}', but callbacks are one-way: the server never waits for a result.` +
            inferredCallbackNote(contract, cb),
          `Declare it as '${m.name}(...): void'. To get data back, add a service method the client calls.` +
            markAsCallbackHint(cb),
        ),
      );
    }
  }
  return out;
}
