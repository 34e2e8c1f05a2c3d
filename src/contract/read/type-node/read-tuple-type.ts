import { ts } from '../typescript.js';
import type { TupleElement, TypeRef } from '../../model.js';
import type { ReadSession } from '../read-session.js';
import type { TypeEnv } from '../type-env.js';
import { readTypeNode } from './read-type-node.js';

/** `[A, B?, ...C[]]`, labelled or not; a rest element's type is its element type (`C`). */
export function readTupleType(
  s: ReadSession,
  node: ts.TupleTypeNode,
  env: TypeEnv,
  readonly = false,
): TypeRef {
  return { kind: 'tuple', elements: node.elements.map((e) => readElement(s, e, env)), readonly };
}

function readElement(s: ReadSession, node: ts.TypeNode, env: TypeEnv): TupleElement {
  let label: string | undefined;
  let optional = false;
  let rest = false;
  let type = node;
  if (ts.isNamedTupleMember(type)) {
    label = type.name.text;
    optional = type.questionToken !== undefined;
    rest = type.dotDotDotToken !== undefined;
    type = type.type;
  }
  if (ts.isOptionalTypeNode(type)) {
    optional = true;
    type = type.type;
  } else if (ts.isRestTypeNode(type)) {
    rest = true;
    type = type.type;
  }
  let read = readTypeNode(s, type, env);
  if (rest && read.kind === 'array') read = read.element;
  return { type: read, optional, rest, ...(label !== undefined ? { label } : {}) };
}
