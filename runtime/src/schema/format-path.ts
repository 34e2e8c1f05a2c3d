const identifier = /^[A-Za-z_$][\w$]*$/;
/** How much of a key a path shows: keys of records come from the input, and errors echo at most 40 characters of it. */
const maxKey = 40;

/**
 * Renders a path the way the value would be reached in JavaScript:
 * `args[1].legs[0][1]`, `result["odd key"]`. `segments` are innermost first,
 * as failures collect them while unwinding (so success paths never pay). A
 * key longer than 40 characters is cut: `attrs["kkkk..."...]`.
 */
export function formatPath(root: string, segments: readonly (string | number)[]): string {
  let path = root;
  for (let i = segments.length - 1; i >= 0; i--) {
    const segment = segments[i] as string | number;
    if (typeof segment === 'number') path += `[${segment}]`;
    else if (segment.length > maxKey) path += `[${JSON.stringify(segment.slice(0, maxKey))}...]`;
    else if (!identifier.test(segment)) path += `[${JSON.stringify(segment)}]`;
    else path += path === '' ? segment : `.${segment}`;
  }
  return path;
}
