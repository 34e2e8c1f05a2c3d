import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/contract/diagnostic.js';
import { createDiagnosticsPublisher } from '../../src/lsp/create-diagnostics-publisher.js';

const cg101: Diagnostic = {
  code: 'CG101',
  severity: 'error',
  message: "Callback method 'E.x' returns 'string'",
  hint: "Declare it as 'x(...): void'.",
  span: { file: 'a.ts', line: 3, column: 7, endLine: 3, endColumn: 13 },
};
const cg206: Diagnostic = {
  code: 'CG206',
  severity: 'warning',
  message: 'any',
  span: { file: 'sub/b.ts', line: 1, column: 1, endLine: 1, endColumn: 4 },
};
const cg003: Diagnostic = {
  code: 'CG003',
  severity: 'error',
  message: 'No contract file declares a service',
};

function setup() {
  const sent: { method: string; params: unknown }[] = [];
  const publisher = createDiagnosticsPublisher((method, params) => sent.push({ method, params }));
  return { sent, publisher };
}

describe('createDiagnosticsPublisher', () => {
  it('publishes each file with its code, source, severity, range and hint', () => {
    const { sent, publisher } = setup();
    publisher.publish('/p/contracts', [cg101, cg206], () => undefined);
    expect(sent).toEqual([
      {
        method: 'textDocument/publishDiagnostics',
        params: {
          uri: 'file:///p/contracts/a.ts',
          diagnostics: [
            {
              code: 'CG101',
              source: 'contract-gen',
              severity: 1,
              range: { start: { line: 2, character: 6 }, end: { line: 2, character: 12 } },
              message:
                "Callback method 'E.x' returns 'string'\nhint: Declare it as 'x(...): void'.",
            },
          ],
        },
      },
      {
        method: 'textDocument/publishDiagnostics',
        params: {
          uri: 'file:///p/contracts/sub/b.ts',
          diagnostics: [expect.objectContaining({ code: 'CG206', severity: 2 })],
        },
      },
    ]);
  });

  it("uses an open document's URI and version, and clears a file once it is clean", () => {
    const { sent, publisher } = setup();
    const open = (path: string) =>
      path === '/p/contracts/a.ts'
        ? { uri: 'file:///p/contracts/a.ts?as-sent', version: 4 }
        : undefined;
    publisher.publish('/p/contracts', [cg101], open);
    expect(sent[0]!.params).toMatchObject({ uri: 'file:///p/contracts/a.ts?as-sent', version: 4 });
    publisher.publish('/p/contracts', [], () => undefined);
    expect(sent[1]!.params).toEqual({ uri: 'file:///p/contracts/a.ts?as-sent', diagnostics: [] });
    // Clean stays clean: nothing more to say.
    publisher.publish('/p/contracts', [], () => undefined);
    expect(sent).toHaveLength(2);
  });

  it('shows problems of the folder as a message, again only when they change', () => {
    const { sent, publisher } = setup();
    publisher.publish('/p/contracts', [cg003], () => undefined);
    publisher.publish('/p/contracts', [cg003], () => undefined);
    expect(sent).toEqual([
      {
        method: 'window/showMessage',
        params: { type: 1, message: 'contract-gen CG003: No contract file declares a service' },
      },
    ]);
  });
});
