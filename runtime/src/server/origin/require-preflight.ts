import { ContractError } from '../../protocol/contract-error.js';
import { CLIENT_HEADER } from '../../protocol/messages.js';
import type { CallInput, CallOutput } from '../call-input.js';
import { errorOutput } from '../outputs.js';

/**
 * `undefined` when a `POST` carries `content-type: application/json` or the
 * `x-contract-client` header, else the 415 `UNSUPPORTED_MEDIA_TYPE` to
 * answer. A plain HTML form, or a `fetch` another site sends without asking
 * (`mode: 'no-cors'`), can send neither, so a browser must ask the server
 * first (a CORS preflight) before it sends one cross-site with the visitor's
 * cookies: another site cannot open clients that count against its
 * visitors' quota (issue 18). Calls need the content type and `_release` and
 * `_close` the client header anyway; this is `_open`'s check.
 */
export function requirePreflight(input: CallInput): CallOutput | undefined {
  if (isJson(input.header('content-type')) || input.header(CLIENT_HEADER) !== undefined)
    return undefined;
  const refusal = new ContractError(
    'UNSUPPORTED_MEDIA_TYPE',
    `${input.pathname} needs the header content-type: application/json (the body may be empty or {}).`,
  );
  return errorOutput(refusal);
}

/** Whether a `content-type` is `application/json`, parameters (`; charset=utf-8`) aside. */
export function isJson(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const semicolon = contentType.indexOf(';');
  const type = semicolon === -1 ? contentType : contentType.slice(0, semicolon);
  return type.trim().toLowerCase() === 'application/json';
}
