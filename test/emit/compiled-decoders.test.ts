/**
 * Every generated schema without recursion in it decodes through its
 * compiled decoder (issue 17): `decode` uses `decoderOf` when it gives a
 * decoder and walks the schema otherwise (runtime/src/schema/decode.ts), and
 * `decoderOf` gives none for a schema that holds an `s.lazy`. So the
 * emitter may write `s.lazy` only where a type reaches itself. Checked on
 * the committed generated code of contracts/ and conformance/contracts/
 * (test/emit/conformance-contract.test.ts and the CLI test keep it current).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { decoderOf } from '../../runtime/src/schema/compile-decoder.js';
import { nodeOf, resolve, type SchemaNode } from '../../runtime/src/schema/schema-types.js';
import { repoRoot } from '../support/cli.js';

/** A schema of generated code, named for messages: `board.schema.ts TaskSchema`, `... BoardService.add(0)`. */
interface Found {
  readonly where: string;
  readonly node: SchemaNode;
}

const folders = ['generated', 'conformance/generated'];
const schemas: Found[] = [];

beforeAll(async () => {
  for (const folder of folders) {
    for (const file of readdirSync(join(repoRoot, folder))
      .filter((f) => f.endsWith('.schema.ts'))
      .sort()) {
      const module = (await import(pathToFileURL(join(repoRoot, folder, file)).href)) as Record<
        string,
        unknown
      >;
      for (const [name, value] of Object.entries(module))
        schemas.push(...schemasOf(`${folder}/${file} ${name}`, value));
    }
  }
});

/** A schema constant, or the parameter and result schemas of a service or callback descriptor (a callback parameter aside). */
function schemasOf(where: string, value: unknown): Found[] {
  const v = value as {
    kind: string;
    methods?: Record<string, { params: unknown[]; result?: unknown }>;
  };
  if (v.kind !== 'service' && v.kind !== 'callbackInterface')
    return [{ where, node: nodeOf(value as never) }];
  const out: Found[] = [];
  for (const [method, descriptor] of Object.entries(v.methods ?? {})) {
    descriptor.params.forEach((p, i) =>
      out.push({ where: `${where}.${method}(${i})`, node: nodeOf(p as never) }),
    );
    if (descriptor.result !== undefined)
      out.push({ where: `${where}.${method} result`, node: nodeOf(descriptor.result as never) });
  }
  return out.filter((f) => f.node.kind !== 'callback');
}

function children(node: SchemaNode): readonly SchemaNode[] {
  switch (node.kind) {
    case 'array':
      return [node.item];
    case 'tuple':
      return node.rest ? [...node.items, node.rest] : node.items;
    case 'object':
      return node.schemas;
    case 'record':
      return [node.value];
    case 'union':
      return node.members;
    case 'optional':
      return [node.inner];
    case 'lazy':
      return [resolve(node)];
    default:
      return [];
  }
}

/** The nodes reachable from `from` (itself included only when it is on a cycle). */
function reachable(from: SchemaNode): Set<SchemaNode> {
  const seen = new Set<SchemaNode>();
  const stack = [...children(from)];
  while (stack.length > 0) {
    const node = stack.pop() as SchemaNode;
    if (seen.has(node)) continue;
    seen.add(node);
    stack.push(...children(node));
  }
  return seen;
}

/** Whether a cycle can be reached from `node`: some node reachable from it reaches itself. */
function reachesRecursion(node: SchemaNode): boolean {
  return [node, ...reachable(node)].some((n) => reachable(n).has(n));
}

describe('generated schemas', () => {
  it('are all found: every schema module, with its recursive types among them', () => {
    const where = schemas.map((f) => f.where);
    expect(where).toContain('generated/chat.schema.ts PageOfChatMessageSchema');
    expect(where).toContain('generated/board.schema.ts BoardService.list result');
    const recursive = schemas.filter((f) => reachesRecursion(f.node)).map((f) => f.where);
    expect(recursive).toContain('generated/board.schema.ts TaskSchema');
    expect(recursive).toContain('conformance/generated/ticker.schema.ts SampleSchema');
    expect(recursive).not.toContain('generated/chat.schema.ts ChatMessageSchema');
  });

  it('decode through the compiled decoder unless they reach a recursive type', () => {
    const walked = schemas
      .filter((f) => !reachesRecursion(f.node) && decoderOf(f.node) === undefined)
      .map((f) => f.where);
    expect(walked).toEqual([]);
    expect(schemas.filter((f) => decoderOf(f.node) !== undefined).length).toBeGreaterThan(
      schemas.length / 2,
    );
  });

  it('use s.lazy only on a cycle: the schema it stands for reaches the lazy again', () => {
    const lazies = new Set<SchemaNode>();
    for (const f of schemas)
      for (const n of [f.node, ...reachable(f.node)]) if (n.kind === 'lazy') lazies.add(n);
    expect(lazies.size).toBeGreaterThan(0);
    const needless = [...lazies].filter((lazy) => !reachable(lazy).has(lazy));
    expect(needless).toEqual([]);
  });
});
