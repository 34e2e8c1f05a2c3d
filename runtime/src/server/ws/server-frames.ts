import type { ContractError } from '../../protocol/contract-error.js';
import type { ClientEndReason } from '../../protocol/messages.js';
import { toErrorBody } from '../../protocol/to-error-body.js';
import type { CallOutput } from '../call-input.js';
import { goneError } from '../events/gone-error.js';

/** The server's frames as text (docs/protocol.md, WebSocket binding); events frames are built by the pump. */

/** `answer`: the HTTP status and the members of the HTTP body (`"result"` or `"error"`), spliced without re-parsing. */
export function answerFrame(id: number, output: CallOutput): string {
  return `{"type":"answer","id":${id},"status":${output.status},${output.body.slice(1)}`;
}

/** `gone`: the 410 body for a client that is not live. */
export function goneFrame(reason: ClientEndReason): string {
  const { body } = toErrorBody(goneError(reason));
  return JSON.stringify({ type: 'gone', status: 410, ...body });
}

/** `error`: a frame broke the protocol. */
export function errorFrame(error: ContractError): string {
  const { status, body } = toErrorBody(error);
  return JSON.stringify({ type: 'error', status, ...body });
}

/** `ping`. */
export const PING_FRAME = '{"type":"ping"}';
