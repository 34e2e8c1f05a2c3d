import type { Doc } from '../contract/model.js';

/**
 * A JSDoc block for generated code, or '' when there is nothing to say.
 * `*\/` in the text would end the comment early, so it is escaped.
 */
export function printDoc(doc: Doc | undefined, params: readonly string[] = []): string {
  if (!doc) return '';
  const lines: string[] = [];
  if (doc.summary) lines.push(...doc.summary.split('\n'));
  for (const name of params) {
    const text = doc.params?.[name];
    if (text) lines.push(`@param ${name} ${text}`);
  }
  if (doc.returns) lines.push(`@returns ${doc.returns}`);
  if (doc.deprecated !== undefined)
    lines.push(doc.deprecated ? `@deprecated ${doc.deprecated}` : '@deprecated');
  if (lines.length === 0) return '';
  if (lines.length === 1) return `/** ${escapeComment(lines[0]!)} */\n`;
  const body = lines.map((line) => ` *${line ? ` ${escapeComment(line)}` : ''}`).join('\n');
  return `/**\n${body}\n */\n`;
}

function escapeComment(text: string): string {
  return text.replace(/\*\//g, '*\\/');
}
