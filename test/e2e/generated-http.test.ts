import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Connection } from '@contract-gen/runtime/client';
import type { ServiceRegistration } from '@contract-gen/runtime/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeProject, repoRoot, runCli, runTsc } from '../support/cli.js';

// A contracts folder copied outside the repository, generated, type-checked
// with the strictest options, then called through the generated client.
const fixture = join(repoRoot, 'test', 'fixtures', 'e2e');

type Item = import('../fixtures/e2e/contracts/store.js').Item;
type Store = import('../fixtures/e2e/contracts/store.js').Store;

/**
 * The fixture's app.ts as this test uses it. Its generated client and
 * handlers exist only in the copy the test generates, so `typeof import` of
 * the fixture cannot type them: spelled out here, the client as its contract.
 */
interface App {
  readonly received: unknown[][];
  readonly store: ServiceRegistration;
  inProcessClient(): Store;
  clientOver(conn: Connection): Store;
}

let project: string;
let app: App;

const item: Item = {
  id: 2n ** 63n + 7n,
  at: new Date('2026-11-22T10:11:12.345Z'),
  data: new Uint8Array([0, 1, 2, 250, 255]),
  shape: { kind: 'rect', width: 2, height: 3 },
  tree: { label: 'root', children: [{ label: 'a', children: [{ label: 'a1', children: [] }] }] },
  legs: [
    [1, 'one'],
    [2, 'two'],
  ],
  note: null,
};

beforeAll(async () => {
  project = makeProject(fixture);
  const generated = runCli(['generate', 'contracts', '--out', 'generated'], project);
  expect(generated.stderr).toContain('wrote');
  expect(generated.status).toBe(0);
  app = (await import(pathToFileURL(join(project, 'app.ts')).href)) as App;
});

describe('generated code outside the repository', () => {
  it('type-checks under strict, exactOptionalPropertyTypes, noUnusedLocals, verbatimModuleSyntax and nodenext', () => {
    const tsc = runTsc(project);
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });

  it('passes Date, bigint, Uint8Array, unions, tuples and recursion through intact', async () => {
    const client = app.inProcessClient();
    const back = await client.roundTrip(item);
    expect(back).toEqual(item);
    expect(back.at).toBeInstanceOf(Date);
    expect(back.data).toBeInstanceOf(Uint8Array);
    expect(typeof back.id).toBe('bigint');
    const [seen, method] = app.received.at(-1)!;
    expect(method).toBe('roundTrip');
    expect((seen as Item).at).toBeInstanceOf(Date);
    expect((seen as Item).id).toBe(item.id);
  });

  it('omits trailing optional arguments and decodes results', async () => {
    const client = app.inProcessClient();
    expect(await client.sum(5n)).toBe(5n);
    expect(await client.sum(5n, 2n ** 70n)).toBe(5n + 2n ** 70n);
    expect(
      await client.area([
        { kind: 'circle', radius: 1 },
        { kind: 'rect', width: 2, height: 2 },
      ]),
    ).toBeCloseTo(Math.PI + 4);
    expect(await client.nothing()).toBeUndefined();
  });

  it('works the same over HTTP', async () => {
    const { createServer } = await import('@contract-gen/runtime/server/node');
    const { connect } = await import('@contract-gen/runtime/client');
    const server = await createServer({ services: [app.store] }).listen(0);
    try {
      const client = app.clientOver(connect(server.url));
      expect(await client.roundTrip(item)).toEqual(item);
      expect(await client.sum(1n, 2n)).toBe(3n);
    } finally {
      await server.close();
    }
  });

  it('rejects an ill-typed argument before the implementation sees it', async () => {
    const client = app.inProcessClient();
    const before = app.received.length;
    const bad = { ...item, tree: { label: 'root', children: [{ label: 7 }] } } as unknown as Item;
    await expect(client.roundTrip(bad)).rejects.toMatchObject({
      code: 'BAD_ARGUMENT',
      status: 400,
    });
    expect(app.received.length).toBe(before);
  });
});
