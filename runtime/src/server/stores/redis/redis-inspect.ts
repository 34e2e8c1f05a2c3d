import type { Redis } from 'ioredis';
import type {
  ClientPage,
  ClientPageRequest,
  StoredClientInfo,
  TopicInfo,
  TopicPage,
  TopicPageRequest,
} from '../client-store.js';
import { readCursor } from '../list-pages.js';

/** Scan steps one `listTopics` takes at most before it answers what it found (and a cursor to go on). */
const MAX_SCAN_STEPS = 20;

/** Turns `listClientsScript`'s flat answer into a page (see `ClientStore.listClients`). */
export function readClientPage(reply: readonly unknown[], page: ClientPageRequest): ClientPage {
  const total = Number(reply[0]);
  const clients: StoredClientInfo[] = [];
  for (let i = 1; i + 5 < reply.length; i += 6) {
    const owner = String(reply[i + 2]);
    clients.push({
      id: String(reply[i]),
      ...(owner === '' ? {} : { owner }),
      lastSeen: Number(reply[i + 1]),
      events: Number(reply[i + 3]),
      bytes: Number(reply[i + 4]),
      callbacks: Number(reply[i + 5]),
    });
  }
  const to = readCursor(page.cursor) + page.limit;
  return to < total ? { clients, total, next: String(to) } : { clients, total };
}

/**
 * A page of topics: Redis keeps no index of topic names, so this scans the
 * keyspace for `{prefix}t:*` (SCAN, which never blocks the server the way
 * KEYS would), `page.limit` keys a step, until it found `page.limit` topics
 * or took `MAX_SCAN_STEPS` steps. The cursor is SCAN's.
 */
export async function listRedisTopics(
  redis: Redis,
  prefix: string,
  page: TopicPageRequest,
): Promise<TopicPage> {
  const pattern = `${globEscape(prefix)}t:*`;
  let cursor = page.cursor ?? '0';
  const keys: string[] = [];
  for (let step = 0; step < MAX_SCAN_STEPS; step++) {
    const [next, found] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', page.limit);
    cursor = next;
    keys.push(...found);
    if (cursor === '0' || keys.length >= page.limit) break;
  }
  const topics: TopicInfo[] = [];
  for (const key of [...new Set(keys)].sort()) {
    const name = key.slice(prefix.length + 2);
    const size = await redis.hlen(key);
    const [, flat] = await redis.hscan(key, '0', 'COUNT', page.members);
    const members: TopicInfo['members'][number][] = [];
    // Fields are '{n} {client}', values the interface's name.
    for (let i = 0; i + 1 < flat.length && members.length < page.members; i += 2) {
      const field = flat[i] as string;
      const space = field.indexOf(' ');
      members.push({
        client: field.slice(space + 1),
        callback: Number(field.slice(0, space)),
        iface: flat[i + 1] as string,
      });
    }
    if (size > 0) topics.push({ name, size, members });
  }
  return cursor === '0' ? { topics } : { topics, next: cursor };
}

/** `text` matched literally in a SCAN pattern. */
function globEscape(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}
