/**
 * Whether a page of `origin` (an `Origin` header) sent its request to
 * `target`, the origin the request was sent to (`scheme://host[:port]`, from
 * the connection and the `Host` header). Browsers serialise origins
 * (lower case, no default port), a `Host` header may not be (`Example.com:443`),
 * so a mismatch of the raw strings is compared again in normal form. A
 * malformed either side is not the same origin.
 */
export function isSameOrigin(origin: string, target: string): boolean {
  if (origin === target) return true;
  const normal = normalOrigin(origin);
  return normal !== undefined && normal === normalOrigin(target);
}

/** `text` as a browser serialises an origin, or `undefined` for something that is not one (`null`, a path). */
export function normalOrigin(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  const bare = url.pathname === '/' && url.search === '' && url.hash === '' && url.username === '';
  return url.origin === 'null' || !bare ? undefined : url.origin;
}
