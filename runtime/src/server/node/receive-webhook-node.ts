import type { IncomingMessage, ServerResponse } from 'node:http';
import { tooLarge } from '../../webhooks/read-limited-body.js';
import type { ReceiverCore, WebhookInput } from '../../webhooks/receiver-core.js';
import { BODY_TOO_LARGE } from '../call-input.js';
import { readNodeBody } from './node-call-input.js';
import { nodeWebhookSign } from './node-webhook-sign.js';

/**
 * Answers one webhook request on node:http: the receiver's core fed straight
 * from `IncomingMessage` (headers as node:http parsed them, the body's
 * Buffers read into one string), signatures checked with node:crypto
 * (`nodeWebhookSign`), the answer written as one string. No `Request`, web
 * stream or `Response` is built: on a batch of 100 events that was most of
 * the receiver's cost per request (bench/README.md, webhooks).
 */
export function receiveWebhookNode(
  core: ReceiverCore,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  core(nodeInput(req), nodeWebhookSign).then(
    ({ status, body }) => {
      if (res.destroyed) return;
      const headers: (string | number)[] = [
        'content-type',
        'application/json',
        'content-length',
        Buffer.byteLength(body),
      ];
      // A 413 leaves the body unread (its declared length alone refused it): the connection cannot carry on.
      if (status === 413) headers.push('connection', 'close');
      res.writeHead(status, headers as string[]).end(body);
    },
    () => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(
        '{"error":{"code":"INTERNAL","message":"The server failed while handling the call."}}',
      );
    },
  );
}

function nodeInput(req: IncomingMessage): WebhookInput {
  return {
    method: req.method ?? 'GET',
    header: (name) => {
      const value = req.headers[name];
      return Array.isArray(value) ? value.join(', ') : value;
    },
    text: async (max) => {
      const text = await readNodeBody(req, max);
      if (text === BODY_TOO_LARGE) throw tooLarge(max);
      return text;
    },
  };
}
