import { ts } from './typescript.js';
import type { ReadSession } from './read-session.js';

/**
 * The value of an enum member, from syntax where it is a literal or follows
 * a numeric one (`A`, `B = 'b'`, `C = -1`, `D` after `C` is 0), from the
 * checker for anything computed (`E = 1 << 2`). Undefined when not constant.
 */
export function enumMemberValue(
  s: ReadSession,
  member: ts.EnumMember,
): string | number | undefined {
  if (!s.caches.enumValues.has(member)) evaluateEnum(s, member.parent);
  return s.caches.enumValues.get(member);
}

function evaluateEnum(s: ReadSession, declaration: ts.EnumDeclaration): void {
  let next: number | undefined = 0;
  for (const member of declaration.members) {
    let value: string | number | undefined = next;
    if (member.initializer) {
      value = literalValue(member.initializer) ?? s.checker.getConstantValue(member);
    }
    s.caches.enumValues.set(member, value);
    next = typeof value === 'number' ? value + 1 : undefined;
  }
}

function literalValue(expression: ts.Expression): string | number | undefined {
  if (ts.isParenthesizedExpression(expression)) return literalValue(expression.expression);
  if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression)) {
    return expression.text;
  }
  if (ts.isNumericLiteral(expression)) return Number(expression.text);
  if (ts.isPrefixUnaryExpression(expression) && ts.isNumericLiteral(expression.operand)) {
    const value = Number(expression.operand.text);
    if (expression.operator === ts.SyntaxKind.MinusToken) return -value;
    if (expression.operator === ts.SyntaxKind.PlusToken) return value;
  }
  return undefined;
}
