import { ts } from '../typescript.js';
import type { TypeRef } from '../../model.js';
import type { ReadSession } from '../read-session.js';
import type { TypeEnv } from '../type-env.js';
import { readArrayType, readTypeOperator } from './read-array-type.js';
import { readKeywordType } from './read-keyword-type.js';
import { readLiteralType } from './read-literal-type.js';
import { readTupleType } from './read-tuple-type.js';
import { readTypeLiteral } from './read-type-literal.js';
import { readTypeReference } from './read-type-reference.js';
import { readUnionType } from './read-union-type.js';
import {
  readFunctionType,
  readTemplateLiteralType,
  readThisType,
  readViaChecker,
} from './read-via-checker.js';

/** Reads one kind of type node. */
export type TypeNodeHandler = (s: ReadSession, node: ts.TypeNode, env: TypeEnv) => TypeRef;

const SK = ts.SyntaxKind;

/** Each handler is only ever called with nodes of the kind it is registered for. */
const on = <T extends ts.TypeNode>(
  read: (s: ReadSession, node: T, env: TypeEnv) => TypeRef,
): TypeNodeHandler => read as unknown as TypeNodeHandler;
const keywords = [
  SK.StringKeyword,
  SK.NumberKeyword,
  SK.BooleanKeyword,
  SK.BigIntKeyword,
  SK.UndefinedKeyword,
  SK.UnknownKeyword,
  SK.VoidKeyword,
  SK.AnyKeyword,
  SK.NeverKeyword,
  SK.SymbolKeyword,
  SK.ObjectKeyword,
  SK.IntrinsicKeyword,
];

/**
 * One handler per construct the syntax answers. Anything else (mapped,
 * conditional, indexed access, `keyof`, `typeof`, intersections, imports) is
 * for the checker, which only then is asked for a type.
 */
const handlers: ReadonlyMap<ts.SyntaxKind, TypeNodeHandler> = new Map<
  ts.SyntaxKind,
  TypeNodeHandler
>([
  ...keywords.map((kind): [ts.SyntaxKind, TypeNodeHandler] => [kind, readKeywordType]),
  [SK.LiteralType, on(readLiteralType)],
  [SK.ArrayType, on(readArrayType)],
  [SK.TypeOperator, on(readTypeOperator)],
  [SK.TupleType, on(readTupleType)],
  [SK.TypeLiteral, on(readTypeLiteral)],
  [SK.UnionType, on(readUnionType)],
  [SK.ParenthesizedType, on(readParenthesizedType)],
  [SK.TypeReference, on(readTypeReference)],
  [SK.FunctionType, readFunctionType],
  [SK.ConstructorType, readFunctionType],
  [SK.TemplateLiteralType, readTemplateLiteralType],
  [SK.ThisType, readThisType],
]);

/**
 * A type as written → TypeRef. Walks syntax (fast) and substitutes type
 * parameters from `env`; never throws: what cannot cross the wire comes back
 * as `{ kind: 'unsupported' }` with the node's span.
 */
export function readTypeNode(s: ReadSession, node: ts.TypeNode, env: TypeEnv): TypeRef {
  const handler = handlers.get(node.kind);
  return handler ? handler(s, node, env) : readViaChecker(s, node, env);
}

/**
 * Whether `readTypeNode` answers this node itself (not counting what its
 * children need): false for what goes to the checker.
 */
export function readsFromSyntax(node: ts.TypeNode): boolean {
  if (!ts.isTypeOperatorNode(node)) return handlers.has(node.kind);
  let operand = node.type;
  while (ts.isParenthesizedTypeNode(operand)) operand = operand.type;
  return (
    node.operator === SK.ReadonlyKeyword &&
    (ts.isArrayTypeNode(operand) || ts.isTupleTypeNode(operand))
  );
}

function readParenthesizedType(
  s: ReadSession,
  node: ts.ParenthesizedTypeNode,
  env: TypeEnv,
): TypeRef {
  return readTypeNode(s, node.type, env);
}
