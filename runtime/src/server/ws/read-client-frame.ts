import { ContractError } from '../../protocol/contract-error.js';
import { CALL_ID_PATTERN, isSeq, MAX_SEQ } from '../../protocol/messages.js';
import type { ClientFrame } from '../../protocol/ws-frames.js';
import type { DecodeLimits } from '../../schema/limits.js';
import { CLIENT_FRAME, parseLimitedJson } from '../json/parse-limited-json.js';

/**
 * Parses and checks one client frame (docs/protocol.md, WebSocket binding).
 * A frame that breaks the protocol is a `BAD_REQUEST` saying what is wrong;
 * the session then closes the socket. A frame over the limits gets the
 * pre-scan's code (`TOO_DEEP`, ...) and closes the socket the same way: a
 * frame that is not read has no id to answer. `limits.maxItems` bounds a
 * release's list.
 */
export function readClientFrame(text: string, limits: DecodeLimits): ClientFrame | ContractError {
  const parsed = parseLimitedJson(text, limits, CLIENT_FRAME);
  if (parsed instanceof ContractError) return parsed;
  const frame: unknown = parsed;
  const maxItems = limits.maxItems;
  if (typeof frame !== 'object' || frame === null || Array.isArray(frame))
    return bad('A frame must be a JSON object with a "type".');
  const f = frame as Record<string, unknown>;
  switch (f['type']) {
    case 'call':
      if (!isId(f['id'])) return bad('A call frame needs an "id": a non-negative integer.');
      if (!isName(f['service']) || !isName(f['method']))
        return bad(
          'A call frame needs "service" and "method" names, e.g. {"type":"call","id":1,"service":"Chat","method":"post","args":["hi"]}.',
        );
      if (
        f['call'] !== undefined &&
        !(typeof f['call'] === 'string' && CALL_ID_PATTERN.test(f['call']))
      )
        return bad(
          '"call" of a call frame must be a call id: 1 to 64 characters of A-Z a-z 0-9 _ -.',
        );
      return frame as ClientFrame;
    case 'ack':
      return isSeq(f['seq'])
        ? (frame as ClientFrame)
        : bad(`An ack frame needs "seq": the last seq processed (0 to ${MAX_SEQ}).`);
    case 'pong':
      return frame as ClientFrame;
    case 'hello':
      if (f['client'] !== undefined && (typeof f['client'] !== 'string' || f['client'] === ''))
        return bad('"client" of a hello frame must be a client id.');
      if (f['after'] !== undefined && !isSeq(f['after']))
        return bad(`"after" of a hello frame must be an integer from 0 to ${MAX_SEQ}.`);
      return frame as ClientFrame;
    case 'release':
      if (!isId(f['id'])) return bad('A release frame needs an "id": a non-negative integer.');
      return isIdList(f['callbacks'], maxItems)
        ? (frame as ClientFrame)
        : bad(
            `"callbacks" of a release frame must be an array of at most ${maxItems} callback ids.`,
          );
    case 'close':
      return isId(f['id'])
        ? (frame as ClientFrame)
        : bad('A close frame needs an "id": a non-negative integer.');
    default:
      return bad(
        `Unknown frame type ${JSON.stringify(f['type'])?.slice(0, 40)}; a client sends hello, call, ack, release, close, pong.`,
      );
  }
}

function isId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** A service or method name: one path segment. */
function isName(value: unknown): value is string {
  return typeof value === 'string' && value !== '' && !value.includes('/');
}

function isIdList(value: unknown, max: number): boolean {
  return Array.isArray(value) && value.length <= max && value.every(isId);
}

function bad(message: string): ContractError {
  return new ContractError('BAD_REQUEST', message);
}
