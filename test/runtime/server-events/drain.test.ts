// router.drain (issue 19): a draining router takes no new clients, answers parked long polls now and
// later polls at once, lets calls in flight finish and answers them, and answers whatever still
// arrives after the drain with 503 DRAINING (nothing ran: the client sends it again elsewhere).
import { describe, expect, it } from 'vitest';
import * as s from '../../../runtime/src/schema/index.js';
import { createRouter, defineService } from '../../../runtime/src/server/index.js';

const Slow = s.service('Slow', {
  /** Answers `label` after `ms`. */
  wait: s.method([s.number(), s.string()], s.string()),
});
const Events = s.callbackInterface('Events', { item: [s.number()] });
const Feed = s.service('Feed', { subscribe: s.method([s.callback(Events)], s.number()) });

function setup() {
  const router = createRouter({
    services: [
      defineService(Slow, {
        wait: (ms: number, label: string) =>
          new Promise<string>((resolve) => setTimeout(() => resolve(label), ms)),
      }),
      defineService(Feed, { subscribe: () => 1 }),
    ],
  });
  const send = async (path: string, init: RequestInit = {}) => {
    const response = await router.fetch(new Request(`http://test${path}`, init));
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const json = (client?: string) => ({
    'content-type': 'application/json',
    ...(client === undefined ? {} : { 'x-contract-client': client }),
  });
  return { router, send, json };
}

describe('router.drain', () => {
  it('answers parked polls, refuses new clients, finishes calls in flight, then answers 503 DRAINING', async () => {
    const { router, send, json } = setup();
    const { body: opened } = await send('/_open', { method: 'POST', headers: json(), body: '{}' });
    const client = opened['client'] as string;
    await send('/Feed/subscribe', { method: 'POST', headers: json(client), body: '[{"$cb":1}]' });

    const parked = send('/_events?after=0&wait=20000', {
      headers: { 'x-contract-client': client },
    });
    const inFlight = send('/Slow/wait', {
      method: 'POST',
      headers: json(client),
      body: '[300,"ran"]',
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    let drained = false;
    const draining = router.drain({ timeout: 10_000 }).then(() => void (drained = true));

    // The parked poll is answered now, not after its 20 s.
    expect(await parked).toEqual({ status: 200, body: { events: [] } });
    // No new client here.
    const refused = await send('/_open', { method: 'POST', headers: json(), body: '{}' });
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({ error: { code: 'DRAINING' } });
    // A new long poll is answered at once.
    const started = Date.now();
    expect(
      (await send('/_events?after=0&wait=20000', { headers: { 'x-contract-client': client } }))
        .status,
    ).toBe(200);
    expect(Date.now() - started).toBeLessThan(10_000);

    // The call in flight finishes and is answered; the drain ends after it.
    expect(await inFlight).toEqual({ status: 200, body: { result: 'ran' } });
    await draining;
    expect(drained).toBe(true);

    // Whatever still arrives runs nothing.
    const late = await send('/Slow/wait', {
      method: 'POST',
      headers: json(client),
      body: '[0,"x"]',
    });
    expect(late.status).toBe(503);
    expect(late.body).toMatchObject({ error: { code: 'DRAINING' } });
  });
});
