const identifier = /^[A-Za-z_$][\w$]*$/;

/**
 * Renders a path the way the value would be reached in JavaScript:
 * `args[1].legs[0][1]`, `result["odd key"]`. `segments` are innermost first,
 * as failures collect them while unwinding (so success paths never pay).
 */
export function formatPath(root: string, segments: readonly (string | number)[]): string {
  let path = root;
  for (let i = segments.length - 1; i >= 0; i--) {
    const segment = segments[i] as string | number;
    if (typeof segment === 'number') path += `[${segment}]`;
    else if (!identifier.test(segment)) path += `[${JSON.stringify(segment)}]`;
    else path += path === '' ? segment : `.${segment}`;
  }
  return path;
}
