import type { EventChannel } from '../events/event-channel.js';
import type { ClientStore } from '../stores/client-store.js';
import type { AdminClient, AdminSnapshot } from './admin-contract.js';
import type { ResolvedAdmin } from './admin-options.js';

/**
 * What the admin page shows now: one bounded page of the store's clients
 * (with the transport each uses in this process) and of its topics, and
 * this process's counts. A store without `listClients`/`listTopics` gives
 * empty lists (`listed: false`).
 */
export async function readAdminSnapshot(
  channel: EventChannel,
  admin: ResolvedAdmin,
  now: number,
): Promise<AdminSnapshot> {
  const store: ClientStore = channel.options.store;
  const counts = channel.counts();
  const stats = store.queueStats?.();
  const queue = stats === undefined ? {} : { queue: { events: stats.events, bytes: stats.bytes } };
  if (store.listClients === undefined || store.listTopics === undefined)
    return {
      at: now,
      totalClients: 0,
      clients: [],
      topics: [],
      moreTopics: false,
      listed: false,
      process: counts,
      ...queue,
    };
  const [clientPage, topicPage] = await Promise.all([
    store.listClients({ limit: admin.clients }),
    store.listTopics({ limit: admin.topics, members: admin.members }),
  ]);
  const clients = clientPage.clients.map((info): AdminClient => {
    const transport = channel.transportOf(info.id);
    return {
      id: info.id,
      ...(info.owner === undefined ? {} : { principal: info.owner }),
      ...(transport === undefined ? {} : { transport }),
      events: info.events,
      bytes: info.bytes,
      callbacks: info.callbacks,
      lastSeen: info.lastSeen,
    };
  });
  return {
    at: now,
    totalClients: clientPage.total,
    clients,
    topics: topicPage.topics.slice(0, admin.topics),
    moreTopics: topicPage.next !== undefined || topicPage.topics.length > admin.topics,
    listed: true,
    process: counts,
    ...queue,
  };
}

/**
 * What a change is judged by: the snapshot without its times, which move
 * with every poll (the page's own client polls after each snapshot it gets,
 * and would otherwise cause the next one).
 */
export function snapshotKey(snapshot: AdminSnapshot): string {
  return JSON.stringify({
    ...snapshot,
    at: 0,
    clients: snapshot.clients.map((client) => ({ ...client, lastSeen: 0 })),
  });
}
