import { codes } from '../codes.js';
import type { Diagnostic } from '../diagnostic.js';
import type { Contract } from '../model.js';
import { error } from './report.js';

/**
 * CG104: every service method returns `Promise<T>` (`Promise<void>` when
 * there is nothing to return). A call crosses the network, so the client
 * proxy can only ever hand back a promise; declaring anything else would make
 * the contract's own interface lie about the generated client.
 */
export function checkServiceMethodNotPromise(contract: Contract): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const service of contract.services) {
    for (const m of service.methods) {
      if (m.returns.kind === 'promise') continue;
      const found = m.returnsText.trim() || 'any';
      // `void` becomes `Promise<void>`; a missing annotation has nothing to wrap.
      const wrapped = m.returns.kind === 'void' ? 'void' : m.returnsText.trim() || 'T';
      out.push(
        error(
          codes.serviceMethodNotPromise,
          m.returnsSpan,
          `Service method '${service.name}.${m.name}' returns '${found}', but service methods are called over the network and must return a Promise.`,
          `Declare it as '${m.name}(...): Promise<${wrapped}>'. The server handler may still return the value directly.`,
        ),
      );
    }
  }
  return out;
}
