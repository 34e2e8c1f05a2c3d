// The README's "Getting started", followed in a fresh folder outside this
// repository as a new user would, with the two packages as npm publishes
// them (`npm pack`, installed in place of the registry's): `contract-gen
// init`, `npm install`, `npm run build` (generate into src/generated, then
// strict tsc with rootDir "src"), the server, and a client that gets a
// callback event — over WebSocket on Node 20 thanks to `ws`.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { repoRoot, runCli } from '../support/cli.js';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const work = mkdtempSync(join(tmpdir(), 'cg-start-'));
let server: ChildProcess | undefined;
afterAll(() => {
  server?.kill();
  rmSync(work, { recursive: true, force: true });
});

/** `npm pack` of the (built) package in `dir` into `dest`; the tarball's path. */
function pack(dir: string, dest: string): string {
  const out = execFileSync(
    npm,
    ['pack', '--ignore-scripts', '--json', '--pack-destination', dest],
    {
      cwd: dir,
      encoding: 'utf8',
    },
  );
  return join(dest, (JSON.parse(out) as { filename: string }[])[0]!.filename);
}

/** Resolves with the server's URL once it prints `listening on <url>`. */
function listening(child: ChildProcess): Promise<string> {
  return new Promise((resolveUrl, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /listening on (\S+)/.exec(out)?.[1];
      if (url) resolveUrl(url);
    });
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`server exited (${code}): ${out}${err}`)));
  });
}

it('init, npm install, npm run build with rootDir src, the server, and a client that gets a callback', async () => {
  const packs = join(work, 'packs');
  mkdirSync(packs);
  const runtime = pack(join(repoRoot, 'runtime'), packs);
  const generator = pack(repoRoot, packs);

  const app = join(work, 'my-app');
  mkdirSync(app);
  const init = runCli(['init'], app);
  expect(init.stderr).toContain('npm install');
  expect(init.status).toBe(0);
  const pkg = JSON.parse(readFileSync(join(app, 'package.json'), 'utf8')) as {
    type: string;
    scripts: Record<string, string>;
  };
  expect(pkg.type).toBe('module');
  expect(Object.keys(pkg.scripts)).toEqual(expect.arrayContaining(['generate', 'build', 'start']));
  const tsconfig = JSON.parse(readFileSync(join(app, 'tsconfig.json'), 'utf8')) as {
    compilerOptions: { rootDir: string; strict: boolean };
  };
  expect(tsconfig.compilerOptions).toMatchObject({ rootDir: 'src', strict: true });

  // `npm install`, with the packed packages in place of the registry's.
  execFileSync(
    npm,
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      '--loglevel=error',
      runtime,
      generator,
    ],
    { cwd: app, encoding: 'utf8' },
  );
  const build = spawnSync(npm, ['run', 'build'], { cwd: app, encoding: 'utf8' });
  expect(build.stdout + build.stderr).toContain('no problems');
  expect(build.status).toBe(0);
  const generated = join(app, 'src', 'generated');
  expect(readdirSync(generated).sort()).toEqual([
    'greeter.client.ts',
    'greeter.schema.ts',
    'greeter.server.ts',
    'greeter.types.ts',
  ]);
  for (const file of readdirSync(generated)) {
    const text = readFileSync(join(generated, file), 'utf8');
    for (const [, specifier] of text.matchAll(/from '(\.[^']*)'/g))
      expect(resolve(generated, specifier!).startsWith(generated), `${file}: ${specifier}`).toBe(
        true,
      );
  }

  // `npm start` runs `node build/server.js`; PORT=0 picks a free port.
  server = spawn(process.execPath, [join('build', 'server.js')], {
    cwd: app,
    env: { ...process.env, PORT: '0' },
  });
  const url = await listening(server);
  const client = spawnSync(process.execPath, [join('build', 'client.js'), url], {
    cwd: app,
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(client.stderr).toBe('');
  expect(client.stdout).toMatch(/received over websocket: client said "hello" at \d{4}-\d\d-\d\dT/);
  expect(client.status).toBe(0);
}, 300_000);
