import type { WireEvent, WireGap } from '../protocol/messages.js';

/**
 * The JSON body of one webhook request (docs/webhooks.md): a batch of the
 * events of one sender queue, in seq order. `queue` names the queue (seqs
 * count per queue), `type` the callback interface.
 */
export interface WebhookBody {
  readonly type: string;
  readonly queue: string;
  readonly events: readonly WireEvent[];
  /** Present when events of this queue were dropped before delivery (see `WireGap`). */
  readonly gap?: WireGap;
}

/** The headers of a webhook request (Standard Webhooks). */
export const WEBHOOK_ID = 'webhook-id';
export const WEBHOOK_TIMESTAMP = 'webhook-timestamp';
export const WEBHOOK_SIGNATURE = 'webhook-signature';

/**
 * The body's text from event texts as the store keeps them
 * (`{"seq":n,"cb":1,"method":...,"args":[...]}`), joined without parsing.
 */
export function webhookBodyText(
  type: string,
  queue: string,
  events: readonly string[],
  gap: WireGap | undefined,
): string {
  const head = `{"type":${JSON.stringify(type)},"queue":${JSON.stringify(queue)},"events":[`;
  const tail = gap === undefined ? ']}' : `],"gap":${JSON.stringify(gap)}}`;
  return head + events.join(',') + tail;
}

/** The `webhook-id` of a batch: its queue and seq range, so a batch sent again keeps its id. */
export function webhookId(queue: string, first: number, last: number): string {
  return `msg_${queue}_${first}_${last}`;
}
