import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeAsyncApi } from '../../src/describe/asyncapi/describe-asyncapi.js';
import { describeOpenApi } from '../../src/describe/openapi/describe-openapi.js';
import { generate } from '../../src/generator.js';
import type { Contract } from '../../src/contract/model.js';
import { repoRoot } from '../support/cli.js';
import { asyncApiValidator, openApiValidator } from './api-schemas.js';
import { objectAt, valueAt } from './json-at.js';

const options = { title: 'Showcase', version: '1.0.0', serverUrl: 'http://localhost:3000/api' };
let contract: Contract;

beforeAll(async () => {
  const result = await generate({ contractsDir: join(repoRoot, 'contracts'), checkOnly: true });
  if (!result.contract) throw new Error('the showcase did not read');
  contract = result.contract;
});

describe('docs of the showcase contracts', () => {
  it('validates against the official OpenAPI 3.1 schema', () => {
    const validate = openApiValidator();
    const ok = validate(describeOpenApi(contract, options));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('validates against the official AsyncAPI 3.0 schema', () => {
    const validate = asyncApiValidator();
    const ok = validate(describeAsyncApi(contract, options));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('is checked for real: the validators refuse broken documents', () => {
    const openapi = describeOpenApi(contract, options);
    const noDescription = structuredClone(openapi);
    delete objectAt(noDescription, 'paths', '/Chat/join', 'post', 'responses', '200').description;
    expect(openApiValidator()(noDescription)).toBe(false);
    expect(openApiValidator()({ ...openapi, info: { title: 'x' } })).toBe(false);
    const asyncapi = describeAsyncApi(contract, options);
    const badPayload = structuredClone(asyncapi);
    objectAt(badPayload, 'components', 'messages', 'ChatEvents.memberLeft', 'payload').type =
      'bogus';
    expect(asyncApiValidator()(badPayload)).toBe(false);
    const badOperation = structuredClone(asyncapi);
    objectAt(badOperation, 'operations', 'ChatEvents.memberLeft').action = 'publish';
    expect(asyncApiValidator()(badOperation)).toBe(false);
  });

  it('derives both documents from the same model: every service method is a path, every callback method a message', () => {
    const openapi = describeOpenApi(contract, options);
    const asyncapi = describeAsyncApi(contract, options);
    for (const s of contract.services)
      for (const m of s.methods)
        expect(valueAt(openapi, 'paths', `/${s.name}/${m.name}`, 'post')).toBeDefined();
    for (const c of contract.callbacks)
      for (const m of c.methods)
        expect(valueAt(asyncapi, 'components', 'messages', `${c.name}.${m.name}`)).toBeDefined();
    expect(Object.keys(objectAt(openapi, 'paths'))).toEqual(
      expect.arrayContaining(['/_open', '/_events', '/_release', '/_close']),
    );
    expect(valueAt(openapi, 'components', 'schemas', 'Task')).toBeDefined();
    expect(valueAt(asyncapi, 'components', 'schemas', 'Task')).toBeDefined();
  });
});
