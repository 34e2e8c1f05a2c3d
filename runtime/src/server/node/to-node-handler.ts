import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { closingUnread, type CallOutput } from '../call-input.js';
import { coreOf, type Router } from '../create-router.js';
import { errorOutput } from '../outputs.js';
import { securityHeaders } from '../security-headers.js';
import { receiverCoreOf } from '../../webhooks/receiver-core.js';
import { NodeCallInput } from './node-call-input.js';
import { receiveWebhookNode } from './receive-webhook-node.js';
import { badHost, isValidHost } from './valid-host.js';

/** A node:http request listener. */
export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Mounts a router in node:http (or Express, or anything that gives
 * `(req, res)`): `http.createServer(toNodeHandler(router))`.
 *
 * For a router made by `createRouter` it takes a fast path that feeds the
 * router core straight from `IncomingMessage` and writes to `ServerResponse`,
 * building no `Request`/`Response` objects; so does a webhook receiver made
 * by `createWebhookReceiver` (which checks signatures with node:crypto here).
 * Any other `{ fetch }` (a router wrapped in middleware, say) goes through
 * real web objects.
 */
export function toNodeHandler(router: Pick<Router, 'fetch' | 'base'>): NodeHandler {
  const receiver = receiverCoreOf(router);
  if (receiver !== undefined)
    return (req, res) =>
      isValidHost(req.headers.host) ? receiveWebhookNode(receiver, req, res) : refuseHost(res);
  const core = coreOf(router);
  if (core === undefined)
    return (req, res) =>
      isValidHost(req.headers.host) ? void viaFetch(router, req, res) : refuseHost(res);
  return (req, res) => {
    if (!isValidHost(req.headers.host)) return refuseHost(res);
    const input = new NodeCallInput(req, res);
    core.handle(input).then(
      (output) => writeOutput(res, closingUnread(input, output)),
      () =>
        writeOutput(res, {
          status: 500,
          body: '{"error":{"code":"INTERNAL","message":"The server failed while handling the call."}}',
        }),
    );
  };
}

/**
 * Bodies at least this long are written as a Buffer. node:http keeps a
 * string it writes alive until the socket has taken it all, so answers to
 * slow readers (a batch of 1,000 events is about 80 KiB) would sit in the
 * young heap and be copied by every minor collection; a Buffer's bytes
 * live outside the JS heap and the string dies at once.
 */
const BUFFER_FROM = 16_384;

function writeOutput(res: ServerResponse, output: CallOutput): void {
  if (res.destroyed) return;
  // A 204 (a CORS preflight's answer) has no body, so no content type or length either.
  if (output.status === 204)
    return void res.writeHead(204, { ...securityHeaders, ...output.headers }).end();
  const body = output.body.length >= BUFFER_FROM ? Buffer.from(output.body) : output.body;
  // A flat [name, value, ...] list rather than an object: node:http takes it as it is, where an object is
  // spread, then enumerated key by key. About 5 µs less per answer, two answers per event on the long-poll
  // path (bench/README.md, events). The names never repeat: CORS headers (`output.headers`) are none of these.
  const headers: (string | number)[] = [
    ...(output.csp === undefined ? securityHeaderList : withPolicy(output.csp)),
    'content-type',
    output.contentType ?? 'application/json',
    'content-length',
    typeof body === 'string' ? Buffer.byteLength(body) : body.length,
  ];
  if (output.allow !== undefined) headers.push('allow', output.allow);
  if (output.close === true) headers.push('connection', 'close');
  if (output.noStore === true) headers.push('cache-control', 'no-store');
  if (output.headers !== undefined)
    for (const [name, value] of Object.entries(output.headers)) headers.push(name, value);
  res.writeHead(output.status, headers as string[]);
  res.end(body);
}

/** `securityHeaders` as a flat list of names and values. */
const securityHeaderList = Object.entries(securityHeaders).flat();

/** `securityHeaderList` with another `Content-Security-Policy` (a page's: the admin page). */
function withPolicy(csp: string): (string | number)[] {
  return Object.entries({ ...securityHeaders, 'content-security-policy': csp }).flat();
}

/** The URL of the request would be built from its Host header: a 400 before anything reads it. */
function refuseHost(res: ServerResponse): void {
  writeOutput(res, errorOutput(badHost(), { close: true }));
}

async function viaFetch(
  router: Pick<Router, 'fetch'>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  try {
    const input = new NodeCallInput(req).toRequest();
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
    const request = hasBody
      ? new Request(input, {
          body: Readable.toWeb(req) as ReadableStream<Uint8Array>,
          duplex: 'half',
        } as RequestInit)
      : input;
    const response = await router.fetch(request);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  } catch {
    if (!res.headersSent)
      res.writeHead(500, { ...securityHeaders, 'content-type': 'application/json' });
    res.end('{"error":{"code":"INTERNAL","message":"The server failed while handling the call."}}');
  }
}
