/**
 * The admin page (`createRouter({ admin })`): off unless given. It shows the
 * live clients with their principal and transport, queue depths, topics
 * with their members and logs with their offsets, refreshed live (docs/admin.md). It needs the auth hook
 * (`auth`) and names the groups let in; everyone else is refused.
 */
export interface AdminOptions {
  /** Groups whose principals may open the page and watch (`['admin']`); at least one. */
  readonly allow: readonly string[];
  /** Where the page is served, under `base`. Default `/_admin`. */
  readonly path?: string;
  /** Milliseconds between looks for changes while a page watches (at most one snapshot per look). Default 1,000. */
  readonly interval?: number;
  /** Clients shown, the most recently active first. Default 100. */
  readonly clients?: number;
  /** Topics shown, by name. Default 50. */
  readonly topics?: number;
  /** Members shown per topic. Default 20. */
  readonly members?: number;
  /** Logs shown (`router.log`), by name. Default 50. */
  readonly logs?: number;
}

/** `AdminOptions` checked, with the defaults filled in. */
export interface ResolvedAdmin {
  readonly allow: readonly string[];
  /** The page's path under the base, e.g. `/_admin`. */
  readonly path: string;
  readonly interval: number;
  readonly clients: number;
  readonly topics: number;
  readonly members: number;
  readonly logs: number;
}

/**
 * Checks `admin` at startup: a `TypeError` that says what to change when it is
 * on without an auth hook or the event channel (it would show every client
 * to anyone, or have nothing to watch with), without groups, or with a bad
 * path or bound. `undefined` when it is off.
 */
export function resolveAdmin(
  admin: AdminOptions | undefined,
  hasAuth: boolean,
  hasEvents: boolean,
): ResolvedAdmin | undefined {
  if (admin === undefined) return undefined;
  if (!hasAuth)
    throw new TypeError(
      "contract-gen: admin needs an auth hook, or the page would show every client to anyone: createRouter({ auth, admin: { allow: ['admin'] } }).",
    );
  if (!hasEvents)
    throw new TypeError(
      'contract-gen: admin pushes its snapshots over the event channel; do not turn `events` off (or give no `callbacks` resolver).',
    );
  const { allow } = admin;
  if (
    !Array.isArray(allow) ||
    allow.length === 0 ||
    !allow.every((group) => typeof group === 'string' && group !== '')
  )
    throw new TypeError(
      "contract-gen: admin.allow must name the groups let in, e.g. { allow: ['admin'] }.",
    );
  const path = admin.path ?? '/_admin';
  if (!/^\/[A-Za-z0-9_\-.~]+$/.test(path))
    throw new TypeError(
      `contract-gen: admin.path must be one path segment under the base, such as '/_admin', not ${JSON.stringify(path)}.`,
    );
  if (PROTOCOL_PATHS.includes(path))
    throw new TypeError(
      `contract-gen: admin.path ${path} is one of the protocol's own paths (${PROTOCOL_PATHS.join(', ')}); choose another, such as '/_admin'.`,
    );
  return {
    allow: [...(allow as readonly string[])],
    path,
    interval: positive('interval', admin.interval, 1_000),
    clients: positive('clients', admin.clients, 100),
    topics: positive('topics', admin.topics, 50),
    members: positive('members', admin.members, 20),
    logs: positive('logs', admin.logs, 50),
  };
}

/** The one-segment paths the protocol and the probes answer. */
const PROTOCOL_PATHS = [
  '/_open',
  '/_events',
  '/_release',
  '/_close',
  '/_ws',
  '/_health',
  '/_ready',
];

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (Number.isSafeInteger(value) && value > 0) return value;
  throw new TypeError(
    `contract-gen: admin.${name} must be a positive integer, not ${String(value)}`,
  );
}
