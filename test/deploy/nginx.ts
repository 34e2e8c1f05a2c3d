// nginx for the deploy tests: the starter and the documented configuration are bench/lib/nginx.mjs
// (the chaos suite runs the same); here, the describe that needs nginx.
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
