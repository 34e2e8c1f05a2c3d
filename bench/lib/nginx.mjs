// nginx for the deploy tests (test/deploy/nginx.ts adds their describe) and
// the chaos suite: Debian's /usr/sbin/nginx (.ci/run installs it) in the
// foreground, in a temporary prefix, running the configuration docs/deploy.md
// documents (the ```nginx block after the `deploy-nginx-config` marker) with
// its upstream servers and listen port replaced. Types: nginx.d.mts.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './paths.mjs';

/** The nginx binary (where Debian puts it: not on a non-root PATH), or undefined when it is not installed. */
export const nginxBinary = ['/usr/sbin/nginx', '/usr/bin/nginx', '/usr/local/sbin/nginx'].find(
  (path) => existsSync(path),
);

/** docs/deploy.md's nginx block with `upstreams` as its servers and `port` as its listen port. */
export function documentedConfig(upstreams, port) {
  const doc = readFileSync(join(repoRoot, 'docs', 'deploy.md'), 'utf8');
  const block = /<!-- deploy-nginx-config[^>]*-->\s*```nginx\n([\s\S]*?)```/.exec(doc)?.[1];
  if (block === undefined) throw new Error('docs/deploy.md has no marked ```nginx block');
  const servers = upstreams.map((p) => `    server 127.0.0.1:${p};`).join('\n');
  let replaced = 0;
  const config = block
    .replace(/(?:^ {4}server 127\.0\.0\.1:\d+;\n)+/m, () => (replaced++, `${servers}\n`))
    .replace(
      /^(\s*)listen \d+;/m,
      (_all, indent) => (replaced++, `${indent}listen 127.0.0.1:${port};`),
    );
  if (replaced !== 2)
    throw new Error('docs/deploy.md: the nginx block lost its upstream or listen lines');
  return config;
}

/**
 * Starts nginx with `http` (the body of the `http { }` block) listening on `port`, one worker
 * with `workerConnections`; resolves with `{ url, errors(), stop() }` once it answers.
 */
export async function startNginx(http, port, { workerConnections = 4096 } = {}) {
  if (nginxBinary === undefined) throw new Error('nginx is not installed (apt-get install nginx)');
  const prefix = mkdtempSync(join(tmpdir(), 'cg-bench-nginx-'));
  for (const dir of ['logs', 'temp']) mkdirSync(join(prefix, dir));
  const temp = (name) => `${name}_temp_path ${join(prefix, 'temp', name)};`;
  const config = [
    'daemon off;',
    'master_process on;',
    'worker_processes 1;',
    `worker_rlimit_nofile ${workerConnections * 2 + 64};`,
    `pid ${join(prefix, 'nginx.pid')};`,
    `error_log ${join(prefix, 'logs', 'error.log')} warn;`,
    `events { worker_connections ${workerConnections}; }`,
    'http {',
    '  access_log off;',
    `  ${temp('client_body')} ${temp('proxy')} ${temp('fastcgi')} ${temp('uwsgi')} ${temp('scgi')}`,
    http,
    '}',
  ].join('\n');
  const file = join(prefix, 'nginx.conf');
  writeFileSync(file, config);
  const check = spawnSync(nginxBinary, ['-t', '-p', prefix, '-c', file], { encoding: 'utf8' });
  if (check.status !== 0) {
    rmSync(prefix, { recursive: true, force: true });
    throw new Error(`nginx refused the configuration:\n${check.stderr}\n${config}`);
  }
  const child = spawn(nginxBinary, ['-p', prefix, '-c', file], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  // A suite that ends without stop(): SIGTERM, so the master takes its worker with it (a SIGKILLed
  // master leaves the worker running).
  const onExit = () => child.kill('SIGTERM');
  process.once('exit', onExit);
  let stderr = '';
  child.stderr.on('data', (chunk) => void (stderr += chunk.toString()));
  const exited = new Promise((resolve) => child.once('exit', () => resolve()));
  const errors = () => {
    try {
      return stderr + readFileSync(join(prefix, 'logs', 'error.log'), 'utf8');
    } catch {
      return stderr;
    }
  };
  const stop = async () => {
    process.off('exit', onExit);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
    rmSync(prefix, { recursive: true, force: true });
  };
  const url = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 20_000; ;) {
    if (child.exitCode !== null) {
      const why = errors();
      await stop();
      throw new Error(`nginx exited at start:\n${why}`);
    }
    try {
      await fetch(`${url}/`);
      break;
    } catch {
      if (Date.now() > deadline) {
        const why = errors();
        await stop();
        throw new Error(`nginx did not answer within 20 s:\n${why}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return { url, errors, stop };
}
