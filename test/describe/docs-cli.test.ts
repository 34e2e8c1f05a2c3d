import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../support/cli.js';
import { asyncApiValidator, openApiValidator } from './api-schemas.js';

/** How the committed docs/api of the showcase is made (README, "The command line"). */
const showcaseArgs = [
  'docs',
  'contracts',
  '--out',
  'docs/api',
  '--title',
  'contract-gen showcase',
  '--api-version',
  '1.0.0',
];

describe('contract-gen docs', () => {
  it('keeps the committed docs/api in step with contracts/ (CI fails when it is stale)', () => {
    const result = runCli([...showcaseArgs, '--check']);
    expect(result.stderr).toContain('up to date');
    expect(result.status).toBe(0);
  });

  it('writes openapi.json and asyncapi.json that validate against the official schemas', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cg-docs-'));
    cpSync(join(repoRoot, 'contracts'), join(dir, 'contracts'), { recursive: true });
    const result = runCli(
      ['docs', '--server', 'https://api.example.com/v1', '--title', 'T', '--api-version', '2.0.0'],
      dir,
    );
    expect(result.status).toBe(0);
    const openapi = JSON.parse(
      readFileSync(join(dir, 'docs', 'api', 'openapi.json'), 'utf8'),
    ) as Record<string, unknown>;
    const asyncapi = JSON.parse(
      readFileSync(join(dir, 'docs', 'api', 'asyncapi.json'), 'utf8'),
    ) as Record<string, unknown>;
    expect(openapi).toMatchObject({
      info: { title: 'T', version: '2.0.0' },
      servers: [{ url: 'https://api.example.com/v1' }],
    });
    expect(asyncapi).toMatchObject({
      servers: {
        longPoll: { host: 'api.example.com', pathname: '/v1', protocol: 'https' },
        webSocket: { protocol: 'wss' },
      },
    });
    expect(openApiValidator()(openapi)).toBe(true);
    expect(asyncApiValidator()(asyncapi)).toBe(true);
  });

  it('--check exits 1 naming the stale document', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cg-docs-'));
    cpSync(join(repoRoot, 'contracts'), join(dir, 'contracts'), { recursive: true });
    const result = runCli(['docs', '--check'], dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/stale: docs\/api\/(asyncapi|openapi)\.json/);
  });

  it("prints the contracts' errors instead of documents, and exits 1", () => {
    const result = runCli([
      'docs',
      join('test', 'fixtures', 'bad', 'callback-returns-value', 'contracts'),
      '--out',
      join(tmpdir(), 'cg-docs-never'),
      '--format',
      'json',
    ]);
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'CG101' })]),
    );
  });

  it('refuses a --server that is not an http(s) URL (exit 2)', () => {
    for (const server of ['localhost:3000', 'not a url']) {
      const result = runCli(['docs', '--server', server, '--check']);
      expect(result.stderr).toContain('--server');
      expect(result.status).toBe(2);
    }
  });
});
