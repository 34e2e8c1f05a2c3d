import { resolve, type SchemaNode } from './schema-types.js';

/**
 * Reachability over the (possibly cyclic) schema graph. Computing it by
 * recursion with an "in progress = false" rule would be wrong: a node inside
 * a cycle could be cached false before the cycle's date is found. Reaching
 * no converting node from the root, however, proves every visited node false.
 */
export function settleConversion(root: SchemaNode): boolean {
  const seen = new Set<SchemaNode>();
  const stack: SchemaNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as SchemaNode;
    if (seen.has(node) || node.converts === false) continue;
    if (node.converts === true) return (root.converts = true);
    seen.add(node);
    stack.push(...childrenOf(node));
  }
  for (const node of seen) node.converts = false;
  return false;
}

/**
 * The nodes a node holds, whatever its kind: its fields that are nodes or
 * lists of nodes (an object's are in `schemas`), or for a lazy its target.
 * Read from the fields rather than per kind, so that this rarely needed walk
 * (only lazy schemas leave `converts` undecided) costs a bundle little.
 */
function childrenOf(node: SchemaNode): SchemaNode[] {
  if (node.kind === 'lazy') return [resolve(node)];
  return Object.values(node)
    .flat()
    .filter(
      (field): field is SchemaNode =>
        typeof (field as Partial<SchemaNode> | null)?.decode === 'function',
    );
}
