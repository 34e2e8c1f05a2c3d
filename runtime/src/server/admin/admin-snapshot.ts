import type { EventChannel } from '../events/event-channel.js';
import type { ClientStore } from '../stores/client-store.js';
import type { AdminClient, AdminLog, AdminSnapshot } from './admin-contract.js';
import type { ResolvedAdmin } from './admin-options.js';

/**
 * What the admin page shows now: one bounded page of the store's clients
 * (with the transport each uses in this process) and of its topics, and
 * this process's counts, and this router's logs with their offsets. A store
 * without `listClients`/`listTopics` gives empty lists of clients and topics
 * (`listed: false`).
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
  const logsRead = readLogs(channel.logs, store, admin.logs);
  if (store.listClients === undefined || store.listTopics === undefined)
    return {
      at: now,
      totalClients: 0,
      clients: [],
      topics: [],
      moreTopics: false,
      ...(await logsRead),
      listed: false,
      process: counts,
      ...queue,
    };
  const [clientPage, topicPage, logs] = await Promise.all([
    store.listClients({ limit: admin.clients }),
    store.listTopics({ limit: admin.topics, members: admin.members }),
    logsRead,
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
    ...logs,
    listed: true,
    process: counts,
    ...queue,
  };
}

/** The first `limit` of a router's logs (name → callback interface) by name, each with its state in the store. */
async function readLogs(
  logs: ReadonlyMap<string, string>,
  store: ClientStore,
  limit: number,
): Promise<Pick<AdminSnapshot, 'logs' | 'moreLogs'>> {
  const names = [...logs.keys()].sort();
  const shown = await Promise.all(
    names.slice(0, limit).map(async (name): Promise<AdminLog> => {
      // A router makes logs only on a store that holds them (`router.log` checks).
      const {
        epoch = '',
        first = 1,
        next = 1,
      } = (await store.logRead?.(name, Number.MAX_SAFE_INTEGER, 0)) ?? {};
      return { name, iface: logs.get(name) ?? '', epoch, first, next };
    }),
  );
  return { logs: shown, moreLogs: names.length > limit };
}

/**
 * What a change is judged by: the snapshot without what moves with the
 * watching pages' own polling, which would otherwise make the next snapshot
 * and so on: times (every poll is activity), parked polls (each page's poll
 * is answered and parks again), the totals queued, and the queues of the
 * pages' own clients (`own`), which hold the snapshot just sent until they
 * acknowledge it. Those still reach the page with the next real change, or
 * the periodic refresh.
 */
export function snapshotKey(snapshot: AdminSnapshot, own: ReadonlySet<string>): string {
  return JSON.stringify({
    ...snapshot,
    at: 0,
    queue: undefined,
    process: { ...snapshot.process, parked: 0 },
    clients: snapshot.clients.map((client) =>
      own.has(client.id)
        ? { ...client, lastSeen: 0, events: 0, bytes: 0 }
        : { ...client, lastSeen: 0 },
    ),
  });
}
