// nginx for the deploy tests: bench/lib/nginx.mjs (Debian's package, which .ci/run installs,
// started in the foreground with a configuration of the test's own in a temporary prefix), and a
// describe that needs it.
import { describe, it } from 'vitest';
import { nginxBinary } from '../../bench/lib/nginx.mjs';

export { documentedConfig, nginxBinary, startNginx, type Nginx } from '../../bench/lib/nginx.mjs';

/**
 * `describe(name, body)` when nginx is installed. When it is not: under
 * `CI=true` one test that fails with the reason (.ci/run installs it);
 * elsewhere the tests are skipped, with a message saying how to run them.
 */
export function describeWithNginx(name: string, body: () => void): void {
  if (nginxBinary !== undefined) return void describe(name, body);
  const why = 'nginx is not installed (apt-get install nginx; .ci/run does).';
  if (process.env['CI'] === 'true') {
    describe(name, () =>
      it('finds nginx (required under CI=true)', () => {
        throw new Error(why);
      }),
    );
    return;
  }
  console.warn(`Skipping "${name}": ${why}`);
  describe.skip(name, body);
}
