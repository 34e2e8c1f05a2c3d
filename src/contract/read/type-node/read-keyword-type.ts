import { ts } from '../typescript.js';
import type { TypeRef, UnsupportedWhat } from '../../model.js';
import type { ReadSession } from '../read-session.js';
import { spanOf } from '../span-of.js';
import { unsupported } from '../unsupported.js';

const SK = ts.SyntaxKind;

const supported: ReadonlyMap<ts.SyntaxKind, TypeRef> = new Map<ts.SyntaxKind, TypeRef>([
  [SK.StringKeyword, { kind: 'primitive', name: 'string' }],
  [SK.NumberKeyword, { kind: 'primitive', name: 'number' }],
  [SK.BooleanKeyword, { kind: 'primitive', name: 'boolean' }],
  [SK.BigIntKeyword, { kind: 'primitive', name: 'bigint' }],
  [SK.UndefinedKeyword, { kind: 'primitive', name: 'undefined' }],
  [SK.UnknownKeyword, { kind: 'primitive', name: 'unknown' }],
  [SK.VoidKeyword, { kind: 'void' }],
  // `object`: any non-primitive, which on the wire is a JSON object or an array.
  [SK.ObjectKeyword, objectKeyword()],
]);

/** `object` as the wire sees it: a record of anything, or an array of anything. */
export function objectKeyword(): TypeRef {
  const unknown: TypeRef = { kind: 'primitive', name: 'unknown' };
  return {
    kind: 'union',
    members: [
      { kind: 'record', value: unknown },
      { kind: 'array', element: unknown, readonly: false },
    ],
  };
}

const rejected: ReadonlyMap<ts.SyntaxKind, UnsupportedWhat> = new Map<
  ts.SyntaxKind,
  UnsupportedWhat
>([
  [SK.AnyKeyword, 'any'],
  [SK.NeverKeyword, 'never'],
  [SK.SymbolKeyword, 'symbol'],
]);

/** `string`, `number`, `boolean` (one primitive, not `true | false`), `void`, `any`... */
export function readKeywordType(s: ReadSession, node: ts.TypeNode): TypeRef {
  return (
    supported.get(node.kind) ??
    unsupported(rejected.get(node.kind) ?? 'other', node.getText(), spanOf(s, node))
  );
}
