/**
 * Through the real router (what a server runs): a `Base | Annotated` argument
 * reaches the handler with every key (issue 20, problem 3, in calls), a
 * refinement is a 400 BAD_ARGUMENT with its path, and `{"$cb": n}` with
 * another key is refused (problem 9).
 */
import { describe, expect, it, vi } from 'vitest';
import * as s from '../../runtime/src/schema/index.js';
import { createRouter, defineService } from '../../runtime/src/server/index.js';
import type {
  Annotated,
  Base,
  Lists,
  Numbers,
  Options,
  Strings,
} from '../fixtures/refine/contracts/refine.js';
import { RefinedService } from '../fixtures/refine/generated/refine.schema.js';

async function post(router: ReturnType<typeof createRouter>, path: string, body: unknown) {
  const response = await router.fetch(
    new Request(`http://test/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-contract-client': 'c1' },
      body: JSON.stringify(body),
    }),
  );
  return { status: response.status, json: (await response.json()) as Record<string, never> };
}

const annotated = { range: [1, 4], text: 'x', note: 'n1' };

describe('the router with lossless unions and refinements', () => {
  const received: unknown[] = [];
  const router = createRouter({
    services: [
      defineService(RefinedService, {
        numbers: (n: Numbers) => n,
        strings: (x: Strings) => x,
        lists: (l: Lists) => l,
        options: (o: Options) => o,
        edits: (edits: (Base | Annotated)[]) => {
          received.push(edits);
          return edits[0]!;
        },
        when: (at: Date) => at,
      }),
    ],
    events: false,
  });

  it('hands the handler every key of an Annotated in a Base | Annotated, and answers with it', async () => {
    const answer = await post(router, 'Refined/edits', [[annotated, { range: [0, 1], text: 'y' }]]);
    expect(answer.status).toBe(200);
    expect(received[0]).toEqual([annotated, { range: [0, 1], text: 'y' }]);
    expect(answer.json['result']).toEqual(annotated);
  });

  it('answers 400 BAD_ARGUMENT with the path of a broken refinement', async () => {
    const numbers = { int32: 1.5, uint32: 1, int64: 1, positive: 1, step: 1, even: 2, age: 3 };
    const answer = await post(router, 'Refined/numbers', [numbers]);
    expect(answer.status).toBe(400);
    expect(answer.json['error']).toMatchObject({ code: 'BAD_ARGUMENT', path: 'args[0].int32' });
  });
});

describe('the router and {"$cb": n}', () => {
  const Events = s.callbackInterface('Events', { ping: [s.string()] });
  const Svc = s.service('Svc', { watch: s.method([s.callback(Events)], s.void()) });
  const watch = vi.fn(() => undefined);
  const router = createRouter({
    services: [defineService(Svc, { watch })],
    callbacks: () => ({ ping: () => undefined }),
  });

  it('refuses a callback reference with another key, as the schema says', async () => {
    const answer = await post(router, 'Svc/watch', [{ $cb: 0, id: 5e-324 }]);
    expect(answer.status).toBe(400);
    expect(answer.json['error']).toMatchObject({ code: 'BAD_ARGUMENT', path: 'args[0]' });
    expect(watch).not.toHaveBeenCalled();
    expect((await post(router, 'Svc/watch', [{ $cb: 0 }])).status).toBe(200);
  });
});
