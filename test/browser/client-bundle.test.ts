// The client as a browser gets it: the built client entry and every generated
// client, bundled for `platform: 'browser'` with no externals. Whatever they
// reach is in the bundle, so a Node built-in, a Node-only package or a Node
// global anywhere in that graph fails here. (test/runtime/protocol.test.ts
// reads the client's sources for the same; this checks what actually ships:
// dist/ and generated code, through every import.)
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleBrowser } from '../../scripts/bundle-browser.mjs';

const root = join(import.meta.dirname, '../..');

/** The client entry (as published) and the generated clients of the showcase and the conformance contract. */
const entries = [
  'runtime/dist/client/index.js',
  ...clientsIn('generated'),
  ...clientsIn('conformance/generated'),
];

/** Where a client bundle may take code from: the browser-safe runtime parts and generated code. Never node_modules. */
const allowed = /^(runtime\/dist\/((client|protocol|schema)\/|require-runtime\.js$|version\.js$)|generated\/|conformance\/generated\/)/;

/** Node's globals, as free identifiers (not `in-process`, `x.process`, or `processed`). */
const nodeGlobals = /(?<![\w$.-])(process|Buffer|require|__dirname|__filename|setImmediate)(?![\w$-])/;

function clientsIn(folder: string): string[] {
  return readdirSync(join(root, folder))
    .filter((file) => file.endsWith('.client.ts'))
    .map((file) => `${folder}/${file}`);
}

describe('the client bundled for the browser', () => {
  let bundle: Awaited<ReturnType<typeof bundleBrowser>>;

  beforeAll(async () => {
    // A Node built-in anywhere in the graph rejects here, naming the importer.
    bundle = await bundleBrowser({ entryPoints: entries.map((entry) => join(root, entry)), minify: true });
  });

  it('bundles the client entry and every generated client', () => {
    expect(entries).toContain('generated/chat.client.ts');
    expect(entries).toContain('conformance/generated/ticker.client.ts');
    const inputs = Object.keys(bundle.metafile.inputs).map((input) => relative(root, join(process.cwd(), input)));
    expect(inputs).toEqual(expect.arrayContaining(entries));
  });

  it('reaches only the browser-safe runtime and generated code: no Node built-in, no package', () => {
    const inputs = Object.keys(bundle.metafile.inputs).map((input) => relative(root, join(process.cwd(), input)));
    expect(inputs.filter((input) => !allowed.test(input))).toEqual([]);
  });

  it('uses no Node global (process, Buffer, require, __dirname...)', () => {
    const text = bundle.text ?? '';
    const found = nodeGlobals.exec(text);
    expect(found && text.slice(Math.max(0, found.index - 80), found.index + 40)).toBeNull();
  });
});
