// nginx for the deploy tests: bench/lib/nginx.mjs (Debian's package, which .ci/run installs,
// started in the foreground with a configuration of the test's own in a temporary prefix), and a
// describe that needs it.
import { describeNeeding } from '../support/describe-needing.js';
import { nginxBinary } from '../../bench/lib/nginx.mjs';

export { documentedConfig, nginxBinary, startNginx, type Nginx } from '../../bench/lib/nginx.mjs';

/**
 * `describe(name, body)` when nginx is installed. When it is not: under
 * `CI=true` one test that fails with the reason (.ci/run installs it);
 * elsewhere the tests are skipped, with a message saying how to run them.
 */
export function describeWithNginx(name: string, body: () => void): void {
  const missing =
    nginxBinary === undefined
      ? 'nginx is not installed (apt-get install nginx; .ci/run does).'
      : undefined;
  describeNeeding(name, missing, 'finds nginx', body);
}
