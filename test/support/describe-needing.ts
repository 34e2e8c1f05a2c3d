import { describe, it } from 'vitest';

/**
 * `describe(name, body)` when what the tests need is here (`missing` is
 * undefined). When it is not, `missing` says what and how to get it: under
 * `CI=true` one test, `title`, fails with it (CI installs everything the
 * tests need, so a missing part is a broken set-up, never a silent skip);
 * elsewhere the tests are skipped with that message. Returns whether the
 * tests run.
 */
export function describeNeeding(
  name: string,
  missing: string | undefined,
  title: string,
  body: () => void,
): boolean {
  if (missing === undefined) {
    describe(name, body);
    return true;
  }
  if (process.env['CI'] === 'true') {
    describe(name, () =>
      it(`${title} (required under CI=true)`, () => {
        throw new Error(missing);
      }),
    );
    return false;
  }
  console.warn(`Skipping "${name}": ${missing}`);
  describe.skip(name, body);
  return false;
}
