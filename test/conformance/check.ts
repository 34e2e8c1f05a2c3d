// Assertions for the conformance cases, free of any test framework so that
// Node (vitest), Chromium, Deno and Bun can run the same cases with a runner of
// their own. Each failure throws an Error whose message says what differed.

/** Throws `message` unless `condition` holds. */
export function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** Throws unless `actual` and `expected` are deeply equal (Dates by time, bytes by content, bigints by value). */
export function checkEqual(actual: unknown, expected: unknown, label: string): void {
  const difference = differ(actual, expected, label);
  if (difference !== undefined) throw new Error(difference);
}

/** Resolves with what `promise` rejects with; throws if it resolves, or if the error lacks a field of `expected`. */
export async function checkRejects(
  promise: Promise<unknown>,
  expected: Record<string, unknown>,
  label: string,
): Promise<unknown> {
  let error: unknown;
  try {
    await promise;
  } catch (thrown) {
    error = thrown;
  }
  check(error !== undefined, `${label}: expected a rejection, it resolved`);
  for (const [key, value] of Object.entries(expected)) {
    checkEqual((error as Record<string, unknown>)[key], value, `${label}: error.${key}`);
  }
  return error;
}

/** Resolves once `condition` holds (checked every 5 ms); throws `label` after `ms`. */
/**
 * Waits until `condition` holds; fails when it has not within `ms`. With
 * `progress` (a count that grows while the awaited thing is under way, such
 * as events received so far), `ms` counts from the last time it grew: a busy
 * machine that delivers slowly passes, one that stops delivering fails.
 */
export async function waitFor(
  condition: () => boolean,
  label: string,
  ms = 10_000,
  progress?: () => number,
): Promise<void> {
  let end = Date.now() + ms;
  let last = progress?.();
  while (!condition()) {
    const now = progress?.();
    if (now !== last) {
      last = now;
      end = Date.now() + ms;
    } else if (Date.now() > end) {
      const stalled = progress === undefined ? '' : ` (stalled at ${String(last)})`;
      throw new Error(`${label}: not within ${ms} ms${stalled}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Waits `ms`. */
export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

function differ(actual: unknown, expected: unknown, path: string): string | undefined {
  if (Object.is(actual, expected)) return undefined;
  const mismatch = `${path}: expected ${show(expected)}, received ${show(actual)}`;
  if (expected instanceof Date)
    return actual instanceof Date && actual.getTime() === expected.getTime() ? undefined : mismatch;
  if (expected instanceof Uint8Array) {
    return actual instanceof Uint8Array &&
      actual.length === expected.length &&
      actual.every((b, i) => b === expected[i])
      ? undefined
      : mismatch;
  }
  if (
    typeof expected !== 'object' ||
    expected === null ||
    typeof actual !== 'object' ||
    actual === null
  )
    return mismatch;
  if (Array.isArray(expected) !== Array.isArray(actual)) return mismatch;
  const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
  for (const key of keys) {
    const inner = differ(
      (actual as Record<string, unknown>)[key],
      (expected as Record<string, unknown>)[key],
      `${path}.${key}`,
    );
    if (inner !== undefined) return inner;
  }
  return undefined;
}

function show(value: unknown): string {
  if (typeof value === 'bigint') return `${value}n`;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return `Uint8Array[${value.join(',')}]`;
  try {
    const text = JSON.stringify(value);
    return text === undefined
      ? String(value)
      : text.length > 200
        ? `${text.slice(0, 200)}...`
        : text;
  } catch {
    return String(value);
  }
}
