// createRouter({ onCall }): a structured record of every answered call.
import { expect, it } from 'vitest';
import { createRouter, type CallRecord } from '@contract-gen/runtime/server';
import { tickerHandlers } from '../../conformance/generated/ticker.server.js';
import { createTickerService } from '../../conformance/ticker-service.js';

it('hands onCall each answered call with its service, method, status, duration and caller', async () => {
  const records: CallRecord[] = [];
  const faults: unknown[] = [];
  const router = createRouter({
    services: [tickerHandlers(createTickerService())],
    auth: (request) => ({ id: request.header('x-user') ?? 'anyone' }),
    onCall: (record) => {
      records.push(record);
      if (record.status === 422) throw new Error('the log hook failed');
    },
    onError: (error) => faults.push(error),
  });
  const add = (args: string) =>
    router.fetch(
      new Request('http://localhost/Ticker/add', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-user': 'ada' },
        body: args,
      }),
    );
  expect((await add('[1,2]')).status).toBe(200);
  const overflow = await add(`[${Number.MAX_SAFE_INTEGER},1]`);
  expect(faults).toEqual([new Error('the log hook failed')]);
  expect(overflow.status).toBe(422);
  expect(records).toEqual([
    {
      service: 'Ticker',
      method: 'add',
      transport: 'http',
      status: 200,
      durationMs: expect.any(Number) as number,
      principal: 'ada',
    },
    expect.objectContaining({ method: 'add', status: 422, principal: 'ada' }),
  ]);
  expect(records[0]?.durationMs).toBeGreaterThanOrEqual(0);
  // A throwing hook goes to onError; the answer stands.
  expect(faults).toEqual([new Error('the log hook failed')]);
  await router.close();
});
