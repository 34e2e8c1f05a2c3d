import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeAsyncApi } from '../../src/describe/asyncapi/describe-asyncapi.js';
import { describeOpenApi } from '../../src/describe/openapi/describe-openapi.js';
import { generate } from '../../src/generator.js';
import type { Contract } from '../../src/contract/model.js';
import { repoRoot } from '../support/cli.js';
import { asyncApiValidator, openApiValidator, schemaAt } from './api-schemas.js';

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
});
