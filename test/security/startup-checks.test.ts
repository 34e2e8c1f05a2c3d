// Security settings that cannot work fail when the router is built, with a
// message that says what to fix: never a rule or a limit that silently does
// not apply. accessRules() also checks names at compile time (see the
// expected type errors below; `tsc -p test/security/tsconfig.json`).
import { describe, expect, it } from 'vitest';
import {
  accessRules,
  ContractError,
  createRouter,
  memoryStore,
  type ClientStore,
  type RouterOptions,
} from '@contract-gen/runtime/server';
import { TickerService } from '../../conformance/generated/ticker.schema.js';
import { tickerHandlers } from '../../conformance/generated/ticker.server.js';
import { createTickerService } from '../../conformance/ticker-service.js';

const services = [tickerHandlers(createTickerService())];
const auth = (): never => {
  throw new ContractError('UNAUTHENTICATED', 'no');
};
const build = (options: Partial<RouterOptions>) => () =>
  void createRouter({ services, events: false, ...options }).close();

describe('startup checks', () => {
  it.each([
    [
      'access rules without an auth hook',
      { access: { Ticker: { allow: ['user'] } } },
      /access rules need an auth hook/,
    ],
    [
      'a service the router does not serve',
      { auth, access: { Tickr: { allow: ['user'] } } },
      /names service 'Tickr', which this router does not serve \(it serves Ticker\)/,
    ],
    [
      'a method the service does not have',
      { auth, access: { Ticker: { methods: { publsh: { allow: ['admin'] } } } } },
      /names 'publsh', which Ticker does not have/,
    ],
    [
      'a misspelt rule key',
      { auth, access: { Ticker: { alow: ['user'] } as never } },
      /unknown key 'alow'/,
    ],
    [
      'a group list that is not an array of names',
      { auth, access: { Ticker: { allow: 'admin' as never } } },
      /must be an array of group names/,
    ],
    [
      'an empty group name',
      { auth, access: { Ticker: { deny: [''] } } },
      /must be an array of group names/,
    ],
    ['an auth hook that is not a function', { auth: 'yes' as never }, /auth must be a function/],
    ['an unknown limit', { limits: { maxBody: 10 } as never }, /limits.maxBody is not a limit/],
    [
      'a limit that is not a positive integer',
      { limits: { maxCallbacksPerClient: 0 } },
      /limits.maxCallbacksPerClient must be a positive integer/,
    ],
    [
      'an infinite limit',
      { limits: { maxDepth: Infinity } },
      /limits.maxDepth must be a positive integer/,
    ],
  ] as const)('refuses %s', (_, options, message) => {
    expect(build(options as Partial<RouterOptions>)).toThrow(message);
  });

  it('refuses two different queue bounds, and takes either spelling alone', () => {
    expect(build({ limits: { maxQueue: 10 }, events: { maxQueue: 20 } })).toThrow(
      /limits.maxQueue \(10\) and events.maxQueue \(20\) disagree/,
    );
    expect(build({ limits: { maxQueue: 10 }, events: {} })).not.toThrow();
    expect(build({ events: { maxQueue: 10 } })).not.toThrow();
  });

  it('refuses, with auth, a store that keeps no client owners', () => {
    const inner = memoryStore();
    // A store written before owners existed: every method but owner().
    const ownerless: ClientStore = new Proxy(inner, {
      get: (target, key) => {
        if (key === 'owner') return undefined;
        const value: unknown = Reflect.get(target, key);
        return typeof value === 'function'
          ? (value as (...args: unknown[]) => unknown).bind(target)
          : value;
      },
    });
    expect(build({ auth, events: { store: ownerless } })).toThrow(/this store keeps no owners/);
  });

  it('takes rules checked against the descriptors at compile time', () => {
    const rules = accessRules([TickerService], {
      Ticker: { allow: ['user'], deny: ['banned'], methods: { publish: { allow: ['admin'] } } },
    });
    expect(build({ auth, access: rules })).not.toThrow();
    // @ts-expect-error Tickr is not a service of the descriptors given
    accessRules([TickerService], { Tickr: {} });
    // @ts-expect-error publsh is not a method of Ticker
    accessRules([TickerService], { Ticker: { methods: { publsh: { allow: ['admin'] } } } });
  });
});
