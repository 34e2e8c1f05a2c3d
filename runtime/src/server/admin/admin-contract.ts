// The admin page's contract, written by hand in the shape generated code has
// (schemas, a callback interface, a service): the page subscribes with
// `ContractAdmin.watch({"$cb": 1})` and the server pushes `snapshot` events
// to it over the event channel, like any contract's callbacks.
import * as s from '../../schema/index.js';

/** One live client as the admin page shows it. */
export interface AdminClient {
  readonly id: string;
  /** The principal that opened it. */
  readonly principal?: string;
  /** How it reads its events in the process that answered (see `EventChannel.transportOf`); absent: not here. */
  readonly transport?: 'websocket' | 'long-poll';
  readonly events: number;
  readonly bytes: number;
  readonly callbacks: number;
  /** Last activity, ms since the epoch. */
  readonly lastSeen: number;
}

/** One member of a topic: a callback of a client. */
export interface AdminMember {
  readonly client: string;
  readonly callback: number;
  readonly iface: string;
}

/** One topic and its first members. */
export interface AdminTopic {
  readonly name: string;
  readonly size: number;
  readonly members: readonly AdminMember[];
}

/** One log (`router.log`) of this router, as its store holds it now. */
export interface AdminLog {
  readonly name: string;
  /** Its callback interface. */
  readonly iface: string;
  /** Its epoch (a new one whenever the store lost its events). */
  readonly epoch: string;
  /** The oldest offset kept (`next` when none is). */
  readonly first: number;
  /** The offset the next event gets. */
  readonly next: number;
}

/** What the page shows: one bounded page of each list, and this process's counts. */
export interface AdminSnapshot {
  /** When it was taken, ms since the epoch. */
  readonly at: number;
  /** Live clients in the store, in all. */
  readonly totalClients: number;
  /** The most recently active ones (at most `admin.clients`). */
  readonly clients: readonly AdminClient[];
  /** The first topics by name (at most `admin.topics`). */
  readonly topics: readonly AdminTopic[];
  /** Whether there are topics beyond those. */
  readonly moreTopics: boolean;
  /** The first logs of this router by name (at most `admin.logs`). */
  readonly logs: readonly AdminLog[];
  /** Whether there are logs beyond those. */
  readonly moreLogs: boolean;
  /** Whether the store lists clients and topics at all (a store of your own may not). */
  readonly listed: boolean;
  /** Events and bytes queued over every client, when the store counts them. */
  readonly queue?: { readonly events: number; readonly bytes: number };
  /** This process: open sockets, clients that poll here, polls parked now. */
  readonly process: { readonly sockets: number; readonly polling: number; readonly parked: number };
}

/** The page's callback interface. */
export interface AdminView {
  snapshot(snapshot: AdminSnapshot): void;
}

const AdminClientSchema: s.Schema<AdminClient> = /*@__PURE__*/ (() =>
  s.object({
    id: s.string(),
    principal: s.optional(s.string()),
    transport: s.optional(s.enum(['websocket', 'long-poll'])),
    events: s.number(),
    bytes: s.number(),
    callbacks: s.number(),
    lastSeen: s.number(),
  }))();

const AdminTopicSchema: s.Schema<AdminTopic> = /*@__PURE__*/ (() =>
  s.object({
    name: s.string(),
    size: s.number(),
    members: s.array(s.object({ client: s.string(), callback: s.number(), iface: s.string() })),
  }))();

const AdminLogSchema: s.Schema<AdminLog> = /*@__PURE__*/ (() =>
  s.object({
    name: s.string(),
    iface: s.string(),
    epoch: s.string(),
    first: s.number(),
    next: s.number(),
  }))();

/** The schema of a snapshot. */
export const AdminSnapshotSchema: s.Schema<AdminSnapshot> = /*@__PURE__*/ (() =>
  s.object({
    at: s.number(),
    totalClients: s.number(),
    clients: s.array(AdminClientSchema),
    topics: s.array(AdminTopicSchema),
    moreTopics: s.boolean(),
    logs: s.array(AdminLogSchema),
    moreLogs: s.boolean(),
    listed: s.boolean(),
    queue: s.optional(s.object({ events: s.number(), bytes: s.number() })),
    process: s.object({ sockets: s.number(), polling: s.number(), parked: s.number() }),
  }))();

/** The callback interface the page passes to `watch`. */
export const AdminViewCallback = /*@__PURE__*/ (() =>
  s.callbackInterface('AdminView', { snapshot: [AdminSnapshotSchema] }))();

/** The service name: calls are `POST {base}/ContractAdmin/watch`. */
export const ADMIN_SERVICE = 'ContractAdmin';

/** The admin service: `watch(view)` pushes a snapshot now and whenever what it shows changes. */
export const AdminService = /*@__PURE__*/ (() =>
  s.service(ADMIN_SERVICE, {
    watch: s.method([s.callback(AdminViewCallback)], s.void()),
  }))();
