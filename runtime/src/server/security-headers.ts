/**
 * Headers on every answer the router writes (issue 18), whatever its status.
 * Answers are JSON for programs, never pages: a browser must not sniff one
 * into HTML or script (`nosniff`), nor run anything in it or frame it if it
 * is opened as a page (a policy allowing nothing, `frame-ancestors 'none'`).
 * TLS (`Strict-Transport-Security`) and CORS are the deployment's to say.
 */
export const securityHeaders: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
};
