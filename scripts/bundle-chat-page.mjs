// Builds the chat example's page into build/web/chat (ignored by git):
// app.js, the page's script bundled with the generated client and the client
// runtime for the browser (esbuild), beside copies of index.html and
// style.css. `npm run example` runs it before starting the server; the
// browser test calls bundleChatPage() itself. Needs dist/ (npm run build).
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleBrowser } from './bundle-browser.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'examples', 'chat', 'web');

/** Where the built page goes; examples/chat/server.ts serves it from there. */
export const chatPageOut = join(root, 'build', 'web', 'chat');

/** Writes app.js (with an inline source map), index.html and style.css to `out`; resolves to `out`. */
export async function bundleChatPage(out = chatPageOut) {
  mkdirSync(out, { recursive: true });
  await bundleBrowser({
    entryPoints: [join(source, 'app.ts')],
    outfile: join(out, 'app.js'),
    sourcemap: true,
  });
  for (const file of ['index.html', 'style.css']) copyFileSync(join(source, file), join(out, file));
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  bundleChatPage().then(
    (out) => console.log(`chat page built in ${out}`),
    (error) => {
      console.error(`chat page: ${error.message}`);
      process.exit(1);
    },
  );
}
