import { ts } from './typescript.js';
import type { TypeEnv } from './type-env.js';

/** Whether any identifier under `node` is the name of a type parameter bound in `env` (an over-approximation, on purpose: it only makes us more careful). */
export function mentionsTypeParameter(node: ts.Node, env: TypeEnv): boolean {
  if (env.size === 0) return false;
  const visit = (child: ts.Node): boolean =>
    ts.isIdentifier(child) ? env.has(child.text) : (ts.forEachChild(child, visit) ?? false);
  return visit(node);
}
