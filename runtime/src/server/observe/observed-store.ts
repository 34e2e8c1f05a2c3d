import type { ClientStore, StoreObserver } from '../stores/client-store.js';
import type { ReadResult } from '../stores/read-result.js';
import { SPAN_KIND, type OtelTracer } from './otel-types.js';
import { eventTrace, traceMember } from './trace-member.js';

/**
 * `store` as the event channel uses it when metrics or tracing are on: it
 * starts the store with `observer` (the event metrics) and, with a tracer,
 * makes a `publish` span per append or topic publish (the active span, a
 * call's, is its parent), carries its context in the event's `trace`
 * member, and makes a `deliver` span linked to it for every traced event a
 * read hands out. Every other call goes straight to the store.
 */
export function observedStore(
  store: ClientStore,
  observer: StoreObserver | undefined,
  tracer: OtelTracer | undefined,
): ClientStore {
  const observed: ClientStore = {
    start: (config, listener) => store.start(observer ? { ...config, observer } : config, listener),
    open: store.open.bind(store),
    touch: store.touch.bind(store),
    register: store.register.bind(store),
    append: store.append.bind(store),
    read: store.read.bind(store),
    release: store.release.bind(store),
    close: store.close.bind(store),
    join: store.join.bind(store),
    leave: store.leave.bind(store),
    topicSize: store.topicSize.bind(store),
    publish: store.publish.bind(store),
    sweep: store.sweep.bind(store),
    flush: store.flush.bind(store),
    stop: store.stop.bind(store),
  };
  if (store.appendPieces !== undefined) observed.appendPieces = store.appendPieces.bind(store);
  if (store.owner !== undefined) observed.owner = store.owner.bind(store);
  if (store.ping !== undefined) observed.ping = store.ping.bind(store);
  if (store.queueStats !== undefined) observed.queueStats = store.queueStats.bind(store);
  if (store.listClients !== undefined) observed.listClients = store.listClients.bind(store);
  if (store.listTopics !== undefined) observed.listTopics = store.listTopics.bind(store);
  if (store.mark !== undefined) observed.mark = store.mark.bind(store);
  if (store.readMark !== undefined) observed.readMark = store.readMark.bind(store);
  for (const key of LOG_METHODS) {
    const method = store[key];
    if (method !== undefined) Object.assign(observed, { [key]: method.bind(store) });
  }
  if (tracer !== undefined) traced(observed, store, tracer);
  return observed;
}

/** A store's log methods (log-store.ts): passed through unobserved. */
const LOG_METHODS = [
  'logAppend',
  'logRead',
  'logFollow',
  'logUnfollow',
  'logFollows',
  'logEnqueue',
] as const;

function traced(observed: ClientStore, store: ClientStore, tracer: OtelTracer): void {
  const publishSpan = (attributes: Record<string, string>): string => {
    const span = tracer.startSpan('contract-gen publish', { kind: SPAN_KIND.producer, attributes });
    span.end();
    return traceMember(span.spanContext());
  };
  observed.append = (client, payload) =>
    store.append(client, payload + publishSpan({ 'contract_gen.client': client }));
  if (store.appendPieces !== undefined) {
    const appendPieces = store.appendPieces.bind(store);
    observed.appendPieces = (client, head, tail) =>
      appendPieces(client, head, tail + publishSpan({ 'contract_gen.client': client }));
  }
  observed.publish = (topic, iface, body) =>
    store.publish(topic, iface, body + publishSpan({ 'contract_gen.topic': topic }));
  observed.read = async (client, after, max, from) => {
    const result = await store.read(client, after, max, from);
    if (result.count > 0) delivered(tracer, client, result);
    return result;
  };
}

/** A `deliver` span per traced event of `result`, linked to the span that published it. */
function delivered(tracer: OtelTracer, client: string, result: ReadResult): void {
  for (const text of result.events) {
    const context = eventTrace(text);
    if (context === undefined) continue;
    tracer
      .startSpan('contract-gen deliver', {
        kind: SPAN_KIND.consumer,
        attributes: { 'contract_gen.client': client },
        links: [{ context }],
      })
      .end();
  }
}
