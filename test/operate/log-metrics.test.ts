// contract_gen.log.appended: with metrics on, every event a process appends
// to a log is counted once under the log's name, however many follow it,
// read from a real OpenTelemetry MeterProvider.
import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import { expect, it } from 'vitest';
import * as s from '../../runtime/src/schema/index.js';
import { createRouter } from '../../runtime/src/server/index.js';

/** A reader collected on demand. */
class OnDemandReader extends MetricReader {
  protected override onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
  protected override onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}

const FeedEvents = s.callbackInterface('FeedEvents', { item: [s.number()] });
interface FeedEvents {
  item(n: number): void;
}

/** The data points of `name` at the last collection, as attributes → value. */
async function points(reader: MetricReader, name: string): Promise<Record<string, number>> {
  const { resourceMetrics } = await reader.collect();
  const found: Record<string, number> = {};
  for (const scope of resourceMetrics.scopeMetrics)
    for (const metric of scope.metrics)
      if (metric.descriptor.name === name)
        for (const point of metric.dataPoints)
          found[JSON.stringify(point.attributes)] = point.value as number;
  return found;
}

it('counts each event appended to a log once, by log name', async () => {
  const reader = new OnDemandReader();
  const provider = new MeterProvider({ readers: [reader] });
  const router = createRouter({
    services: [],
    metrics: { meter: provider.getMeter('log-metrics-test') },
  });
  try {
    const prices = router.log<FeedEvents>(FeedEvents, 'prices');
    const trades = router.log<FeedEvents>(FeedEvents, 'trades', { maxEvents: 1 });
    expect(await points(reader, 'contract_gen.log.appended')).toEqual({});
    for (let n = 1; n <= 5; n++) prices.item(n);
    trades.item(1);
    trades.item(2);
    expect(await points(reader, 'contract_gen.log.appended')).toEqual({
      '{"log":"prices"}': 5,
      // Counted as appended, whatever the retention trims afterwards.
      '{"log":"trades"}': 2,
    });
    expect((await prices.state()).next).toBe(6);
  } finally {
    await router.close();
    await provider.shutdown();
  }
});
