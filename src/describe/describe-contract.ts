import type { Contract } from '../contract/model.js';
import type { OutputFile } from '../emit/emit-contract.js';
import { describeAsyncApi } from './asyncapi/describe-asyncapi.js';
import type { DescribeOptions } from './describe-options.js';
import { describeOpenApi } from './openapi/describe-openapi.js';

export type { DescribeOptions } from './describe-options.js';

/**
 * The API documents of a contract, as files for an output folder:
 * `openapi.json` (OpenAPI 3.1, the HTTP calls and event endpoints) and
 * `asyncapi.json` (AsyncAPI 3.0, the callback events). Pure: same contract
 * and options, same bytes. JSON rather than YAML: no dependency, and every
 * tool reads it.
 */
export function describeContract(contract: Contract, options: DescribeOptions): OutputFile[] {
  return [
    { path: 'asyncapi.json', contents: printJson(describeAsyncApi(contract, options)) },
    { path: 'openapi.json', contents: printJson(describeOpenApi(contract, options)) },
  ];
}

function printJson(document: unknown): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
