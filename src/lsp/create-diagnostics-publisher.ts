import { resolve } from 'node:path';
import type { Diagnostic } from '../contract/diagnostic.js';
import { pathToUri } from './file-uri.js';
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import { toLspDiagnostic } from './to-lsp-diagnostic.js';

/** How the publisher names an open document: the URI and version the editor gave it. */
export type OpenDocumentOf = (
  path: string,
) => { readonly uri: string; readonly version: number } | undefined;

export interface DiagnosticsPublisher {
  /** Publishes one check's diagnostics: every file that has some, and an empty list for each file that had some and has none now. */
  publish(
    contractsDir: string,
    diagnostics: readonly Diagnostic[],
    documentOf: OpenDocumentOf,
  ): void;
  /** Empties every file's list (the contracts folder moved). */
  clear(): void;
}

/**
 * Turns checks into `textDocument/publishDiagnostics`. LSP replaces a
 * file's list with each publish, and a file left out keeps what it had, so
 * the publisher remembers which files it gave problems to and clears them
 * once they are clean. Problems of the folder itself (CG003, CG004) belong
 * to no file: they become a `window/showMessage`, sent again only when they
 * change, so an editor does not pop the same message on every keystroke.
 */
export function createDiagnosticsPublisher(
  notify: (method: string, params: unknown) => void,
): DiagnosticsPublisher {
  /** Files whose last list was not empty, by path, with the URI used. */
  let published = new Map<string, string>();
  let shownFolderProblems = '';

  const showFolderProblems = (problems: readonly Diagnostic[]) => {
    const key = problems.map((d) => `${d.code} ${d.message}`).join('\n');
    if (key === shownFolderProblems) return;
    shownFolderProblems = key;
    for (const d of problems) {
      const message = `contract-gen ${d.code}: ${d.message}${d.hint ? ` ${d.hint}` : ''}`;
      notify('window/showMessage', { type: d.severity === 'error' ? 1 : 2, message });
    }
  };

  return {
    publish(contractsDir, diagnostics, documentOf) {
      const byPath = new Map<string, LspDiagnostic[]>();
      for (const d of diagnostics) {
        if (!d.span) continue;
        const path = resolve(contractsDir, d.span.file);
        byPath.set(path, [...(byPath.get(path) ?? []), toLspDiagnostic({ ...d, span: d.span })]);
      }
      const next = new Map<string, string>();
      for (const path of new Set([...published.keys(), ...byPath.keys()])) {
        const list = byPath.get(path) ?? [];
        const open = documentOf(path);
        const uri = open?.uri ?? published.get(path) ?? pathToUri(path);
        notify('textDocument/publishDiagnostics', {
          uri,
          ...(open ? { version: open.version } : {}),
          diagnostics: list,
        });
        if (list.length > 0) next.set(path, uri);
      }
      published = next;
      showFolderProblems(diagnostics.filter((d) => !d.span));
    },
    clear() {
      published.forEach((uri) =>
        notify('textDocument/publishDiagnostics', { uri, diagnostics: [] }),
      );
      published = new Map();
      shownFolderProblems = '';
    },
  };
}
