/**
 * Type files teams already have, as contracts (issue 20, must-show): the LSP
 * 3.17 data types of vscode-languageserver-types, verbatim
 * (test/fixtures/lsp: namespaces, classes and constants dropped by
 * strip-lsp-types.mjs), and @types/geojson's index.d.ts verbatim
 * (test/fixtures/geojson/contracts/geojson.d.ts). Each checks, generates (the
 * committed generated/ is current) and compiles under strict TypeScript, and
 * random values of every type round-trip unchanged through the generated
 * validators as parameters, results and events.
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

interface Fixture {
  readonly name: string;
  readonly folder: string;
  readonly service: string;
  readonly events: string;
  /** The data types the echo service covers. */
  readonly types: number;
  /** CG206 warnings: the declarations that use `any`. */
  readonly anyWarnings: number;
}

const fixtures: Fixture[] = [
  {
    name: 'lsp',
    folder: 'lsp',
    service: 'LspEcho',
    events: 'LspEvents',
    types: 111,
    anyWarnings: 2,
  },
  {
    name: 'geojson',
    folder: 'geojson',
    service: 'GeoJsonEcho',
    events: 'GeoJsonEvents',
    types: 18,
    anyWarnings: 1,
  },
];

describe.each(fixtures)('the $name types as a contract', (fixture) => {
  const source = sources.find((x) => x.name === fixture.name)!;
  let contract: Contract;
  let service: ServiceDescriptor;
  let events: CallbackInterfaceDescriptor;

  beforeAll(async () => {
    contract = await modelOfSource(source);
    const schemas = await generatedSchemas(source);
    service = schemas.get(`${fixture.service}Service`) as unknown as ServiceDescriptor;
    events = schemas.get(`${fixture.events}Callback`) as unknown as CallbackInterfaceDescriptor;
  }, 60_000);

  it('check with no error (warnings for `any` only) and generated/ is current', () => {
    const result = runCli(['generate', source.contracts, '--out', source.generated, '--check']);
    expect(result.stderr).toContain('up to date');
    expect(result.stderr.match(/warning CG206/g)).toHaveLength(fixture.anyWarnings);
    expect(result.stderr).not.toMatch(/ error /);
    expect(result.status).toBe(0);
  });

  it('compile, with the generated code, under strict TypeScript', () => {
    const project = makeProject(join(repoRoot, 'test', 'fixtures', 'e2e'));
    cpSync(join(repoRoot, 'test', 'fixtures', fixture.folder), join(project, fixture.folder), {
      recursive: true,
    });
    const tsconfig = JSON.parse(readFileSync(join(project, 'tsconfig.json'), 'utf8')) as {
      include: string[];
    };
    tsconfig.include = [`${fixture.folder}/contracts`, `${fixture.folder}/generated`];
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify(tsconfig));
    const tsc = runTsc(project);
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  }, 120_000);

  it('round-trip random values of every type unchanged, as parameters, results and events', () => {
    const methods = Object.keys(service.methods).filter((m) => m.startsWith('echo'));
    expect(methods).toHaveLength(fixture.types);
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
    expect(values).toBe(40 * fixture.types);
  }, 300_000);
});

function lowerFirst(name: string): string {
  return name[0]!.toLowerCase() + name.slice(1);
}
