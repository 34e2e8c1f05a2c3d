import { ContractError } from '../../protocol/contract-error.js';
import { CLIENT_HEADER, EVENT_ENDPOINTS } from '../../protocol/messages.js';
import { WS_ENDPOINT } from '../../protocol/ws-frames.js';
import type { ClientGate } from '../auth/request-guard.js';
import type { CallInput, CallOutput } from '../call-input.js';
import { readCallBody } from '../read-call-body.js';
import { errorOutput, voidOutput } from '../outputs.js';
import type { RouterLimits } from '../router-options.js';
import type { ClientStatus } from '../stores/client-store.js';
import type { EventChannel } from './event-channel.js';
import { eventsOutput } from './events-output.js';
import { goneError } from './gone-error.js';
import { parsePollQuery } from './poll-query.js';
import { parseReleaseBody } from './release-body.js';
import { DepthWatch } from '../json/depth-watch.js';
import { RELEASE_BODY } from '../json/parse-limited-json.js';
import { requirePreflight } from '../origin/require-preflight.js';

/**
 * Answers the protocol's own endpoints (`endpoint` is the path after the
 * base: `/_open`, `/_events`, `/_release`, `/_close`). With an auth hook,
 * `gate` opens clients for the caller and refuses ids it does not own.
 * Throws (or rejects with) a `ContractError` to answer (`TOO_MANY_CLIENTS`),
 * anything else for faults of the store, which the router answers as 500.
 * Not an async function, so a parked poll adds no suspended frame here.
 */
export function answerEventEndpoint(
  channel: EventChannel,
  endpoint: string,
  input: CallInput,
  limits: RouterLimits,
  gate?: ClientGate,
): CallOutput | Promise<CallOutput> {
  switch (endpoint) {
    case EVENT_ENDPOINTS.open:
      return only('POST', input) ?? requirePreflight(input) ?? open(channel, input, limits, gate);
    case EVENT_ENDPOINTS.events:
      return only('GET', input) ?? poll(channel, input, gate);
    case EVENT_ENDPOINTS.release:
      return only('POST', input) ?? release(channel, input, limits, gate);
    case EVENT_ENDPOINTS.close:
      return only('POST', input) ?? close(channel, input, limits, gate);
    case WS_ENDPOINT:
      return only('GET', input) ?? upgradeRequired(input);
    default: {
      const known = Object.values(EVENT_ENDPOINTS).join(', ');
      return errorOutput(
        new ContractError(
          'NOT_FOUND',
          `No protocol endpoint ${endpoint.slice(0, 100)}; they are ${known}.`,
        ),
      );
    }
  }
}

/**
 * A `GET {base}/_ws` that reached the router is not an upgrade (upgrades are
 * taken by the host before the router): most often a proxy in front dropped
 * the hop-by-hop `Upgrade` and `Connection` headers, so say so.
 */
function upgradeRequired(input: CallInput): CallOutput {
  const message =
    `${input.pathname.slice(0, 100)} is the WebSocket endpoint: it answers upgrades only, and this ` +
    'GET carried no `Upgrade: websocket`. If a proxy sits in front of the server, it is dropping the ' +
    'Upgrade and Connection headers (nginx does by default; see docs/deploy.md).';
  return {
    ...errorOutput(new ContractError('UPGRADE_REQUIRED', message)),
    headers: { upgrade: 'websocket' },
  };
}

/** The body of `_open` is read (so the connection can be reused) and ignored: `{}` or nothing today. */
async function open(
  channel: EventChannel,
  input: CallInput,
  limits: RouterLimits,
  gate: ClientGate | undefined,
): Promise<CallOutput> {
  const read = await readCallBody(input, limits);
  if ('refused' in read) return read.refused;
  return {
    status: 200,
    body: JSON.stringify(await (gate === undefined ? channel.open() : gate.open())),
    noStore: true,
  };
}

/**
 * Not an async function (without auth): what a parked poll holds is what an
 * idle client costs, so the chain is one promise per step, no suspended frames.
 */
function poll(
  channel: EventChannel,
  input: CallInput,
  gate: ClientGate | undefined,
): Promise<CallOutput> {
  if (gate !== undefined) return pollOwned(channel, input, gate);
  const client = headerClient(input);
  return client instanceof ContractError
    ? Promise.resolve(errorOutput(client))
    : pollFor(channel, input, client);
}

async function pollOwned(
  channel: EventChannel,
  input: CallInput,
  gate: ClientGate,
): Promise<CallOutput> {
  const client = await clientOf(input, gate);
  return client instanceof ContractError ? errorOutput(client) : pollFor(channel, input, client);
}

function pollFor(channel: EventChannel, input: CallInput, client: string): Promise<CallOutput> {
  const query = parsePollQuery(input.query());
  if (query instanceof ContractError) return Promise.resolve(errorOutput(query));
  const wait = Math.min(query.wait, channel.options.maxWait);
  return channel.poll(client, query.after, wait, input).then(eventsOutput);
}

async function release(
  channel: EventChannel,
  input: CallInput,
  limits: RouterLimits,
  gate: ClientGate | undefined,
): Promise<CallOutput> {
  const client = await clientOf(input, gate);
  if (client instanceof ContractError) return errorOutput(client);
  const read = await readCallBody(input, limits, new DepthWatch(limits.maxDepth, RELEASE_BODY));
  if ('refused' in read) return read.refused;
  const ids = parseReleaseBody(read.text, limits);
  if (ids instanceof ContractError) return errorOutput(ids);
  return statusOutput(await channel.release(client, ids));
}

async function close(
  channel: EventChannel,
  input: CallInput,
  limits: RouterLimits,
  gate: ClientGate | undefined,
): Promise<CallOutput> {
  const client = await clientOf(input, gate);
  if (client instanceof ContractError) return errorOutput(client);
  const read = await readCallBody(input, limits);
  return 'refused' in read ? read.refused : statusOutput(await channel.close(client));
}

function statusOutput(status: ClientStatus): CallOutput {
  return status === 'live' ? voidOutput : errorOutput(goneError(status));
}

function only(method: 'GET' | 'POST', input: CallInput): CallOutput | undefined {
  if (input.httpMethod === method) return undefined;
  const message = `${input.pathname} takes ${method} requests, not ${input.httpMethod}.`;
  return errorOutput(new ContractError('METHOD_NOT_ALLOWED', message), { allow: method });
}

/** The client the request names, or the error to answer: no header (400), or with auth an id that is not the caller's (403). */
async function clientOf(
  input: CallInput,
  gate: ClientGate | undefined,
): Promise<string | ContractError> {
  const client = headerClient(input);
  if (client instanceof ContractError || gate === undefined) return client;
  return (await gate.own(client)) ?? client;
}

/** The client id in the request's header, or the 400 to answer when there is none. */
function headerClient(input: CallInput): string | ContractError {
  const client = input.header(CLIENT_HEADER);
  if (client !== undefined && client !== '') return client;
  return new ContractError(
    'BAD_REQUEST',
    `${input.pathname} needs the ${CLIENT_HEADER} header: open a client with POST {base}/_open first.`,
  );
}
