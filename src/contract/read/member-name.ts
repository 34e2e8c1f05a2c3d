import { ts } from './typescript.js';

/** The name of a member as a key: `a`, `'a-b'` → `a-b`, `1` → `1`; a computed name as written. */
export function memberName(member: ts.TypeElement): string | undefined {
  const name = member.name;
  if (!name) return undefined;
  if (
    ts.isIdentifier(name) ||
    ts.isStringLiteral(name) ||
    ts.isNumericLiteral(name) ||
    ts.isPrivateIdentifier(name)
  ) {
    return name.text;
  }
  return name.getText();
}
