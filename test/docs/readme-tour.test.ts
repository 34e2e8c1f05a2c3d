import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProject, repoRoot, runCli, runTsc } from '../support/cli.js';

// The README's tour is code people copy: its contract, server and client are
// generated and type-checked here with the strictest options, so it cannot drift.
describe("the README's tour", () => {
  it('generates and type-checks as written', () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const [contract, server, client] = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map(
      (m) => m[1]!,
    );
    expect(contract).toContain('extends Service');
    const dir = makeProject(join(repoRoot, 'test', 'fixtures', 'e2e'));
    mkdirSync(join(dir, 'tour', 'contracts'), { recursive: true });
    writeFileSync(join(dir, 'tour', 'contracts', 'chat.ts'), contract!);
    writeFileSync(join(dir, 'tour', 'server.ts'), server!);
    writeFileSync(join(dir, 'tour', 'client.ts'), client!);
    const tsconfig = JSON.parse(readFileSync(join(dir, 'tsconfig.json'), 'utf8')) as {
      include: string[];
    };
    writeFileSync(
      join(dir, 'tour', 'tsconfig.json'),
      JSON.stringify({
        extends: '../tsconfig.json',
        include: ['contracts', 'generated', 'server.ts', 'client.ts'],
      }),
    );
    expect(tsconfig.include.length).toBeGreaterThan(0);
    const generated = runCli(['generate', 'contracts', '--out', 'generated'], join(dir, 'tour'));
    expect(generated.stderr).toContain('no problems');
    const tsc = runTsc(join(dir, 'tour'));
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });
});
