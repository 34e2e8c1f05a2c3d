// nginx for the deploy tests: Debian's package (.ci/run installs it), started in the
// foreground with a configuration of the test's own in a temporary prefix, and stopped.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));

/** Where Debian puts nginx (it is not on a non-root PATH there). */
const candidates = ['/usr/sbin/nginx', '/usr/bin/nginx', '/usr/local/sbin/nginx'];

/** The nginx binary, or undefined when it is not installed. */
export const nginxBinary: string | undefined = candidates.find((path) => existsSync(path));

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

/**
 * The nginx configuration of docs/deploy.md (the ```nginx block after the
 * `deploy-nginx-config` marker), with its upstream servers replaced by
 * `upstreams` and its listen port by `port`: the test runs what the docs say.
 */
export function documentedConfig(upstreams: readonly number[], port: number): string {
  const doc = readFileSync(join(here, '..', '..', 'docs', 'deploy.md'), 'utf8');
  const block = /<!-- deploy-nginx-config[^>]*-->\s*```nginx\n([\s\S]*?)```/.exec(doc)?.[1];
  if (block === undefined) throw new Error('docs/deploy.md has no marked ```nginx block');
  const servers = upstreams.map((p) => `    server 127.0.0.1:${p};`).join('\n');
  let replaced = 0;
  const config = block
    .replace(/(?:^ {4}server 127\.0\.0\.1:\d+;\n)+/m, () => (replaced++, `${servers}\n`))
    .replace(
      /^(\s*)listen \d+;/m,
      (_all, indent: string) => (replaced++, `${indent}listen 127.0.0.1:${port};`),
    );
  if (replaced !== 2)
    throw new Error('docs/deploy.md: the nginx block lost its upstream or listen lines');
  return config;
}

/** nginx running in the foreground. */
export interface Nginx {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** What nginx wrote to its error log (for failure messages). */
  errors(): string;
  stop(): Promise<void>;
}

/**
 * Starts nginx with `http` (the body of the `http { }` block) listening on
 * `port`, in a fresh prefix; resolves once it answers.
 */
export async function startNginx(http: string, port: number): Promise<Nginx> {
  if (nginxBinary === undefined) throw new Error('nginx is not installed');
  const prefix = mkdtempSync(join(tmpdir(), 'cg-nginx-'));
  for (const dir of ['logs', 'temp']) mkdirSync(join(prefix, dir));
  const temp = (name: string) => `${name}_temp_path ${join(prefix, 'temp', name)};`;
  const config = [
    'daemon off;',
    'master_process on;',
    'worker_processes 1;',
    `pid ${join(prefix, 'nginx.pid')};`,
    `error_log ${join(prefix, 'logs', 'error.log')} warn;`,
    'events { worker_connections 4096; }',
    'http {',
    '  access_log off;',
    `  ${temp('client_body')} ${temp('proxy')} ${temp('fastcgi')} ${temp('uwsgi')} ${temp('scgi')}`,
    http,
    '}',
  ].join('\n');
  const file = join(prefix, 'nginx.conf');
  writeFileSync(file, config);
  const check = spawnSync(nginxBinary, ['-t', '-p', prefix, '-c', file], { encoding: 'utf8' });
  if (check.status !== 0)
    throw new Error(`nginx refused the configuration:\n${check.stderr}\n${config}`);
  const child: ChildProcess = spawn(nginxBinary, ['-p', prefix, '-c', file], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const errors = (): string => {
    try {
      return stderr + readFileSync(join(prefix, 'logs', 'error.log'), 'utf8');
    } catch {
      return stderr;
    }
  };
  const url = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 20_000; ;) {
    if (child.exitCode !== null) throw new Error(`nginx exited at start:\n${errors()}`);
    try {
      await fetch(`${url}/`);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`nginx did not answer within 20 s:\n${errors()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return {
    url,
    errors,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}
