import type { ClientStore, StoreObserver } from '../stores/client-store.js';
import { forwardingStore } from '../stores/forwarding-store.js';
import type { ReadResult } from '../stores/read-result.js';
import { SPAN_KIND, type OtelTracer } from './otel-types.js';
import { eventTrace, traceMember } from './trace-member.js';

/**
 * `store` as the event channel uses it when metrics or tracing are on: it
 * starts the store with `observer` (the event metrics), tells it of every
 * event this process appends to a log, and, with a tracer,
 * makes a `publish` span per append or topic publish (the active span, a
 * call's, is its parent), carries its context in the event's `trace`
 * member, and makes a `deliver` span linked to it for every traced event a
 * read hands out. Every other call goes straight to the store.
 */
export function observedStore(
  store: ClientStore,
  observer: LogObserver | undefined,
  tracer: OtelTracer | undefined,
): ClientStore {
  // Every member goes straight to the store (optional ones and properties such as `webhooks` too),
  // but `start`, which hands the store the observer.
  const observed = forwardingStore(store);
  observed.start = (config, listener) =>
    store.start(observer ? { ...config, observer } : config, listener);
  const { logAppend } = store;
  if (observer !== undefined && logAppend !== undefined)
    observed.logAppend = (log, body, retention) => {
      logAppend.call(store, log, body, retention);
      observer.logAppended(log);
    };
  if (tracer !== undefined) traced(observed, store, tracer);
  return observed;
}

/** The store's observer, and what is counted of logs: the store does not report those, its caller does. */
export interface LogObserver extends StoreObserver {
  /** One event was appended to `log` by this process. */
  logAppended(log: string): void;
}

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
