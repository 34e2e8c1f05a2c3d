/**
 * The few LSP shapes this server reads and writes, from the 3.17
 * specification (https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/).
 * Written out here rather than taken from a package: the project adds no dependencies.
 */

/** Zero-based; `character` counts UTF-16 code units (the default position encoding, and how JS strings index). */
export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/** 1 error, 2 warning, 3 information, 4 hint. */
export type DiagnosticSeverity = 1 | 2 | 3 | 4;

export interface LspDiagnostic {
  readonly range: Range;
  readonly severity: DiagnosticSeverity;
  readonly code: string;
  readonly codeDescription?: { readonly href: string };
  readonly source: 'contract-gen';
  readonly message: string;
}

export interface TextEdit {
  readonly range: Range;
  readonly newText: string;
}

/** A change of `textDocument/didChange`: with a range it is incremental, without one the whole text. */
export interface ContentChange {
  readonly range?: Range;
  readonly text: string;
}

export interface TextDocumentItem {
  readonly uri: string;
  readonly languageId?: string;
  readonly version: number;
  readonly text: string;
}

/** `textDocumentSync.change`: 2 means incremental (the client may send ranges). */
export const incrementalSync = 2;
