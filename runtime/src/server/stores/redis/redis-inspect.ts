import type {
  ClientPage,
  ClientPageRequest,
  StoredClientInfo,
  TopicInfo,
  TopicPage,
} from '../client-store.js';
import { readCursor } from '../list-pages.js';

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
 * Turns `listTopicsScript`'s flat answer into a page (see
 * `ClientStore.listTopics`): topics by name, the cursor the last name.
 */
export function readTopicPage(reply: readonly unknown[]): TopicPage {
  const topics: TopicInfo[] = [];
  let i = 1;
  while (i + 2 < reply.length) {
    const name = String(reply[i]);
    const size = Number(reply[i + 1]);
    const listed = Number(reply[i + 2]);
    i += 3;
    const members: TopicInfo['members'][number][] = [];
    for (let m = 0; m < listed; m++, i += 2) {
      // Fields are '{n} {client}', values the interface's name.
      const field = String(reply[i]);
      const space = field.indexOf(' ');
      members.push({
        client: field.slice(space + 1),
        callback: Number(field.slice(0, space)),
        iface: String(reply[i + 1]),
      });
    }
    topics.push({ name, size, members });
  }
  const last = topics.at(-1);
  return Number(reply[0]) === 1 && last !== undefined ? { topics, next: last.name } : { topics };
}
