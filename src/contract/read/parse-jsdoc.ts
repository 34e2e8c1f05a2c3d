import type { Doc, DocTag } from '../model.js';

/**
 * A `/** ... *\/` comment → Doc, following TypeScript's reading of JSDoc:
 * a tag starts at an `@` at the start of the text or after whitespace (not in
 * `{@link}` nor inside backticks); text before the first tag is the summary.
 * Text stays raw apart from the comment's `*` margin; lines join with `\n`.
 */
export function parseJSDoc(comment: string): Doc | undefined {
  const [summary, ...tags] = splitTags(stripMargin(comment));
  let deprecated: string | undefined;
  let returns: string | undefined;
  const params: Record<string, string> = {};
  const others: DocTag[] = [];
  for (const tag of tags) {
    const match = /^@(\S+)\s*([\s\S]*)$/.exec(tag);
    if (!match) continue;
    const [, name = '', text = ''] = match;
    if (name === 'param' || name === 'arg' || name === 'argument') addParam(text, params);
    else if (name === 'returns' || name === 'return') returns = text;
    else if (name === 'deprecated') deprecated = text;
    else others.push({ name, text });
  }
  // Keys in the order the model declares them, so printed docs read the same everywhere.
  const doc: Doc = {
    ...(summary ? { summary } : {}),
    ...(deprecated !== undefined ? { deprecated } : {}),
    ...(Object.keys(params).length > 0 ? { params } : {}),
    ...(returns !== undefined ? { returns } : {}),
    ...(others.length > 0 ? { tags: others } : {}),
  };
  return Object.keys(doc).length > 0 ? doc : undefined;
}

/** The comment's lines without `/**`, `*\/` and the leading ` * ` of each line. */
function stripMargin(comment: string): string {
  const body = comment.slice(3, comment.endsWith('*/') ? -2 : undefined);
  return body
    .split(/\r?\n/)
    .map((line, i) => (i === 0 ? line : line.replace(/^\s*\*(?!\/) ?/, '')).trimEnd())
    .join('\n');
}

/** Splits at each tag; the first part is the text before any tag. All parts trimmed. */
function splitTags(text: string): string[] {
  const parts: string[] = [];
  let start = 0;
  let inBackticks = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '`') inBackticks = !inBackticks;
    else if (c === '@' && !inBackticks && (i === 0 || /\s/.test(text[i - 1]!))) {
      parts.push(text.slice(start, i));
      start = i;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim());
}

/** `name text`, `{Type} name - text`, `[name=default] text`. */
function addParam(text: string, params: Record<string, string>): void {
  const match = /^(?:\{[^}]*\}\s*)?(\[[^\]]*\]|\S+)\s*(?:-\s+)?([\s\S]*)$/.exec(text);
  if (!match) return;
  const name = (match[1] ?? '').replace(/^\[|\]$/g, '').replace(/=.*$/, '');
  params[name] = match[2] ?? '';
}
