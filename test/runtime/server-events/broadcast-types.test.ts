import { describe, expectTypeOf, it } from 'vitest';
import {
  Broadcast,
  defineService,
  type ClientInfo,
  type ServiceRegistration,
} from '../../../runtime/src/server/index.js';
import { TickerService, type TickerEvents } from './fixture.js';

// Checked by `tsc -p test/runtime/tsconfig.json`; at run time these only construct objects.
describe('types', () => {
  it('a Broadcast has the callback methods and the set methods', () => {
    const all = new Broadcast<TickerEvents>();
    expectTypeOf(all.tick).parameters.toEqualTypeOf<[symbol: string, n: number, at: Date]>();
    expectTypeOf(all.done).returns.toEqualTypeOf<void>();
    expectTypeOf(all).toHaveProperty('add').returns.toEqualTypeOf<Broadcast<TickerEvents>>();
    expectTypeOf(all.size).toEqualTypeOf<number>();
    expectTypeOf([...all]).toEqualTypeOf<TickerEvents[]>();
    // @ts-expect-error not a method of TickerEvents
    void all.publish;
  });

  it('defineService takes handlers, or a factory with lifetime per-client', () => {
    const shared = {
      subscribe: () => 1,
      publish: () => 1,
      subscribers: () => 1,
      ping: () => 'pong',
    };
    expectTypeOf(defineService(TickerService, shared)).toEqualTypeOf<ServiceRegistration>();
    expectTypeOf(
      defineService(TickerService, (client: ClientInfo) => ({ ...shared, id: client.id }), {
        lifetime: 'per-client',
      }),
    ).toEqualTypeOf<ServiceRegistration>();
  });
});
