// Issue 22: the lifetime of service instances handed out as references, in one process (the
// router in-process): a typed proxy bound to the instance, released explicitly (Symbol.asyncDispose,
// releaseReference, POST _unref) or with its owner client, and UNKNOWN_REF after that.
import { afterEach, describe, expect, it } from 'vitest';
import {
  connectInProcess,
  referenceOf,
  releaseReference,
  type Connection,
} from '@contract-gen/runtime/client';
import { createRouter, type Router } from '@contract-gen/runtime/server';
import type { Room } from '../../contracts/catalog.js';
import { catalogClient } from '../../generated/catalog.client.js';
import { catalogHandlers, type RoomHandlers } from '../../generated/catalog.server.js';

const disposed: string[] = [];
const routers: Router[] = [];
const connections: Connection[] = [];

function setUp(room: (id: string) => unknown = roomOf) {
  const router = createRouter({
    services: [
      catalogHandlers({
        room: room as (id: string) => RoomHandlers,
        shardOf: () => 'here',
      }),
    ],
    onError: () => {},
  });
  routers.push(router);
  const conn = connectInProcess(router);
  connections.push(conn);
  return { router, conn, catalog: catalogClient(conn) };
}

function roomOf(id: string): RoomHandlers & { [Symbol.dispose](): void } {
  let posted = 0;
  return {
    id: () => id,
    join: () => {},
    post: (_from, count) => (posted += count),
    [Symbol.dispose]: () => void disposed.push(id),
  };
}

afterEach(async () => {
  await Promise.all(connections.splice(0).map((c) => c.close()));
  await Promise.all(routers.splice(0).map((r) => r.close()));
  disposed.length = 0;
});

describe('a service instance handed out as a reference', () => {
  it('is a typed proxy bound to its own instance', async () => {
    const { catalog } = setUp();
    const seven = await catalog.room('7');
    const eight = await catalog.room('8');
    expect(await seven.id()).toBe('7');
    expect(await eight.id()).toBe('8');
    // State is per instance: two references to room 7 are two instances.
    expect(await seven.post(1, 3, 'a')).toBe(3);
    expect(await seven.post(4, 2, 'b')).toBe(5);
    expect(await (await catalog.room('7')).post(1, 1, 'c')).toBe(1);
    expect(referenceOf(seven)).toMatchObject({ url: 'http://in-process' });
    expect(referenceOf(seven)?.ref).toMatch(/^[\w-]{22}$/);
    expect(typeof (seven as unknown as PromiseLike<unknown>).then).toBe('undefined');
  });

  it('is disposed when released, and a call through it is UNKNOWN_REF', async () => {
    const { catalog } = setUp();
    const room = await catalog.room('7');
    await (room as Room & AsyncDisposable)[Symbol.asyncDispose]();
    expect(disposed).toEqual(['7']);
    await expect(room.id()).rejects.toMatchObject({ code: 'UNKNOWN_REF', status: 404 });
    const other = await catalog.room('9');
    await releaseReference(other);
    await releaseReference(other); // an unknown token is no error
    expect(disposed).toEqual(['7', '9']);
    await expect(releaseReference({})).rejects.toThrow(TypeError);
  });

  it('is disposed with its owner client', async () => {
    const { catalog, conn } = setUp();
    const room = await catalog.room('7');
    expect(await room.id()).toBe('7');
    await conn.close();
    expect(disposed).toEqual(['7']);
  });

  it('is refused to a holder of a token of another service, or a made-up one', async () => {
    const { router } = setUp();
    const call = (path: string, headers: Record<string, string>) =>
      router.fetch(
        new Request(`http://in-process${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: '[]',
        }),
      );
    const made = await call('/Room/id', { 'x-contract-ref': 'AAAAAAAAAAAAAAAAAAAAAA' });
    expect(made.status).toBe(404);
    expect(((await made.json()) as { error: { code: string } }).error.code).toBe('UNKNOWN_REF');
    // A method returning a reference needs the caller's client: the instance lives with it.
    const anonymous = await router.fetch(
      new Request('http://in-process/Catalog/room', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '["7"]',
      }),
    );
    expect(anonymous.status).toBe(400);
    // A service only ever handed out is called through a reference.
    const direct = await call('/Room/id', {});
    expect(direct.status).toBe(400);
    const unref = await router.fetch(
      new Request('http://in-process/_unref', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '[1]',
      }),
    );
    expect(unref.status).toBe(400);
    // Without the JSON content type (a cross-site form could send that), _unref is refused before its body.
    const simple = await router.fetch(
      new Request('http://in-process/_unref', { method: 'POST', body: '["7"]' }),
    );
    expect(simple.status).toBe(415);
    expect(await simple.json()).toMatchObject({ error: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
  });

  it('is a server fault when the handler returns no object', async () => {
    const { catalog } = setUp(() => 'not a room');
    await expect(catalog.room('7')).rejects.toMatchObject({ code: 'INTERNAL', status: 500 });
  });
});
