// Bundles TypeScript or JavaScript for the browser with esbuild: one ES module
// with everything it imports inside (no externals), so what a browser gets is
// exactly what the entry reaches. A Node built-in anywhere in that graph fails
// the build, naming the importer. Used by the chat example's page, the
// Chromium conformance run and the client's browser-safety test.
import { builtinModules } from 'node:module';
import { build } from 'esbuild';

const builtins = new Set(builtinModules);

/**
 * Bundles `entryPoints` for `platform: 'browser'`. With `outfile` it writes
 * the bundle there; without, it returns the text. Resolves to
 * `{ text, metafile }` (metafile.inputs lists every file in the bundle).
 * Rejects when the graph imports a Node built-in (`node:fs`, `fs`...).
 *
 * @param {{ entryPoints: string[], outfile?: string, minify?: boolean, sourcemap?: boolean }} options
 */
export async function bundleBrowser({ entryPoints, outfile, minify = false, sourcemap = false }) {
  const result = await build({
    entryPoints,
    bundle: true,
    platform: 'browser',
    format: 'esm',
    // What the client runtime is written for: evergreen browsers, Deno, Bun, Node 20.
    target: 'es2022',
    minify,
    sourcemap: sourcemap ? 'inline' : false,
    metafile: true,
    logLevel: 'silent',
    plugins: [refuseNodeBuiltins],
    ...(outfile === undefined ? { write: false, outdir: 'out' } : { outfile }),
  });
  const text =
    outfile === undefined ? result.outputFiles.map((file) => file.text).join('\n') : undefined;
  return { text, metafile: result.metafile };
}

/** Fails resolution of a Node built-in, however it is spelled, with who imports it. */
const refuseNodeBuiltins = {
  name: 'refuse-node-builtins',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /.*/ }, (args) => {
      const name = args.path.startsWith('node:') ? args.path.slice(5) : args.path.split('/')[0];
      if (!args.path.startsWith('node:') && !builtins.has(name)) return undefined;
      return {
        errors: [
          {
            text: `Node built-in '${args.path}' imported by ${args.importer}: the browser has no such module.`,
          },
        ],
      };
    });
  },
};
