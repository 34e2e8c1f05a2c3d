/**
 * Whether `url` (a request target such as `/api/Chat/send?x=1`) is under the
 * router's `base`, so that a host adapter answers it and passes every other
 * request on to the application's own routes. A router without a base owns
 * every path: give it one (`base: '/api'`) to share an app.
 */
export function ownsPath(base: string, url: string): boolean {
  if (base === '') return true;
  if (!url.startsWith(base)) return false;
  const next = url.charAt(base.length);
  return next === '' || next === '/' || next === '?';
}
