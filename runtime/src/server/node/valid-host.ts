import { ContractError } from '../../protocol/contract-error.js';

/** Characters no authority holds but that `new URL` would read as something else: a path, a query, userinfo. */
const notAnAuthority = /[\s/?#@\\]/;

/** The last Host header found valid: a server sees the same one on nearly every request. */
let lastValid: string | undefined;

/**
 * Whether `host` (a request's Host header) is a name or address with an
 * optional port, and nothing else. The Node glue builds a request's URL
 * from it (`ctx.request`, the auth hook's `request.url`), where a malformed
 * one threw, turning a 401 into a 500 (issue 18), and an empty one moved the
 * path into the host (`http:///Ticker/add` reads as host `ticker`, path
 * `/add`). Absent is valid: `localhost` stands in (HTTP/1.0 sends none).
 * Each new value costs one URL parse.
 */
export function isValidHost(host: string | undefined): boolean {
  if (host === undefined || host === lastValid) return true;
  if (notAnAuthority.test(host) || !URL.canParse(`http://${host}/`)) return false;
  lastValid = host;
  return true;
}

/** The 400 for a request whose Host header is not a host. */
export function badHost(): ContractError {
  return new ContractError(
    'BAD_REQUEST',
    'The Host header is not a host: send a name or address and an optional port, e.g. api.example.com:8443.',
  );
}
