// What a page downloads for a client library: an entry bundled with esbuild
// the way a page ships it (one minified ES module for the browser,
// tree-shaken, no externals) and gzipped at level 9. The bench suite `bundle`
// measures contract-gen's chat client beside socket.io-client and
// @microsoft/signalr with it, and test/browser/client-bundle.test.ts holds
// the chat client under its ceiling with the same figures. Needs dist/
// (npm run build): the runtime is bundled as published.
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * What examples/chat/web/app.ts takes from contract-gen, and nothing of the
 * page's own: `connect` from the client entry, with the options the page
 * passes, and the generated chat client. (Option values never change what
 * is bundled: every branch of `connect` ships.)
 */
export const chatClientEntry = `
import { connect } from '@contract-gen/runtime/client';
import { chatClient } from './generated/chat.client.js';

export function join(url, onGap) {
  const conn = connect(url, { fetch, WebSocket, backoff: { initial: 250, max: 2000 }, onGap });
  const stop = conn.onState((state) => console.log(state, conn.transport));
  return { conn, chat: chatClient(conn), stop };
}
`;

/** socket.io-client as a page uses it: one socket to the page's origin. */
export const socketIoEntry = `
import { io } from 'socket.io-client';

export function join(url) {
  return io(url);
}
`;

/** @microsoft/signalr as a page uses it: a hub connection that reconnects. */
export const signalrEntry = `
import { HubConnectionBuilder } from '@microsoft/signalr';

export function join(url) {
  return new HubConnectionBuilder().withUrl(url).withAutomaticReconnect().build();
}
`;

/**
 * Bundles `contents` (JavaScript, resolved from the repository root) for the
 * browser: `bundle`, `minify`, `format: 'esm'`, `platform: 'browser'` (so
 * packages give their browser builds), tree-shaking, target ES2022. Resolves
 * to `{ raw, gzip, text, metafile }`: the sizes in bytes of the minified
 * bundle and of its gzip (node:zlib, level 9), the bundle, and esbuild's
 * metafile (which input gave how many bytes).
 *
 * @param {string} contents
 */
export async function measureBundle(contents) {
  const result = await build({
    stdin: { contents, resolveDir: root, sourcefile: 'entry.js', loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    treeShaking: true,
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const bytes = result.outputFiles[0].contents;
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    text: result.outputFiles[0].text,
    metafile: result.metafile,
  };
}
