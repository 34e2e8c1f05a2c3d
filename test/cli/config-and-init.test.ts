import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { makeProject, repoRoot, runCli } from '../support/cli.js';

function emptyDir(): string {
  return mkdtempSync(join(tmpdir(), 'cg-config-'));
}

function withShowcase(): string {
  const dir = emptyDir();
  cpSync(join(repoRoot, 'contracts'), join(dir, 'api'), { recursive: true });
  return dir;
}

describe('the config file', () => {
  it('is found from a subfolder up, and its paths are relative to it', () => {
    const dir = withShowcase();
    writeFileSync(
      join(dir, 'contract-gen.config.json'),
      JSON.stringify({ contracts: 'api', out: 'src/gen', target: 'client' }),
    );
    mkdirSync(join(dir, 'sub'));
    const result = runCli([], join(dir, 'sub'));
    expect(result.stderr).toContain('wrote');
    expect(result.status).toBe(0);
    expect(existsSync(join(dir, 'src/gen/chat.client.ts'))).toBe(true);
    expect(existsSync(join(dir, 'src/gen/chat.server.ts'))).toBe(false);
    expect(readFileSync(join(dir, 'src/gen/chat.client.ts'), 'utf8')).toContain(
      "from '../../api/chat.js'",
    );
  });

  it('loads a TypeScript config typed with defineConfig, and flags override it', () => {
    const dir = makeProject(join(repoRoot, 'test', 'fixtures', 'e2e'));
    writeFileSync(
      join(dir, 'contract-gen.config.ts'),
      "import { defineConfig } from 'contract-gen';\nexport default defineConfig({ out: 'from-config', importExtension: '.ts' });\n",
    );
    expect(runCli([], dir).status).toBe(0);
    expect(readFileSync(join(dir, 'from-config/store.client.ts'), 'utf8')).toContain(
      "from '../contracts/store.ts'",
    );
    expect(runCli(['--out', 'from-flag', '--import-extension', '.js'], dir).status).toBe(0);
    expect(readFileSync(join(dir, 'from-flag/store.client.ts'), 'utf8')).toContain(
      "from '../contracts/store.js'",
    );
  });

  it('loads a TypeScript config in memory: no file appears beside it, in a temp folder or a cache', () => {
    const dir = makeProject(join(repoRoot, 'test', 'fixtures', 'e2e'));
    writeFileSync(
      join(dir, 'contract-gen.config.ts'),
      "import { defineConfig } from 'contract-gen';\nexport default defineConfig({ out: 'from-config' });\n",
    );
    const before = readdirSync(dir).sort();
    // A temp folder that does not exist: a compiled copy or a transform cache there would fail to be written.
    const tmp = join(dir, 'no-tmp-here');
    const result = runCli(['check'], dir, { TMPDIR: tmp, TMP: tmp, TEMP: tmp });
    expect(result.stderr).toContain('no problems');
    expect(result.status).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(before);
    expect(readdirSync(join(dir, 'node_modules')).sort()).toEqual([
      '@contract-gen',
      '@types',
      'contract-gen',
    ]);
  });

  it('finds no file beside a TypeScript config while it is being loaded, nor after', async () => {
    const dir = emptyDir();
    const file = join(dir, 'contract-gen.config.ts');
    // The config lists its own folder as it runs: a compiled copy beside it would show.
    writeFileSync(
      file,
      "import { readdirSync } from 'node:fs';\nimport { fileURLToPath } from 'node:url';\nconst here: string = fileURLToPath(new URL('.', import.meta.url));\nexport default { out: readdirSync(here).sort().join(',') };\n",
    );
    expect((await loadConfig(file)).config).toEqual({ out: 'contract-gen.config.ts' });
    expect(readdirSync(dir)).toEqual(['contract-gen.config.ts']);
  });

  it('loads a changed TypeScript config afresh, in the same process', async () => {
    const dir = emptyDir();
    const file = join(dir, 'contract-gen.config.ts');
    writeFileSync(file, "const out: string = 'first';\nexport default { out };\n");
    expect((await loadConfig(file)).config).toEqual({ out: 'first' });
    writeFileSync(file, "const out: string = 'second';\nexport default { out };\n");
    expect((await loadConfig(file)).config).toEqual({ out: 'second' });
    expect(readdirSync(dir)).toEqual(['contract-gen.config.ts']);
  });

  it('says which config file is broken and how, on one line', async () => {
    const dir = emptyDir();
    const file = join(dir, 'contract-gen.config.ts');
    writeFileSync(file, "export default { out: 'x' +  };\n");
    await expect(loadConfig(file)).rejects.toThrow(
      new RegExp(
        `^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: could not be loaded: .*${'contract-gen.config.ts:1:'}[^\n]*$`,
      ),
    );
    writeFileSync(
      file,
      "import { helper } from './missing-helper.js';\nexport default { out: helper };\n",
    );
    await expect(loadConfig(file)).rejects.toThrow(
      /contract-gen\.config\.ts: could not be loaded: Cannot find module '\.\/missing-helper\.js'$/,
    );
    writeFileSync(file, "export const out = 'x';\n");
    await expect(loadConfig(file)).rejects.toThrow(
      'contract-gen.config.ts: the config has no default export',
    );
    expect(readdirSync(dir)).toEqual(['contract-gen.config.ts']);
  });

  it('names an unknown option and exits 2', () => {
    const dir = withShowcase();
    writeFileSync(
      join(dir, 'contract-gen.config.json'),
      JSON.stringify({ contracts: 'api', outDir: 'x' }),
    );
    const result = runCli(['check'], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("unknown option 'outDir'");
    expect(result.stderr).toContain('contract-gen.config.json');
  });

  it('takes the import extension from the tsconfig when it allows .ts imports', () => {
    const dir = withShowcase();
    writeFileSync(
      join(dir, 'tsconfig.json'),
      '{\n  // comments are fine\n  "compilerOptions": { "allowImportingTsExtensions": true, },\n}\n',
    );
    expect(runCli(['api'], dir).status).toBe(0);
    expect(readFileSync(join(dir, 'generated/chat.server.ts'), 'utf8')).toContain(
      "from './chat.schema.ts'",
    );
  });
});

describe('contract-gen init', () => {
  it('creates an example that checks clean, a config and npm scripts, keeping existing scripts', () => {
    const dir = emptyDir();
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name: 'app', scripts: { generate: 'mine' } }, null, 2),
    );
    const result = runCli(['init'], dir);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('created contracts/greeter.ts');
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts).toEqual({
      generate: 'mine',
      'generate:check': 'contract-gen generate --check',
      build: 'contract-gen generate && tsc',
      start: 'node build/server.js',
      client: 'node build/client.js',
    });
    const check = runCli(['check'], dir);
    expect(check.stderr).toContain('no problems');
    expect(check.status).toBe(0);
  });

  it('sets up a project in an empty folder, and keeps what a project already has', () => {
    const empty = emptyDir();
    const fresh = runCli(['init'], empty);
    expect(fresh.status).toBe(0);
    for (const file of [
      'package.json',
      'tsconfig.json',
      'src/server.ts',
      'src/client.ts',
      '.gitignore',
    ])
      expect(fresh.stderr).toContain(`created ${file}`);
    const created = JSON.parse(readFileSync(join(empty, 'package.json'), 'utf8')) as {
      type: string;
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    expect(created.type).toBe('module');
    expect(Object.keys(created.dependencies)).toEqual(['@contract-gen/runtime', 'ws']);
    expect(Object.keys(created.devDependencies)).toEqual(
      expect.arrayContaining(['contract-gen', 'typescript']),
    );
    expect(JSON.parse(readFileSync(join(empty, 'contract-gen.config.json'), 'utf8'))).toEqual({
      contracts: 'contracts',
      out: 'src/generated',
      contractTypes: 'copy',
    });

    const existing = emptyDir();
    writeFileSync(join(existing, 'tsconfig.json'), '{}\n');
    writeFileSync(
      join(existing, 'package.json'),
      JSON.stringify({ type: 'commonjs', dependencies: { ws: '8.0.0' } }),
    );
    const kept = runCli(['init'], existing);
    expect(kept.status).toBe(0);
    expect(kept.stderr).toContain('kept tsconfig.json');
    expect(kept.stderr).toContain('package.json has "type": "commonjs"');
    expect(readFileSync(join(existing, 'tsconfig.json'), 'utf8')).toBe('{}\n');
    const pkg = JSON.parse(readFileSync(join(existing, 'package.json'), 'utf8')) as {
      type: string;
      dependencies: Record<string, string>;
    };
    expect(pkg.type).toBe('commonjs');
    expect(pkg.dependencies.ws).toBe('8.0.0');
  });

  it('refuses to overwrite and writes nothing', () => {
    const dir = emptyDir();
    mkdirSync(join(dir, 'contracts'));
    writeFileSync(join(dir, 'contracts/greeter.ts'), '// mine\n');
    const result = runCli(['init'], dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('not overwriting contracts/greeter.ts');
    expect(readFileSync(join(dir, 'contracts/greeter.ts'), 'utf8')).toBe('// mine\n');
    expect(existsSync(join(dir, 'contract-gen.config.json'))).toBe(false);
  });
});
