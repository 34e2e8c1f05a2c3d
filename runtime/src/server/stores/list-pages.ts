import type {
  ClientPage,
  ClientPageRequest,
  StoredClientInfo,
  TopicInfo,
  TopicPage,
  TopicPageRequest,
} from './client-store.js';

/**
 * A page of `clients` (every live one, any order) as `listClients` answers
 * it, for stores that hold their clients in memory: most recently active
 * first, equal times by id from the last (Redis's `ZREVRANGE` order, so every
 * store pages alike); the cursor is the offset. Sorting 10,000 clients takes
 * a few milliseconds, and the admin page asks about once a second at most.
 */
export function pageClients(
  clients: readonly StoredClientInfo[],
  page: ClientPageRequest,
): ClientPage {
  const from = readCursor(page.cursor);
  const sorted = [...clients].sort(
    (a, b) => b.lastSeen - a.lastSeen || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0),
  );
  const to = from + page.limit;
  const items = sorted.slice(from, to);
  return to < sorted.length
    ? { clients: items, total: sorted.length, next: String(to) }
    : { clients: items, total: sorted.length };
}

/**
 * A page of topics (`listTopics`) from a map of topic names to their members
 * in join order: by name; the cursor is the last name of the page before.
 */
export function pageTopics(
  topics: ReadonlyMap<string, ReadonlyMap<string, TopicInfo['members'][number]>>,
  page: TopicPageRequest,
): TopicPage {
  const after = page.cursor;
  const names = [...topics.keys()].filter((name) => after === undefined || name > after).sort();
  const listed: TopicInfo[] = names.slice(0, page.limit).map((name) => {
    const members = topics.get(name)!;
    const first: TopicInfo['members'][number][] = [];
    for (const member of members.values()) {
      if (first.length >= page.members) break;
      first.push(member);
    }
    return { name, size: members.size, members: first };
  });
  return names.length > page.limit
    ? { topics: listed, next: names[page.limit - 1] as string }
    : { topics: listed };
}

/** The offset a `listClients` cursor names (0 for none or one that is not an offset). */
export function readCursor(cursor: string | undefined): number {
  const offset = cursor === undefined ? 0 : Number(cursor);
  return Number.isSafeInteger(offset) && offset > 0 ? offset : 0;
}
