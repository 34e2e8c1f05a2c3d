import type { compileCallbackInterface } from '../client/compile-callback-interface.js';
import { ContractError } from '../protocol/contract-error.js';
import type { WireGap } from '../protocol/messages.js';
import { decode } from '../schema/decode.js';
import type { DecodeLimits } from '../schema/limits.js';

/** One event of a batch, checked and decoded. */
export interface DecodedEvent {
  readonly seq: number;
  readonly method: string;
  readonly args: unknown[];
}

/** A webhook body checked against its callback interface. */
export interface DecodedBatch {
  readonly queue: string;
  readonly events: readonly DecodedEvent[];
  readonly gap: WireGap | undefined;
}

/** The batch checked as a whole before any handler runs: a bad event fails the request, with its path. */
export function decodeWebhookBatch(
  text: string,
  type: string,
  methods: ReturnType<typeof compileCallbackInterface>,
  limits: Partial<DecodeLimits> | undefined,
): DecodedBatch {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ContractError('BAD_REQUEST', 'The webhook body is not JSON.');
  }
  const { queue, events, gap } = (body ?? {}) as Record<string, unknown>;
  if ((body as { type?: unknown } | null)?.type !== type)
    throw bad('type', `"${type}"`, 'This receiver takes the events of one callback interface.');
  if (typeof queue !== 'string' || queue === '')
    throw bad('queue', 'a non-empty string', 'The body names the queue its seqs count in.');
  if (!Array.isArray(events)) throw bad('events', 'an array', 'The body carries its events.');
  const decoded: DecodedEvent[] = [];
  let before = 0;
  for (let i = 0; i < events.length; i++) {
    const event = events[i] as Record<string, unknown> | null;
    const seq = event?.seq;
    if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq <= before)
      throw bad(`events[${i}].seq`, 'an integer above the one before', 'Events come in seq order.');
    before = seq;
    if (typeof event?.released === 'string') continue;
    const method = event?.method;
    const schema = typeof method === 'string' ? methods[method]?.args : undefined;
    if (schema === undefined)
      throw bad(`events[${i}].method`, 'a method of the callback interface', 'Unknown method.');
    const args = decode(schema, event?.args, `events[${i}].args`, limits);
    decoded.push({ seq, method: method as string, args });
  }
  return { queue, events: decoded, gap: isGap(gap) ? gap : undefined };
}

function isGap(value: unknown): value is WireGap {
  const gap = value as Partial<WireGap> | undefined;
  return typeof gap?.from === 'number' && typeof gap.to === 'number';
}

function bad(path: string, expected: string, message: string): ContractError {
  return new ContractError('BAD_ARGUMENT', `${message} (${path}: expected ${expected}).`, {
    path,
    expected,
  });
}
