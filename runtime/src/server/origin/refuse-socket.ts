import type { ContractError } from '../../protocol/contract-error.js';
import { errorFrame } from '../ws/server-frames.js';
import type { WsPeer, WsSessionHandle } from '../ws/ws-peer.js';

/** What a refused socket still hears from its adapter: nothing it acts on. */
const deaf: WsSessionHandle = { message() {}, closed() {}, drained() {} };

/**
 * Refuses a socket an adapter accepted though the router would not have (a
 * page of an origin it does not allow): the `error` frame, then 1008,
 * before any frame of the peer is read or any hook runs.
 */
export function refuseSocket(peer: WsPeer, refusal: ContractError): WsSessionHandle {
  peer.send(errorFrame(refusal));
  peer.close(1008, 'origin not allowed');
  return deaf;
}
