// A socket killed in the middle of a 10,000-event burst, from either side:
// the client reconnects, resumes after the last seq it delivered, and the
// application sees every event exactly once, in order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  burst,
  open,
  recorder,
  socketControl,
  startWsServer,
  until,
  type WsServer,
} from './ws-fixture.js';

let server: WsServer;

beforeAll(async () => {
  // Room for the whole burst: this test is about the socket, not the queue bound.
  server = await startWsServer({ maxQueue: 100_000 });
});

afterAll(() => server.close());

describe('a socket killed in the middle of a 10,000-event burst', () => {
  const cases = {
    'server side (its TCP socket destroyed)': () => {
      for (const socket of server.sockets) socket.destroy();
    },
    'client side (ws.terminate())': (control: ReturnType<typeof socketControl>) =>
      control.made.at(-1)?.terminate(),
  };

  for (const [side, kill] of Object.entries(cases)) {
    it(`from the ${side}: every event exactly once, in order`, async () => {
      const control = socketControl();
      const { conn, ticker } = open(server.url, {
        transport: 'websocket',
        WebSocket: control.WebSocket,
        backoff: { initial: 10, max: 50 },
      });
      const states: string[] = [];
      conn.onState((state) => states.push(state));
      let killed = false;
      const events = recorder((seen) => {
        // Inside the handler, mid-frame: the rest of this frame is delivered, the frames behind it are lost with the socket.
        if (seen.length === 3_333 && !killed) {
          killed = true;
          kill(control);
        }
      });
      const symbol = `kill-${side.length}-${Date.now()}`;
      await ticker.subscribe(symbol, events);
      await until(
        () =>
          conn.transport === 'websocket' &&
          control.made.length === 1 &&
          control.made[0]?.readyState === 1,
        'socket open',
      );
      await open(server.url, { transport: 'long-poll' }).ticker.publish(symbol, 10_000);
      await until(() => events.seen.length >= 10_001, 'the whole burst');
      await new Promise((resolve) => setTimeout(resolve, 100)); // a repeat would arrive right behind
      expect(killed).toBe(true);
      expect(control.made.length).toBeGreaterThanOrEqual(2); // it did reconnect
      expect(events.seen).toEqual(burst(10_000));
      expect(states).toContain('offline');
      expect(conn.state).toBe('online');
      await conn.close();
    });
  }
});
