/**
 * The text of every error message the browser-safe runtime composes (the
 * client, the schema walk, the protocol's error bodies, the runtime version
 * check), by message id. Call sites pass the id and the facts; this file
 * words them.
 *
 * A page downloads the runtime, and the words were about a tenth of the chat
 * client's bundle. So the package's `browser` field swaps this file for
 * messages-browser.ts, which prints the id and the facts without the words:
 * `no-answer: http://host/api/Chat/post, 5000` where Node says
 * `No answer from http://host/api/Chat/post within 5000 ms.` Bundlers
 * building for the browser (esbuild, webpack, Vite, Rollup's node-resolve
 * with `browser: true`) follow that field; Node, Deno, Bun and tests take
 * this file. Only the message differs: every error keeps its code, status,
 * path, expected, received, details and cause, which are what code should
 * read. docs/errors.md lists each id with its words.
 */
export const messages = {
  // The schema walk (decode-state.ts and the schema builders).
  'too-deep': (where: string, maxDepth: number) =>
    `${where} nests deeper than ${maxDepth} levels; send flatter data or raise limits.maxDepth.`,
  invalid: (where: string, expected: string, received: string) =>
    `Invalid ${where}: expected ${expected}, received ${received}.`,
  'too-big': (where: string, expected: string, received: string, limit: string) =>
    `${where} is too big: expected ${expected}, received ${received}; send less or raise limits.${limit}.`,
  'lazy-loop': () => 'contract-gen: s.lazy() resolves to itself',
  'event-args-encoded': () => 'contract-gen: the arguments of an event are decoded, never encoded',
  'required-after-optional': (where: string, position: number) =>
    `contract-gen: ${where}: a required entry follows an optional one (position ${position})`,
  'empty-union': () => 'contract-gen: s.union() needs at least one member',
  'forbidden-property': (key: string) =>
    `contract-gen: s.object() may not declare a property named '${key}'`,
  'not-identifier': (where: string, name: string) =>
    `contract-gen: ${where}: '${name}' is not an identifier`,

  // The client.
  'arg-count': (label: string, expected: string, count: number) =>
    `${label} takes ${expected} arguments, received ${count}.`,
  'not-callback-target': (path: string, name: string) =>
    `Invalid ${path}: expected an object implementing ${name}.`,
  'missing-callback-method': (path: string, name: string, method: string) =>
    `Invalid ${path}: the object given for ${name} has no method ${method}.`,
  'no-such-method': (service: string, method: string) =>
    `Service ${service} has no method '${method}' in its descriptor; regenerate the client.`,
  'token-empty': () => 'the token provider gave no token',
  'no-token': (cause: unknown) => `No token: ${reasonOf(cause)}`,
  'token-helper': () =>
    'contract-gen: the token option takes bearerToken(provider) from @contract-gen/runtime/client: connect(url, { token: bearerToken(() => getToken()) }).',
  'resubscribe-helper': () =>
    'contract-gen: the resubscribe option takes resubscribeCalls() from @contract-gen/runtime/client: connect(url, { resubscribe: resubscribeCalls() }).',
  'no-answer': (url: string, ms: number) => `No answer from ${url} within ${ms} ms.`,
  unreachable: (url: string, cause: unknown) => `Could not reach ${url}: ${reasonOf(cause)}`,
  aborted: (url: string) => `The request to ${url} was aborted.`,
  'not-json': (status: number) =>
    `The server answered HTTP ${status} with a body that is not JSON.`,
  'no-client-id': () => 'The server answered _open without a "client" id.',
  'no-result': () => 'The server answered without a "result".',
  'answer-misfit': (message: string) => `The server's answer does not fit the contract: ${message}`,
  'no-events': () => `The server's events answer is an answer without an "events" array.`,
  'bad-event': (index: number) =>
    `The server's events answer is a malformed event at events[${index}].`,
  'bad-gap': () => `The server's events answer is a malformed "gap".`,
  'no-event-channel': () => 'The server has no event channel (POST _open answered 404).',
  'poll-interrupted': () => 'The poll was interrupted.',
  'connection-closed': () => 'The connection was closed.',
  'reference-elsewhere': (url: string) =>
    `The answer is a reference to another server (${url}), which an in-process connection cannot reach.`,
  websocket: (why: string) => `WebSocket: ${why}.`,
  'no-welcome': (ms: number) => `no welcome within ${ms} ms`,
  'frame-not-json': () => 'the server sent a frame that is not JSON text',
  'server-silent': (ms: number) => `nothing heard from the server for ${ms} ms`,
  'socket-closed': (code: number, reason: string) =>
    `the WebSocket closed (${code}${reason === '' ? '' : ` ${reason}`})`,
  'closed-by-client': () => 'closed by the client',
  'no-socket-answer': (label: string, ms: number) => `No answer to ${label} within ${ms} ms.`,
  'socket-closed-first': (label: string) => `The WebSocket closed before ${label} was sent.`,
  'no-websocket': () =>
    "contract-gen: transport 'websocket' needs a WebSocket; this runtime has none: pass one, e.g. connect(url, { WebSocket }) with WebSocket from the ws package.",
  'http-in-browser': () =>
    'contract-gen: the http option is for Node; in the browser, leave it out to send over fetch.',
  'events-lost': (reason: string, from: number, to: number | undefined) =>
    `contract-gen: events lost (${reason}, ${to === undefined ? `from seq ${from}` : `seqs ${from}..${to}`}); pass onGap to connect() to resynchronise.`,
  'event-not-delivered': (seq: number, method: string, reason: string) =>
    `contract-gen: event ${seq} (${method}) not delivered: ${reason}`,
  draining: () => 'Not run: the server drains (1012).',
  'resume-once': () => 'contract-gen: resume() comes once, before the first call.',
  'bound-twice': (id: number, passedTo: string) =>
    `contract-gen: callback ${id} (${passedTo}) is bound twice, or its object is bound to another saved callback too.`,
  'callback-released': (reason: string) => `contract-gen: a callback was released (${reason})`,
  'upgrade-failed': () =>
    'WebSocket upgrades fail while HTTP works: a proxy in front may drop the Upgrade and Connection headers (docs/deploy.md)',
  'short-lived': () =>
    'sockets keep closing soon after opening: a proxy or network in between may cut them (docs/deploy.md)',
  'fell-back': (reason: string, hint: string) =>
    `contract-gen: long polling instead of WebSocket (${reason}): ${hint}`,

  // The protocol and the runtime check.
  'no-error-body': (status: number) =>
    `The server answered HTTP ${status} without a contract-gen error body.`,
  'runtime-mismatch': (generator: string, range: string, runtime: string) =>
    `This code was generated by contract-gen ${generator}, which needs @contract-gen/runtime ${range}, ` +
    `but @contract-gen/runtime ${runtime} is installed. ` +
    `Install a matching runtime (npm install @contract-gen/runtime@${range}) or generate again with contract-gen ${runtime}.`,
} as const;

/** The id of a message. */
export type MessageId = keyof typeof messages;

/** The facts message `id` is worded from. */
export type MessageFacts<Id extends MessageId> = Parameters<(typeof messages)[Id]>;

/** Message `id` worded from its `facts`. */
export function say<Id extends MessageId>(id: Id, ...facts: MessageFacts<Id>): string {
  return (messages[id] as (...facts: unknown[]) => string)(...facts);
}

/** What a thrown value says: an error's message, or the value as text. */
function reasonOf(cause: unknown): string {
  return (cause as Error | undefined)?.message ?? String(cause);
}
