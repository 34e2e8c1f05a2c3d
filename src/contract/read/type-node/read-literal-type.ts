import { ts } from '../typescript.js';
import type { TypeRef } from '../../model.js';
import type { ReadSession } from '../read-session.js';
import { spanOf } from '../span-of.js';
import { unsupported } from '../unsupported.js';

const nullType: TypeRef = { kind: 'primitive', name: 'null' };

/** `'a'`, `1`, `-1`, `true`, `null` (TypeScript writes `null` as a literal type node). */
export function readLiteralType(s: ReadSession, node: ts.LiteralTypeNode): TypeRef {
  const literal = node.literal;
  switch (literal.kind) {
    case ts.SyntaxKind.NullKeyword:
      return nullType;
    case ts.SyntaxKind.TrueKeyword:
      return { kind: 'literal', value: true };
    case ts.SyntaxKind.FalseKeyword:
      return { kind: 'literal', value: false };
    case ts.SyntaxKind.StringLiteral:
    case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
      return { kind: 'literal', value: (literal as ts.StringLiteral).text };
    case ts.SyntaxKind.NumericLiteral:
      return { kind: 'literal', value: Number((literal as ts.NumericLiteral).text) };
  }
  if (ts.isPrefixUnaryExpression(literal) && ts.isNumericLiteral(literal.operand)) {
    const value = Number(literal.operand.text);
    return {
      kind: 'literal',
      value: literal.operator === ts.SyntaxKind.MinusToken ? -value : value,
    };
  }
  // A bigint literal type (`1n`) has no literal form in the model.
  return unsupported('other', node.getText(), spanOf(s, node));
}
