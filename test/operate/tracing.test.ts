// Tracing with the OpenTelemetry SDK's in-memory exporter: a call is a span,
// the events it publishes are `publish` spans under it, and each event's
// delivery is a `deliver` span linked to its publish span, through the
// `trace` member the event carries on the wire.
import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startConformanceServer } from '../../conformance/server.js';
import type { HostServer } from '../../conformance/hosts/host-server.js';
import { call, openClient } from './wire.js';

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const contextManager = new AsyncLocalStorageContextManager();
let server: HostServer | undefined;

beforeAll(async () => {
  context.setGlobalContextManager(contextManager.enable());
  server = await startConformanceServer({
    port: 0,
    base: '/api',
    tracing: { tracer: provider.getTracer('contract-gen-test') },
  });
});

afterAll(async () => {
  await server?.close();
  await provider.shutdown();
  context.disable();
});

const named = (name: string): ReadableSpan[] =>
  exporter.getFinishedSpans().filter((span) => span.name === name);

it('a call span, its events published under it, each delivery linked to its publish', async () => {
  const base = (server as HostServer).url;
  const client = await openClient(base);
  expect((await call(base, 'Ticker/subscribe', ['TRACE', { $cb: 1 }], client)).status).toBe(200);
  exporter.reset();
  expect(await call(base, 'Ticker/publish', ['TRACE', 2])).toEqual({
    status: 200,
    body: { result: 1 },
  });

  const [callSpan, ...others] = named('Ticker/publish');
  expect(others).toEqual([]);
  expect(callSpan?.attributes).toMatchObject({
    'rpc.system': 'contract-gen',
    'rpc.service': 'Ticker',
    'rpc.method': 'publish',
    'http.response.status_code': 200,
  });
  const callContext = callSpan?.spanContext();
  const publishes = named('contract-gen publish');
  expect(publishes).toHaveLength(3); // two ticks and the done
  for (const publish of publishes) {
    expect(publish.spanContext().traceId).toBe(callContext?.traceId);
    expect(publish.parentSpanContext?.spanId).toBe(callContext?.spanId);
  }

  // On the wire each event names its publish span (W3C traceparent).
  const answer = await fetch(`${base}/_events?after=0&wait=0`, {
    headers: { 'x-contract-client': client },
  });
  const { events } = (await answer.json()) as { events: { seq: number; trace?: string }[] };
  expect(events.map((event) => event.seq)).toEqual([1, 2, 3]);
  expect(events.map((event) => event.trace)).toEqual(
    publishes.map((p) => `00-${p.spanContext().traceId}-${p.spanContext().spanId}-01`),
  );

  const deliveries = named('contract-gen deliver');
  expect(deliveries).toHaveLength(3);
  expect(deliveries.map((span) => span.links.map((link) => link.context.spanId))).toEqual(
    publishes.map((p) => [p.spanContext().spanId]),
  );
  expect(deliveries[0]?.attributes['contract_gen.client']).toBe(client);
});
