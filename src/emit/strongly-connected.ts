/**
 * The strongly connected components of a graph (Tarjan's algorithm): sets of
 * nodes that all reach each other, a node on no cycle being a component of
 * its own. Components come dependencies first: each after every component it
 * reaches, and otherwise in the order of `roots`, which are visited in turn.
 * Within a component nodes keep the order of `roots` (nodes reached only
 * through `next` follow, in the order they were met). Nodes are compared by
 * identity. Iterative, so a long chain of declarations cannot overflow the stack.
 */
export function stronglyConnected<T>(roots: readonly T[], next: (node: T) => Iterable<T>): T[][] {
  const order = new Map<T, number>(roots.map((node, i) => [node, i]));
  const index = new Map<T, number>();
  const low = new Map<T, number>();
  const open = new Set<T>();
  const stack: T[] = [];
  const components: T[][] = [];
  const work: { readonly node: T; readonly edges: Iterator<T> }[] = [];
  const enter = (node: T) => {
    const i = index.size;
    index.set(node, i);
    low.set(node, i);
    stack.push(node);
    open.add(node);
    work.push({ node, edges: next(node)[Symbol.iterator]() });
  };
  const lower = (node: T, to: number) => low.set(node, Math.min(low.get(node) as number, to));
  for (const root of roots) {
    if (index.has(root)) continue;
    enter(root);
    while (work.length > 0) {
      const top = work[work.length - 1]!;
      const step = top.edges.next();
      if (!step.done) {
        if (!index.has(step.value)) enter(step.value);
        else if (open.has(step.value)) lower(top.node, index.get(step.value) as number);
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) lower(parent.node, low.get(top.node) as number);
      if (low.get(top.node) === index.get(top.node))
        components.push(popComponent(top.node, stack, open));
    }
  }
  const rank = (node: T) => order.get(node) ?? roots.length + (index.get(node) as number);
  for (const component of components) component.sort((a, b) => rank(a) - rank(b));
  return components;
}

function popComponent<T>(head: T, stack: T[], open: Set<T>): T[] {
  const component: T[] = [];
  let node: T;
  do {
    node = stack.pop() as T;
    open.delete(node);
    component.push(node);
  } while (node !== head);
  return component;
}
