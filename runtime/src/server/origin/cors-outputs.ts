import { ContractError } from '../../protocol/contract-error.js';
import { describeValue } from '../../schema/describe-value.js';
import type { CallOutput } from '../call-input.js';
import { errorOutput } from '../outputs.js';
import type { ResolvedOrigins } from './origin-options.js';

/** Methods the protocol uses: `POST` for calls, `_open`, `_release`, `_close`; `GET` for `_events`. */
const ALLOW_METHODS = 'GET, POST';

/** What every answer that depends on the `Origin` header carries, so no cache serves it to another origin. */
const VARY = { vary: 'Origin' } as const;

/**
 * The 403 `ORIGIN_NOT_ALLOWED` for a request (or preflight) from a page of
 * another origin than the server's own or an allowed one. `close`: the body
 * was not read, so the connection closes rather than read it.
 */
export function originRefusal(origin: string): ContractError {
  return new ContractError(
    'ORIGIN_NOT_ALLOWED',
    `Pages of ${describeValue(origin)} may not call this server: it answers its own origin and those in its origins option. If that page is yours, add its origin there, e.g. origins: ['http://localhost:5173'] (docs/security.md, Origins).`,
  );
}

/** The refusal as an answer. */
export function refusedOutput(origin: string): CallOutput {
  return { ...errorOutput(originRefusal(origin)), headers: VARY };
}

/** The answer to a preflight (`OPTIONS` with `Access-Control-Request-Method`) from an allowed page. */
export function preflightOutput(origin: string, origins: ResolvedOrigins): CallOutput {
  return {
    status: 204,
    body: '',
    headers: {
      ...corsHeaders(origin, origins.credentials),
      'access-control-allow-methods': ALLOW_METHODS,
      'access-control-allow-headers': origins.allowHeaders,
      'access-control-max-age': String(origins.maxAge),
    },
  };
}

/** `output` with the headers that let an allowed page of `origin` read it. */
export function withCors(output: CallOutput, origin: string, credentials: boolean): CallOutput {
  return { ...output, headers: { ...output.headers, ...corsHeaders(origin, credentials) } };
}

function corsHeaders(origin: string, credentials: boolean): Record<string, string> {
  const headers: Record<string, string> = { ...VARY, 'access-control-allow-origin': origin };
  if (credentials) headers['access-control-allow-credentials'] = 'true';
  return headers;
}
