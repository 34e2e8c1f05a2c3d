/**
 * The LSP 3.17 data types of vscode-languageserver-types, verbatim
 * (test/fixtures/lsp: namespaces, classes and constants dropped by
 * strip-lsp-types.mjs), as a contract (issue 20, must-show): they check,
 * generate (the committed generated/ is current) and compile under strict
 * TypeScript, and random values of every type round-trip unchanged through
 * the generated validators as parameters, results and events.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../runtime/src/schema/index.js';
import type {
  CallbackInterfaceDescriptor,
  ServiceDescriptor,
} from '../../runtime/src/schema/schema-types.js';
import type { Contract } from '../../src/contract/model.js';
import { makeProject, repoRoot, runCli, runTsc } from '../support/cli.js';
import { arbitraryOf } from './arbitrary-of.js';
import { generatedSchemas, modelOfSource, sources } from './contract-sources.js';

const lsp = sources.find((x) => x.name === 'lsp')!;
let contract: Contract;
let service: ServiceDescriptor;
let events: CallbackInterfaceDescriptor;

beforeAll(async () => {
  contract = await modelOfSource(lsp);
  const schemas = await generatedSchemas(lsp);
  service = schemas.get('LspEchoService') as unknown as ServiceDescriptor;
  events = schemas.get('LspEventsCallback') as unknown as CallbackInterfaceDescriptor;
}, 60_000);

describe('the LSP 3.17 data types as a contract', () => {
  it('check with no error (two warnings: LSPAny and LSPArray are any) and generated/ is current', () => {
    const result = runCli(['generate', lsp.contracts, '--out', lsp.generated, '--check']);
    expect(result.stderr).toContain('up to date');
    expect(result.stderr.match(/warning CG206/g)).toHaveLength(2);
    expect(result.stderr).not.toMatch(/ error /);
    expect(result.status).toBe(0);
  });

  it('compile, with the generated code, under strict TypeScript', () => {
    const project = makeProject(join(repoRoot, 'test', 'fixtures', 'e2e'));
    cpSync(join(repoRoot, 'test', 'fixtures', 'lsp'), join(project, 'lsp'), { recursive: true });
    const tsconfig = JSON.parse(readFileSync(join(project, 'tsconfig.json'), 'utf8')) as {
      include: string[];
    };
    tsconfig.include = ['lsp/contracts', 'lsp/generated'];
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify(tsconfig));
    const tsc = runTsc(project);
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  }, 120_000);

  it('round-trip random values of every type unchanged, as parameters, results and events', () => {
    const methods = Object.keys(service.methods).filter((m) => m.startsWith('echo'));
    expect(methods.length).toBeGreaterThanOrEqual(109);
    let values = 0;
    for (const method of methods) {
      const name = method.slice('echo'.length);
      const type = contract.types.find((t) => t.name === name || t.name === lowerFirst(name));
      expect(type, name).toBeDefined();
      const { params, result } = service.methods[method]!;
      const event = events.methods[`on${name}`]!.params[0]!;
      fc.assert(
        fc.property(arbitraryOf({ kind: 'ref', id: type!.id }, contract), (value) => {
          for (const schema of [params[0]!, result, event]) {
            const wire = JSON.parse(JSON.stringify(s.encode(schema, value) ?? null)) as unknown;
            expect(s.decode(schema, wire)).toEqual(value);
          }
          values++;
        }),
        { numRuns: 40 },
      );
    }
    expect(values).toBeGreaterThanOrEqual(4000);
  }, 300_000);
});

function lowerFirst(name: string): string {
  return name[0]!.toLowerCase() + name.slice(1);
}
