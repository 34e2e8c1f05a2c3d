/**
 * The origin form (`/path?query`) of a request line's target. Clients send
 * that form, but HTTP/1.1 lets a client (a proxy, or one that speaks as to a
 * proxy) send the absolute form, `http://host/path?query`, and a server must
 * accept it (RFC 9112, section 3.2.2): its path and query are what is asked
 * for, its authority is ignored (the `Host` header, checked before anything
 * reads it, names the server, as for every other request). An absolute form
 * without a path asks for `/`; any other target (`*` of `OPTIONS *`) is made
 * a path (`/*`), which no route has.
 */
export function originForm(target: string): string {
  if (target.startsWith('/')) return target;
  const scheme = target.indexOf('://');
  if (scheme === -1) return `/${target}`;
  const rest = target.slice(scheme + 3);
  const end = rest.search(/[/?#]/);
  if (end === -1) return '/';
  return rest[end] === '/' ? rest.slice(end) : `/${rest.slice(end)}`;
}
