import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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
    writeFileSync(join(dir, 'contract-gen.config.json'), JSON.stringify({ contracts: 'api', out: 'src/gen', target: 'client' }));
    mkdirSync(join(dir, 'sub'));
    const result = runCli([], join(dir, 'sub'));
    expect(result.stderr).toContain('wrote');
    expect(result.status).toBe(0);
    expect(existsSync(join(dir, 'src/gen/chat.client.ts'))).toBe(true);
    expect(existsSync(join(dir, 'src/gen/chat.server.ts'))).toBe(false);
    expect(readFileSync(join(dir, 'src/gen/chat.client.ts'), 'utf8')).toContain("from '../../api/chat.js'");
  });

  it('loads a TypeScript config typed with defineConfig, and flags override it', () => {
    const dir = makeProject(join(repoRoot, 'test', 'fixtures', 'e2e'));
    writeFileSync(
      join(dir, 'contract-gen.config.ts'),
      "import { defineConfig } from 'contract-gen';\nexport default defineConfig({ out: 'from-config', importExtension: '.ts' });\n",
    );
    expect(runCli([], dir).status).toBe(0);
    expect(readFileSync(join(dir, 'from-config/store.client.ts'), 'utf8')).toContain("from '../contracts/store.ts'");
    expect(runCli(['--out', 'from-flag', '--import-extension', '.js'], dir).status).toBe(0);
    expect(readFileSync(join(dir, 'from-flag/store.client.ts'), 'utf8')).toContain("from '../contracts/store.js'");
  });

  it('names an unknown option and exits 2', () => {
    const dir = withShowcase();
    writeFileSync(join(dir, 'contract-gen.config.json'), JSON.stringify({ contracts: 'api', outDir: 'x' }));
    const result = runCli(['check'], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("unknown option 'outDir'");
    expect(result.stderr).toContain('contract-gen.config.json');
  });

  it('takes the import extension from the tsconfig when it allows .ts imports', () => {
    const dir = withShowcase();
    writeFileSync(join(dir, 'tsconfig.json'), '{\n  // comments are fine\n  "compilerOptions": { "allowImportingTsExtensions": true, },\n}\n');
    expect(runCli(['api'], dir).status).toBe(0);
    expect(readFileSync(join(dir, 'generated/chat.server.ts'), 'utf8')).toContain("from './chat.schema.ts'");
  });
});

describe('contract-gen init', () => {
  it('creates an example that checks clean, a config and npm scripts, keeping existing scripts', () => {
    const dir = emptyDir();
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'app', scripts: { generate: 'mine' } }, null, 2));
    const result = runCli(['init'], dir);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('created contracts/greeter.ts');
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts).toEqual({ generate: 'mine', 'generate:check': 'contract-gen generate --check' });
    const check = runCli(['check'], dir);
    expect(check.stderr).toContain('no problems');
    expect(check.status).toBe(0);
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
