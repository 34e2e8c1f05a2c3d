// The two packages as npm publishes them: `npm pack` of each, installed into
// fresh folders outside this repository. The generator's tarball generates
// code (its templates travel inside it); a project with only the runtime's
// tarball compiles that code and runs a server and a client with a callback
// round trip, and its node_modules holds nothing but the runtime.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/cli.js';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const work = mkdtempSync(join(tmpdir(), 'cg-packed-'));
const packs = join(work, 'packs');

interface PackInfo {
  readonly filename: string;
  readonly files: readonly { readonly path: string }[];
  readonly unpackedSize: number;
}

/** `npm pack` of the package in `dir` (built already: `npm test` builds), as JSON. */
function pack(dir: string): PackInfo {
  const out = execFileSync(
    npm,
    ['pack', '--ignore-scripts', '--json', '--pack-destination', packs],
    { cwd: dir, encoding: 'utf8' },
  );
  return (JSON.parse(out) as PackInfo[])[0]!;
}

/** `npm install` in `dir`, from the local cache where it can, quietly. */
function install(dir: string, specs: readonly string[]): void {
  execFileSync(
    npm,
    ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...specs],
    { cwd: dir, encoding: 'utf8' },
  );
}

let runtime: PackInfo;
let generator: PackInfo;
beforeAll(() => {
  execFileSync('mkdir', ['-p', packs]);
  runtime = pack(join(repoRoot, 'runtime'));
  generator = pack(repoRoot);
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the packed packages', () => {
  it('ship no source maps and no sources, and name their repository', () => {
    for (const info of [runtime, generator]) {
      const paths = info.files.map((f) => f.path);
      expect(paths.filter((p) => p.endsWith('.map') || p.startsWith('src/'))).toEqual([]);
      expect(paths).toContain('README.md');
      expect(paths).toContain('package.json');
    }
    for (const dir of [repoRoot, join(repoRoot, 'runtime')]) {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<
        string,
        unknown
      >;
      expect(Object.keys(pkg)).toEqual(expect.arrayContaining(['repository', 'homepage', 'bugs']));
    }
  });

  it('the runtime has no dependencies, and its optional peers are optional', () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'runtime', 'package.json'), 'utf8')) as {
      dependencies?: object;
      peerDependenciesMeta: Record<string, { optional: boolean }>;
    };
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(Object.entries(pkg.peerDependenciesMeta).every(([, meta]) => meta.optional)).toBe(true);
  });

  it('the generator ships its templates and the docs its README links', () => {
    const paths = generator.files.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['dist/templates/schema.hbs', 'dist/cli/bin.js']));
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const links = [...readme.matchAll(/\]\((docs\/[^)#]+)\)/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(3);
    for (const link of links) {
      const shipped = link.endsWith('/')
        ? paths.some((p) => p.startsWith(link))
        : paths.includes(link);
      expect(shipped, `${link} is linked from the README but not in the package`).toBe(true);
    }
  });

  it('a project with only the runtime compiles and runs generated code with a callback round trip', () => {
    // Generate with the packed generator, installed beside the packed runtime (its dependency).
    const tool = join(work, 'tool');
    cpSync(join(repoRoot, 'test', 'fixtures', 'packed-app'), tool, { recursive: true });
    install(tool, [join(packs, runtime.filename), join(packs, generator.filename)]);
    const generated = spawnSync(
      process.execPath,
      [join(tool, 'node_modules', 'contract-gen', 'dist', 'cli', 'bin.js'), 'generate'],
      { cwd: tool, encoding: 'utf8' },
    );
    expect(generated.stderr).toContain('no problems');
    expect(generated.status).toBe(0);

    // The app: the same sources and what was generated, with the runtime alone.
    const app = join(work, 'app');
    cpSync(join(repoRoot, 'test', 'fixtures', 'packed-app'), app, { recursive: true });
    cpSync(join(tool, 'generated'), join(app, 'generated'), { recursive: true });
    install(app, [join(packs, runtime.filename)]);
    const modules = readdirSync(join(app, 'node_modules')).filter((name) => !name.startsWith('.'));
    expect(modules).toEqual(['@contract-gen']);
    for (const heavy of [
      'typescript',
      'prettier',
      'handlebars',
      'yargs',
      'ts-morph',
      'contract-gen',
    ]) {
      expect(existsSync(join(app, 'node_modules', heavy)), heavy).toBe(false);
    }

    // Compile with the repository's tsc (the app has none), Node's types from the repository too.
    const tsc = spawnSync(
      process.execPath,
      [
        join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'),
        '-p',
        app,
        '--typeRoots',
        join(repoRoot, 'node_modules', '@types'),
      ],
      { encoding: 'utf8' },
    );
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);

    const run = spawnSync(process.execPath, [join(app, 'build', 'app.js')], {
      cwd: app,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.stderr).toContain("optional peer dependency 'ws'"); // no ws: long polling only, and it says so
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout.trim())).toEqual([
      { id: 1, text: 'one', at: '2026-01-01T00:00:00.000Z' },
      { id: 2, text: 'two', at: '2026-01-02T00:00:00.000Z' },
      { id: 3, text: 'three', at: '2026-01-03T00:00:00.000Z' },
    ]);
  }, 240_000);

  it('generated code refuses a runtime it was not generated for, naming both versions', () => {
    const app = join(work, 'app');
    const schema = join(app, 'build', 'generated', 'feed.schema.js');
    const text = readFileSync(schema, 'utf8');
    expect(text).toMatch(/requireRuntime\('\d+\.\d+\.\d+'\)/);
    writeFileSync(schema, text.replace(/requireRuntime\('[^']+'\)/, "requireRuntime('9.0.0')"));
    const run = spawnSync(process.execPath, [join(app, 'build', 'app.js')], {
      cwd: app,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('generated by contract-gen 9.0.0');
    expect(run.stderr).toContain(
      `@contract-gen/runtime ${runtime.filename.match(/(\d+\.\d+\.\d+)/)![1]} is installed`,
    );
  });
});
