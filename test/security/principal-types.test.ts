// ctx.principal is typed: an application adds its own fields to Principal
// by module augmentation, and the hook must then return them. Checked by
// `tsc -p test/security/tsconfig.json`; at run time this only builds a router.
import { describe, expectTypeOf, it } from 'vitest';
import {
  createRouter,
  type AuthHook,
  type CallContext,
  type Principal,
} from '@contract-gen/runtime/server';
import { tickerHandlers } from '../../conformance/generated/ticker.server.js';
import { createTickerService } from '../../conformance/ticker-service.js';

declare module '@contract-gen/runtime/server' {
  interface Principal {
    /** The application's own field, e.g. the tenant a user belongs to. */
    readonly tenant?: string;
  }
}

describe('the principal type', () => {
  it('reaches handlers as ctx.principal with the fields the application declared', () => {
    expectTypeOf<CallContext['principal']>().toEqualTypeOf<Principal>();
    expectTypeOf<Principal['id']>().toEqualTypeOf<string>();
    expectTypeOf<Principal['groups']>().toEqualTypeOf<readonly string[] | undefined>();
    expectTypeOf<Principal['tenant']>().toEqualTypeOf<string | undefined>();
    const auth: AuthHook = () => ({ id: 'ann', groups: ['user'], tenant: 'acme' });
    // @ts-expect-error a principal needs an id
    const bad: AuthHook = () => ({ groups: ['user'] });
    void bad;
    void createRouter({
      services: [tickerHandlers(createTickerService())],
      auth,
      events: false,
    }).close();
  });
});
