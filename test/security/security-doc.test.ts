// docs/security.md lists every hostile request with the status and code the
// table asserts, and every limit; docs/protocol.md's error table has every
// code the server sends. A row, a limit or a code added without its line in
// the docs fails here.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultRouterLimits } from '@contract-gen/runtime/server';
import { errorStatus } from '@contract-gen/runtime/protocol';
import { hostileRows } from './hostile-requests.js';

const security = readFileSync(new URL('../../docs/security.md', import.meta.url), 'utf8');
const protocol = readFileSync(new URL('../../docs/protocol.md', import.meta.url), 'utf8');

describe('docs/security.md', () => {
  it.each(hostileRows.map((row) => [row.name, row] as const))(
    'lists the hostile request: %s',
    (_, row) => {
      expect(security).toContain(
        `| ${row.group} | ${row.name} | ${row.status} | ${row.code === undefined ? '—' : `\`${row.code}\``} |`,
      );
    },
  );

  it.each(Object.keys(defaultRouterLimits))('documents the limit %s', (name) => {
    expect(security).toMatch(new RegExp(`\\| \`${name}\``));
  });
});

describe('docs/protocol.md', () => {
  // Client-side codes never travel from a server.
  const serverCodes = Object.entries(errorStatus).filter(
    ([code]) => !['BAD_RESPONSE', 'UNAVAILABLE', 'TIMEOUT'].includes(code),
  );
  it.each(serverCodes)('has %s (%i) in the error table', (code, status) => {
    expect(protocol).toContain(`| ${status} | \`${code}\` |`);
  });
});
