// The hostile requests of issue 8, one row each: what is sent, and the
// status and code it must get. hostile-requests.test.ts runs every row
// through both doors of a secured server; docs/security.md lists them.
import type { Door, Harness } from './harness.js';
import { rawRequest } from './raw-http.js';
import { evilOrigin, limits, maxWait, sample, trustedOrigin } from './security-fixture.js';

/** One hostile request: `attack` sets up what it needs, then sends the request through `h.hit`. */
export interface HostileRow {
  readonly group: string;
  readonly name: string;
  readonly status: number;
  /** The error code; absent for a 2xx answer. */
  readonly code?: string;
  /** The doors the request can pass (default both): router.fetch takes web Requests, which cannot carry a malformed Host. */
  readonly doors?: readonly Door[];
  readonly attack: (h: Harness) => Promise<Response>;
}

const FORGED = 'AAAAAAAAAAAAAAAAAAAAAA';
const deep = (levels: number): Record<string, unknown> => {
  let value = sample();
  for (let i = 0; i < levels; i++) value = sample({ nested: value });
  return value;
};
const nestedArray = (levels: number): unknown => {
  let value: unknown = 0;
  for (let i = 0; i < levels; i++) value = [value];
  return value;
};
/** A string of the size issue 18 found echoed whole (300,138 characters there), within this server's body limit. */
const long = 'x'.repeat(30_000);
/** A call without a token, written byte for byte with `host` as its Host header (node:http only). */
const withHost = (h: Harness, host: string): Promise<Response> =>
  rawRequest(
    h.server.listening.url,
    `POST /Ticker/add HTTP/1.1\r\nhost: ${host}\r\ncontent-type: application/json\r\ncontent-length: 5`,
    '[1,2]',
  );
const invalidUtf8: Uint8Array<ArrayBuffer> = new Uint8Array([
  0x5b, 0x22, 0x53, 0xff, 0xfe, 0x22, 0x5d,
]); // ["S<ff><fe>"]

export const hostileRows: readonly HostileRow[] = [
  // Who is calling
  {
    group: 'auth',
    name: 'call without a token',
    status: 401,
    code: 'UNAUTHENTICATED',
    attack: (h) => h.hit(() => h.call(undefined, 'add', [1, 2])),
  },
  {
    group: 'auth',
    name: 'call with an unknown token',
    status: 401,
    code: 'UNAUTHENTICATED',
    attack: (h) => h.hit(() => h.call('forged-token', 'add', [1, 2])),
  },
  {
    group: 'auth',
    name: 'call with a Basic credential instead of a Bearer token',
    status: 401,
    code: 'UNAUTHENTICATED',
    attack: (h) =>
      h.hit(() =>
        h.send('/Ticker/add', {
          method: 'POST',
          body: '[1,2]',
          headers: { authorization: 'Basic YW5uOmFubg==' },
        }),
      ),
  },
  {
    group: 'auth',
    name: 'call with a revoked (expired) token',
    status: 401,
    code: 'UNAUTHENTICATED',
    attack: (h) => (h.server.revoked.add('ann-2'), h.hit(() => h.call('ann-2', 'add', [1, 2]))),
  },
  {
    group: 'auth',
    name: '_open without a token',
    status: 401,
    code: 'UNAUTHENTICATED',
    attack: (h) => h.hit(() => h.send('/_open', { method: 'POST', body: '{}' })),
  },
  {
    group: 'auth',
    name: '_events of a real client without a token',
    status: 401,
    code: 'UNAUTHENTICATED',
    attack: async (h) => {
      const c = await h.subscribed('ann');
      return h.hit(() => h.poll(undefined, c));
    },
  },
  {
    group: 'auth',
    name: '_release of a real client without a token',
    status: 401,
    code: 'UNAUTHENTICATED',
    attack: async (h) => {
      const c = await h.subscribed('ann');
      return h.hit(() => h.release(undefined, c, '[1]'));
    },
  },
  {
    group: 'auth',
    name: '_close of a real client without a token',
    status: 401,
    code: 'UNAUTHENTICATED',
    attack: async (h) => {
      const c = await h.open('ann');
      return h.hit(() => h.send('/_close', { method: 'POST', client: c }));
    },
  },
  {
    group: 'auth',
    name: 'unauthenticated upload of a large body',
    status: 401,
    code: 'UNAUTHENTICATED',
    attack: (h) => h.hit(() => h.call(undefined, 'echo', [sample({ text: 'x'.repeat(900) })])),
  },
  {
    group: 'auth',
    name: 'the auth hook fails (a database down): no internal message leaks',
    status: 500,
    code: 'INTERNAL',
    attack: (h) => h.hit(() => h.call('boom', 'add', [1, 2])),
  },
  {
    group: 'auth',
    name: 'the auth hook returns something that is not a principal',
    status: 500,
    code: 'INTERNAL',
    attack: (h) => h.hit(() => h.call('shape', 'add', [1, 2])),
  },

  // Who may call what
  {
    group: 'access',
    name: 'a user calls an admin-only method',
    status: 403,
    code: 'FORBIDDEN',
    attack: (h) => h.hit(() => h.call('ann', 'publish', ['S', 1])),
  },
  {
    group: 'access',
    name: 'a denied group calls an allowed method (deny wins)',
    status: 403,
    code: 'FORBIDDEN',
    attack: (h) => h.hit(() => h.call('eve', 'subscribers', ['S'])),
  },
  {
    group: 'access',
    name: 'a principal in no group',
    status: 403,
    code: 'FORBIDDEN',
    attack: (h) => h.hit(() => h.call('ned', 'add', [1, 2])),
  },
  {
    group: 'access',
    name: 'a denied call with ill-typed arguments is refused before they are looked at',
    status: 403,
    code: 'FORBIDDEN',
    attack: (h) => h.hit(() => h.call('ann', 'publish', '{"__proto__":{"polluted":true}}')),
  },
  {
    group: 'access',
    name: 'an admin-only method spelt with percent-encoding (/Ticker/%70ublish) meets its rules',
    status: 403,
    code: 'FORBIDDEN',
    attack: (h) => h.hit(() => h.call('ann', '%70ublish', ['S', 1])),
  },

  // Whose client
  {
    group: 'client ids',
    name: 'forged client id on _events',
    status: 403,
    code: 'FOREIGN_CLIENT',
    attack: (h) => h.hit(() => h.poll('ann', FORGED)),
  },
  {
    group: 'client ids',
    name: "another principal's client id on _events",
    status: 403,
    code: 'FOREIGN_CLIENT',
    attack: async (h) => {
      const bobs = await h.subscribed('bob');
      return h.hit(() => h.poll('ann', bobs));
    },
  },
  {
    group: 'client ids',
    name: "another principal's client id on _release",
    status: 403,
    code: 'FOREIGN_CLIENT',
    attack: async (h) => {
      const bobs = await h.subscribed('bob');
      return h.hit(() => h.release('ann', bobs, '[1]'));
    },
  },
  {
    group: 'client ids',
    name: "another principal's client id on _close",
    status: 403,
    code: 'FOREIGN_CLIENT',
    attack: async (h) => {
      const bobs = await h.open('bob');
      return h.hit(() => h.send('/_close', { method: 'POST', token: 'ann', client: bobs }));
    },
  },
  {
    group: 'client ids',
    name: "another principal's client id on a call passing a callback",
    status: 403,
    code: 'FOREIGN_CLIENT',
    attack: async (h) => {
      const bobs = await h.open('bob');
      return h.hit(() => h.call('ann', 'subscribe', ['S', { $cb: 9 }], bobs));
    },
  },
  {
    group: 'client ids',
    name: 'forged client id on a call',
    status: 403,
    code: 'FOREIGN_CLIENT',
    attack: (h) => h.hit(() => h.call('ann', 'add', [1, 2], FORGED)),
  },
  {
    group: 'client ids',
    name: 'a 10,000-character client id',
    status: 403,
    code: 'FOREIGN_CLIENT',
    attack: (h) => h.hit(() => h.poll('ann', 'A'.repeat(10_000))),
  },
  {
    group: 'client ids',
    name: "another principal's closed client (answered like an unknown one)",
    status: 403,
    code: 'FOREIGN_CLIENT',
    attack: async (h) => {
      const bobs = await h.open('bob');
      await h.send('/_close', { method: 'POST', token: 'bob', client: bobs });
      return h.hit(() => h.poll('ann', bobs));
    },
  },
  {
    group: 'client ids',
    name: 'an empty client header on _events',
    status: 400,
    code: 'BAD_REQUEST',
    attack: (h) => h.hit(() => h.poll('ann', '')),
  },
  {
    group: 'client ids',
    name: 'a callback argument without a client header',
    status: 400,
    code: 'BAD_REQUEST',
    attack: (h) => h.hit(() => h.call('ann', 'subscribe', ['S', { $cb: 1 }])),
  },

  // Acknowledgements and waits
  {
    group: 'polls',
    name: 'the next poll after the token expired mid-poll (the parked one was answered)',
    status: 401,
    code: 'UNAUTHENTICATED',
    attack: async (h) => {
      const c = await h.subscribed('ann');
      const parked = h.poll('ann-3', c, `after=0&wait=${maxWait}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      h.server.revoked.add('ann-3');
      if ((await parked).status !== 200)
        throw new Error('the parked poll was not answered normally');
      return h.hit(() => h.poll('ann-3', c, 'after=0'));
    },
  },
  {
    group: 'polls',
    name: "a replayed ack beyond the last seq (after=99): the caller's own queue moves on, with a lost gap",
    status: 200,
    attack: async (h) => {
      const c = await h.subscribed('ann');
      return h.hit(() => h.poll('ann', c, 'after=99'));
    },
  },
  {
    group: 'polls',
    name: 'a negative after',
    status: 400,
    code: 'BAD_REQUEST',
    attack: async (h) => {
      const c = await h.open('ann');
      return h.hit(() => h.poll('ann', c, 'after=-1'));
    },
  },
  {
    group: 'polls',
    name: 'a 30-digit after',
    status: 400,
    code: 'BAD_REQUEST',
    attack: async (h) => {
      const c = await h.open('ann');
      return h.hit(() => h.poll('ann', c, `after=${'9'.repeat(30)}`));
    },
  },
  {
    group: 'polls',
    name: 'an after beyond the largest seq (2^52 + 1), which would push the queue past safe integers',
    status: 400,
    code: 'BAD_REQUEST',
    attack: async (h) => {
      const c = await h.subscribed('ann');
      return h.hit(() => h.poll('ann', c, `after=${2 ** 52 + 1}`));
    },
  },
  {
    group: 'polls',
    name: 'a fractional after',
    status: 400,
    code: 'BAD_REQUEST',
    attack: async (h) => {
      const c = await h.open('ann');
      return h.hit(() => h.poll('ann', c, 'after=1.5'));
    },
  },
  {
    group: 'polls',
    name: 'a negative wait',
    status: 400,
    code: 'BAD_REQUEST',
    attack: async (h) => {
      const c = await h.open('ann');
      return h.hit(() => h.poll('ann', c, 'wait=-5'));
    },
  },
  {
    group: 'polls',
    name: 'a wait that is not a number',
    status: 400,
    code: 'BAD_REQUEST',
    attack: async (h) => {
      const c = await h.open('ann');
      return h.hit(() => h.poll('ann', c, 'wait=abc'));
    },
  },
  {
    group: 'polls',
    name: 'a huge wait is clamped to the server maximum (answered empty, not held for days)',
    status: 200,
    attack: async (h) => {
      const c = await h.open('ann');
      return h.hit(() => h.poll('ann', c, 'wait=9999999999999'));
    },
  },

  // Methods and content types
  {
    group: 'http',
    name: 'a call with content-type text/plain',
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    attack: (h) =>
      h.hit(() =>
        h.send('/Ticker/add', {
          method: 'POST',
          token: 'ann',
          body: '[1,2]',
          contentType: 'text/plain',
        }),
      ),
  },
  {
    group: 'http',
    name: 'a call without a content type',
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    attack: (h) =>
      h.hit(() =>
        h.send('/Ticker/add', { method: 'POST', token: 'ann', body: '[1,2]', contentType: '' }),
      ),
  },
  {
    group: 'http',
    name: 'a call as GET',
    status: 405,
    code: 'METHOD_NOT_ALLOWED',
    attack: (h) => h.hit(() => h.send('/Ticker/add', { token: 'ann' })),
  },
  {
    group: 'http',
    name: '_events as POST',
    status: 405,
    code: 'METHOD_NOT_ALLOWED',
    attack: (h) => h.hit(() => h.send('/_events', { method: 'POST', token: 'ann', body: '{}' })),
  },
  {
    group: 'http',
    name: 'an unknown service',
    status: 404,
    code: 'NOT_FOUND',
    attack: (h) => h.hit(() => h.send('/Admin/drop', { method: 'POST', token: 'ann', body: '[]' })),
  },
  {
    group: 'http',
    name: 'a method named __proto__',
    status: 404,
    code: 'NOT_FOUND',
    attack: (h) => h.hit(() => h.call('ann', '__proto__', [])),
  },
  {
    group: 'http',
    name: 'a method named constructor',
    status: 404,
    code: 'NOT_FOUND',
    attack: (h) => h.hit(() => h.call('ann', 'constructor', [])),
  },
  {
    group: 'http',
    name: 'an unknown protocol endpoint',
    status: 404,
    code: 'NOT_FOUND',
    attack: (h) => h.hit(() => h.send('/_admin', { method: 'POST', token: 'ann' })),
  },
  {
    group: 'http',
    name: 'a 10,000-character path of three segments (the 404 echoes 100 characters)',
    status: 404,
    code: 'NOT_FOUND',
    attack: (h) =>
      h.hit(() =>
        h.send(`/Ticker/add/${'x'.repeat(10_000)}`, { method: 'POST', token: 'ann', body: '[]' }),
      ),
  },
  {
    group: 'http',
    name: 'a call without a token and with a malformed Host header (a 500 before)',
    status: 400,
    code: 'BAD_REQUEST',
    doors: ['node:http'],
    attack: (h) => h.hit(() => withHost(h, 'exa mple.com')),
  },
  {
    group: 'http',
    name: 'a call with an empty Host header (its path read as the host before)',
    status: 400,
    code: 'BAD_REQUEST',
    doors: ['node:http'],
    attack: (h) => h.hit(() => withHost(h, '')),
  },
  {
    group: 'http',
    name: 'a call without a token whose request line is in absolute form (POST http://host/Ticker/add; a 500 before)',
    status: 401,
    code: 'UNAUTHENTICATED',
    doors: ['node:http'],
    attack: (h) => {
      const { host } = new URL(h.server.listening.url);
      return h.hit(() =>
        rawRequest(
          h.server.listening.url,
          `POST http://${host}/Ticker/add HTTP/1.1\r\nhost: ${host}\r\ncontent-type: application/json\r\ncontent-length: 5`,
          '[1,2]',
        ),
      );
    },
  },
  {
    group: 'http',
    name: "a request line that is not HTTP (answered by Node's parser, with the security headers)",
    status: 400,
    code: 'BAD_REQUEST',
    doors: ['node:http'],
    attack: (h) => h.hit(() => rawRequest(h.server.listening.url, 'GET / HTTP/1.1 extra words')),
  },
  {
    group: 'http',
    name: "headers over 16 KiB (Node's maxHeaderSize)",
    status: 431,
    code: 'TOO_LARGE',
    doors: ['node:http'],
    attack: (h) => {
      const { host } = new URL(h.server.listening.url);
      return h.hit(() =>
        rawRequest(
          h.server.listening.url,
          `POST /Ticker/add HTTP/1.1\r\nhost: ${host}\r\nx-filler: ${'a'.repeat(20_000)}`,
        ),
      );
    },
  },

  // Bodies
  {
    group: 'bodies',
    name: 'malformed JSON',
    status: 400,
    code: 'BAD_REQUEST',
    attack: (h) => h.hit(() => h.call('ann', 'add', '[1,')),
  },
  {
    group: 'bodies',
    name: 'a body that is an object, not an argument array',
    status: 400,
    code: 'BAD_REQUEST',
    attack: (h) => h.hit(() => h.call('ann', 'add', '{"a":1,"b":2}')),
  },
  {
    group: 'bodies',
    name: 'invalid UTF-8 bytes',
    status: 400,
    code: 'BAD_REQUEST',
    attack: (h) =>
      h.hit(() =>
        h.send('/Ticker/subscribers', { method: 'POST', token: 'ann', body: invalidUtf8 }),
      ),
  },
  {
    group: 'bodies',
    name: 'a body over maxBodyBytes',
    status: 413,
    code: 'TOO_LARGE',
    attack: (h) =>
      h.hit(() => h.call('ann', 'subscribers', [`${'x'.repeat(limits.maxBodyBytes)}`])),
  },
  {
    group: 'bodies',
    name: '60,000 nested brackets',
    status: 400,
    code: 'TOO_DEEP',
    attack: (h) => h.hit(() => h.call('ann', 'add', `${'['.repeat(30_000)}${']'.repeat(30_000)}`)),
  },
  {
    group: 'bodies',
    name: 'nesting past maxDepth',
    status: 400,
    code: 'TOO_DEEP',
    attack: (h) => h.hit(() => h.call('ann', 'echo', [deep(limits.maxDepth + 2)])),
  },
  {
    group: 'bodies',
    name: 'a body of 65,536 [ (refused by the pre-scan, never parsed)',
    status: 400,
    code: 'TOO_DEEP',
    attack: (h) => h.hit(() => h.call('ann', 'add', '['.repeat(limits.maxBodyBytes))),
  },
  {
    group: 'bodies',
    name: 'a body of {"a": 13,000 times',
    status: 400,
    code: 'TOO_DEEP',
    attack: (h) => h.hit(() => h.call('ann', 'add', '{"a":'.repeat(13_000))),
  },
  {
    group: 'bodies',
    name: 'nesting past maxDepth under a key the contract does not declare',
    status: 400,
    code: 'TOO_DEEP',
    attack: (h) =>
      h.hit(() => h.call('ann', 'echo', [sample({ junk: nestedArray(limits.maxDepth + 1) })])),
  },
  {
    group: 'bodies',
    name: 'brackets, braces and escaped quotes inside a string are not nesting',
    status: 200,
    attack: (h) => h.hit(() => h.call('ann', 'subscribers', ['[{"\\'.repeat(200)])),
  },
  {
    group: 'bodies',
    name: 'a lone surrogate escape in a string argument',
    status: 400,
    code: 'LONE_SURROGATE',
    attack: (h) => h.hit(() => h.call('ann', 'subscribers', '["a\\ud800b"]')),
  },
  {
    group: 'bodies',
    name: 'a lone surrogate escape in a record key',
    status: 400,
    code: 'LONE_SURROGATE',
    attack: (h) =>
      h.hit(() =>
        h.call(
          'ann',
          'echo',
          `[${JSON.stringify(sample({ attrs: { KEY: true } })).replace('KEY', '\\udc00')}]`,
        ),
      ),
  },
  {
    group: 'bodies',
    name: 'a 30,000-character record key with a wrong value (the path echoes 40 characters of it)',
    status: 400,
    code: 'BAD_ARGUMENT',
    attack: (h) => h.hit(() => h.call('ann', 'echo', [sample({ attrs: { [long]: 'yes' } })])),
  },
  {
    group: 'bodies',
    name: 'a 30,000-character string where a number is declared (echoes 40 characters)',
    status: 400,
    code: 'BAD_ARGUMENT',
    attack: (h) => h.hit(() => h.call('ann', 'add', [long, 1])),
  },
  {
    group: 'bodies',
    name: 'an array past maxItems',
    status: 400,
    code: 'TOO_MANY_ITEMS',
    attack: (h) =>
      h.hit(() =>
        h.call('ann', 'echo', [
          sample({ tags: Array.from({ length: limits.maxItems + 1 }, () => 't') }),
        ]),
      ),
  },
  {
    group: 'bodies',
    name: 'a record past maxItems',
    status: 400,
    code: 'TOO_MANY_ITEMS',
    attack: (h) =>
      h.hit(() =>
        h.call('ann', 'echo', [
          sample({
            attrs: Object.fromEntries(
              Array.from({ length: limits.maxItems + 1 }, (_, i) => [`k${i}`, true]),
            ),
          }),
        ]),
      ),
  },
  {
    group: 'bodies',
    name: 'a string past maxStringLength',
    status: 400,
    code: 'TOO_LONG',
    attack: (h) =>
      h.hit(() => h.call('ann', 'subscribers', ['x'.repeat(limits.maxStringLength + 1)])),
  },
  {
    group: 'bodies',
    name: 'a bigint past maxBigIntDigits',
    status: 400,
    code: 'TOO_MANY_DIGITS',
    attack: (h) =>
      h.hit(() => h.call('ann', 'echo', [sample({ big: '9'.repeat(limits.maxBigIntDigits + 1) })])),
  },
  {
    group: 'bodies',
    name: 'a __proto__ key in an object argument',
    status: 400,
    code: 'BAD_ARGUMENT',
    attack: (h) =>
      h.hit(() =>
        h.call(
          'ann',
          'echo',
          `[${JSON.stringify(sample()).slice(0, -1)},"__proto__":{"polluted":true}}]`,
        ),
      ),
  },
  {
    group: 'bodies',
    name: 'a constructor key in a record argument',
    status: 400,
    code: 'BAD_ARGUMENT',
    attack: (h) => h.hit(() => h.call('ann', 'echo', [sample({ attrs: { constructor: true } })])),
  },
  {
    group: 'bodies',
    name: 'a prototype key in a record argument',
    status: 400,
    code: 'BAD_ARGUMENT',
    attack: (h) => h.hit(() => h.call('ann', 'echo', [sample({ attrs: { prototype: true } })])),
  },
  {
    group: 'bodies',
    name: 'a number too large for a double (1e999)',
    status: 400,
    code: 'BAD_ARGUMENT',
    attack: (h) => h.hit(() => h.call('ann', 'add', '[1e999,1]')),
  },
  {
    group: 'bodies',
    name: 'strings where numbers are declared',
    status: 400,
    code: 'BAD_ARGUMENT',
    attack: (h) => h.hit(() => h.call('ann', 'add', ['1', '2'])),
  },
  {
    group: 'bodies',
    name: 'too many arguments',
    status: 400,
    code: 'BAD_ARGUMENT',
    attack: (h) => h.hit(() => h.call('ann', 'add', [1, 2, 3])),
  },

  // Callbacks and release
  {
    group: 'callbacks',
    name: 'a negative callback id',
    status: 400,
    code: 'BAD_ARGUMENT',
    attack: async (h) => {
      const c = await h.open('ann');
      return h.hit(() => h.call('ann', 'subscribe', ['S', { $cb: -1 }], c));
    },
  },
  {
    group: 'callbacks',
    name: 'a required callback sent as null (found by the frames fuzzer)',
    status: 400,
    code: 'BAD_ARGUMENT',
    attack: async (h) => {
      const c = await h.open('ann');
      return h.hit(() => h.call('ann', 'subscribe', ['S', null], c));
    },
  },
  {
    group: 'callbacks',
    name: 'a fractional callback id',
    status: 400,
    code: 'BAD_ARGUMENT',
    attack: async (h) => {
      const c = await h.open('ann');
      return h.hit(() => h.call('ann', 'subscribe', ['S', { $cb: 1.5 }], c));
    },
  },
  {
    group: 'callbacks',
    name: 'one callback more than maxCallbacksPerClient',
    status: 429,
    code: 'TOO_MANY_CALLBACKS',
    attack: async (h) => {
      const c = await h.open('ann');
      for (let cb = 1; cb <= limits.maxCallbacksPerClient; cb++)
        await h.call('ann', 'subscribe', ['S', { $cb: cb }], c);
      return h.hit(() => h.call('ann', 'subscribe', ['S', { $cb: 99 }], c));
    },
  },
  {
    group: 'callbacks',
    name: 'unknown callback ids on _release (ignored)',
    status: 200,
    attack: async (h) => {
      const c = await h.subscribed('ann');
      return h.hit(() => h.release('ann', c, '[424242, 7]'));
    },
  },
  {
    group: 'callbacks',
    name: 'a __proto__ object as the _release body',
    status: 400,
    code: 'BAD_REQUEST',
    attack: async (h) => {
      const c = await h.subscribed('ann');
      return h.hit(() => h.release('ann', c, '{"__proto__":{"polluted":true}}'));
    },
  },
  {
    group: 'callbacks',
    name: 'negative ids on _release',
    status: 400,
    code: 'BAD_REQUEST',
    attack: async (h) => {
      const c = await h.subscribed('ann');
      return h.hit(() => h.release('ann', c, '[-1]'));
    },
  },
  {
    group: 'callbacks',
    name: 'a 30,000-character string as a _release id (echoes 40 characters, not all of it)',
    status: 400,
    code: 'BAD_REQUEST',
    attack: async (h) => {
      const c = await h.subscribed('ann');
      return h.hit(() => h.release('ann', c, JSON.stringify([long])));
    },
  },
  {
    group: 'callbacks',
    name: 'a _release body of 65,536 [',
    status: 400,
    code: 'TOO_DEEP',
    attack: async (h) => {
      const c = await h.subscribed('ann');
      return h.hit(() => h.release('ann', c, '['.repeat(limits.maxBodyBytes)));
    },
  },
  {
    group: 'callbacks',
    name: 'more ids than maxItems on _release',
    status: 400,
    code: 'TOO_MANY_ITEMS',
    attack: async (h) => {
      const c = await h.subscribed('ann');
      return h.hit(() =>
        h.release(
          'ann',
          c,
          JSON.stringify(Array.from({ length: limits.maxItems + 1 }, (_, i) => i)),
        ),
      );
    },
  },
  {
    group: 'callbacks',
    name: 'a call after _close',
    status: 410,
    code: 'UNKNOWN_CLIENT',
    attack: async (h) => {
      const c = await h.subscribed('ann');
      await h.send('/_close', { method: 'POST', token: 'ann', client: c });
      return h.hit(() => h.call('ann', 'subscribe', ['S', { $cb: 2 }], c));
    },
  },
  {
    group: 'callbacks',
    name: '_release after _close',
    status: 410,
    code: 'UNKNOWN_CLIENT',
    attack: async (h) => {
      const c = await h.subscribed('ann');
      await h.send('/_close', { method: 'POST', token: 'ann', client: c });
      return h.hit(() => h.release('ann', c, '[1]'));
    },
  },
  {
    group: 'callbacks',
    name: '_events after _close',
    status: 410,
    code: 'UNKNOWN_CLIENT',
    attack: async (h) => {
      const c = await h.subscribed('ann');
      await h.send('/_close', { method: 'POST', token: 'ann', client: c });
      return h.hit(() => h.poll('ann', c));
    },
  },

  // Quotas
  {
    group: 'quotas',
    name: 'one _open more than maxClientsPerPrincipal',
    status: 429,
    code: 'TOO_MANY_CLIENTS',
    attack: async (h) => {
      for (let i = 0; i < limits.maxClientsPerPrincipal; i++) await h.open('many');
      return h.hit(() => h.send('/_open', { method: 'POST', body: '{}', token: 'many' }));
    },
  },

  // Pages of other sites (issue 18): a browser sends the visitor's cookie with them, and its page's Origin
  {
    group: 'origins',
    name: "a WebSocket upgrade from another site's page with the victim's cookie (no socket, no welcome, no auth hook)",
    status: 403,
    code: 'ORIGIN_NOT_ALLOWED',
    attack: (h) => unhooked(h, () => h.upgrade({ origin: evilOrigin, cookie: 'session=victim' })),
  },
  {
    group: 'origins',
    name: "a call from another site's page with the victim's cookie",
    status: 403,
    code: 'ORIGIN_NOT_ALLOWED',
    attack: (h) =>
      unhooked(h, () =>
        h.send('/Ticker/add', { method: 'POST', body: '[1,2]', headers: fromPage(evilOrigin) }),
      ),
  },
  {
    group: 'origins',
    name: "a form POST to _open from another site's page with the victim's cookie",
    status: 403,
    code: 'ORIGIN_NOT_ALLOWED',
    attack: (h) =>
      unhooked(h, () =>
        h.send('/_open', {
          method: 'POST',
          body: 'a=1',
          contentType: 'application/x-www-form-urlencoded',
          headers: fromPage(evilOrigin),
        }),
      ),
  },
  {
    group: 'origins',
    name: "a poll (it acknowledges events) from another site's page with the victim's cookie",
    status: 403,
    code: 'ORIGIN_NOT_ALLOWED',
    attack: async (h) => {
      const c = await h.subscribed('victim');
      return h.hit(() =>
        h.send('/_events?after=99&wait=0', { client: c, headers: fromPage(evilOrigin) }),
      );
    },
  },
  {
    group: 'origins',
    name: "_release from another site's page with the victim's cookie",
    status: 403,
    code: 'ORIGIN_NOT_ALLOWED',
    attack: async (h) => {
      const c = await h.subscribed('victim');
      return h.hit(() =>
        h.send('/_release', {
          method: 'POST',
          body: '[1]',
          client: c,
          headers: fromPage(evilOrigin),
        }),
      );
    },
  },
  {
    group: 'origins',
    name: "_close from another site's page with the victim's cookie (the client lives on)",
    status: 403,
    code: 'ORIGIN_NOT_ALLOWED',
    attack: async (h) => {
      const c = await h.open('victim');
      const answer = await h.hit(() =>
        h.send('/_close', { method: 'POST', client: c, headers: fromPage(evilOrigin) }),
      );
      await expectStatus(h.poll('victim', c), 200);
      return answer;
    },
  },
  {
    group: 'origins',
    name: 'an Origin of null (a sandboxed frame, a file)',
    status: 403,
    code: 'ORIGIN_NOT_ALLOWED',
    attack: (h) =>
      h.hit(() =>
        h.send('/Ticker/add', { method: 'POST', body: '[1,2]', headers: fromPage('null') }),
      ),
  },
  {
    group: 'origins',
    name: "a page of the server's own host over the other scheme",
    status: 403,
    code: 'ORIGIN_NOT_ALLOWED',
    attack: (h) =>
      h.hit(() =>
        h.send('/Ticker/add', {
          method: 'POST',
          body: '[1,2]',
          headers: fromPage(h.origin.replace('http:', 'https:')),
        }),
      ),
  },
  {
    group: 'origins',
    name: "a page of the server's own host on another port",
    status: 403,
    code: 'ORIGIN_NOT_ALLOWED',
    attack: (h) =>
      h.hit(() =>
        h.send('/Ticker/add', {
          method: 'POST',
          body: '[1,2]',
          headers: fromPage(`${h.origin.replace(/:\d+$/, '')}:1`),
        }),
      ),
  },
  {
    group: 'origins',
    name: 'a preflight from a page of an origin not allowed',
    status: 403,
    code: 'ORIGIN_NOT_ALLOWED',
    attack: (h) =>
      h.hit(() =>
        h.send('/_open', {
          method: 'OPTIONS',
          headers: {
            origin: evilOrigin,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'content-type',
          },
        }),
      ),
  },
  {
    group: 'origins',
    name: 'a preflight from a page of the allowed origin (answered, nothing runs)',
    status: 204,
    attack: (h) =>
      unhooked(h, () =>
        h.send('/Ticker/add', {
          method: 'OPTIONS',
          headers: {
            origin: trustedOrigin,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'content-type, x-contract-client',
          },
        }),
      ),
  },
  {
    group: 'origins',
    name: "100 form POSTs to _open with the victim's cookie and no Origin (an old browser): none counts, the victim then opens all its clients",
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    attack: async (h) => {
      const form = {
        method: 'POST',
        body: 'a=1',
        contentType: 'application/x-www-form-urlencoded',
        headers: { cookie: 'session=victim' },
      };
      for (let i = 0; i < 99; i++) await expectStatus(h.send('/_open', form), 415);
      const answer = await h.hit(() => h.send('/_open', form));
      for (let i = 0; i < limits.maxClientsPerPrincipal; i++) await h.open('victim');
      return answer;
    },
  },
  {
    group: 'origins',
    name: "a text/plain POST to _open from the allowed origin's page (it must preflight)",
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    attack: (h) =>
      h.hit(() =>
        h.send('/_open', {
          method: 'POST',
          body: '{}',
          contentType: 'text/plain',
          headers: fromPage(trustedOrigin),
        }),
      ),
  },
  {
    group: 'origins',
    name: "an _open without a content type (a no-cors fetch) with the victim's cookie",
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    attack: (h) =>
      h.hit(() => h.send('/_open', { method: 'POST', headers: { cookie: 'session=victim' } })),
  },
];

/** The headers a browser adds to a request of a page of `origin` when its visitor holds a session cookie here. */
function fromPage(origin: string): Record<string, string> {
  return { origin, cookie: 'session=victim' };
}

/** `h.hit(request)`, throwing when the auth hook ran for it: a refused page's cookie must never reach the hook. */
async function unhooked(h: Harness, request: () => Promise<Response>): Promise<Response> {
  const before = h.server.hooked.count;
  const answer = await h.hit(request);
  if (h.server.hooked.count !== before) throw new Error('the auth hook ran for a refused page');
  return answer;
}

/** Throws unless `answer` has `status`. */
async function expectStatus(answer: Promise<Response>, status: number): Promise<void> {
  const got = await answer;
  await got.text();
  if (got.status !== status) throw new Error(`expected ${status}, got ${got.status}`);
}
