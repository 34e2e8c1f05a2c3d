import { codes } from '../codes.js';
import type { Diagnostic } from '../diagnostic.js';
import type { Contract } from '../model.js';
import { error } from './report.js';

/**
 * CG003 (its second half; the reader reports a folder without `.ts` files):
 * contract files that declare no service. Nothing could be called, so the
 * folder is most likely the wrong one (a folder of shared types) or the
 * `extends Service` marker is missing. No span: the problem is the folder.
 * Skipped for a folder without files, which the reader already reported.
 */
export function checkNoService(contract: Contract): Diagnostic[] {
  if (contract.services.length > 0 || contract.files.length === 0) return [];
  const shown = contract.files.slice(0, 5).join(', ') + (contract.files.length > 5 ? ', ...' : '');
  return [
    error(
      codes.emptyContracts,
      undefined,
      `No contract file declares a service (read: ${shown}), so there is nothing for a client to call.`,
      "Mark the interface clients call with 'extends Service', e.g. 'export interface Chat extends Service { join(room: string): Promise<void> }', importing it with 'import type { Service } from 'contract-gen''.",
    ),
  ];
}
