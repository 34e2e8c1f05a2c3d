// What a browser downloads: the chat example's client (the generated chat
// client and its schemas, and @contract-gen/runtime/client, exactly what
// examples/chat/web/app.ts takes from contract-gen) beside socket.io-client
// and @microsoft/signalr, each bundled the same way (scripts/bundle-size.mjs:
// esbuild, minified ES module, platform browser, tree-shaken) and gzipped at
// level 9. Sizes are deterministic: one build each, no rounds.
//
// Goals (issue 17): the chat client at most 10 KiB gzipped, and at most
// 0.75x socket.io-client; beside SignalR, no bigger.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  chatClientEntry,
  measureBundle,
  signalrEntry,
  socketIoEntry,
} from '../../scripts/bundle-size.mjs';
import { repoRoot } from '../lib/paths.mjs';
import { result, round4 } from '../lib/result.mjs';

export const name = 'bundle';

const require = createRequire(join(repoRoot, 'package.json'));
const KIB = 1024;
/** Issue 17: the chat client's bundle, gzipped, in KiB. */
const CEILING_KIB = 10;

export async function run({ log = console.log } = {}) {
  if (!existsSync(join(repoRoot, 'runtime/dist/client/index.js')))
    throw new Error("runtime/dist is missing: run 'npm run build' (npm run bench does)");
  const socketIo = `socket.io-client ${require('socket.io-client/package.json').version}`;
  const signalr = `@microsoft/signalr ${require('@microsoft/signalr/package.json').version}`;
  const sizes = {};
  for (const [key, label, entry] of [
    ['ours', 'contract-gen chat client', chatClientEntry],
    ['socketIo', socketIo, socketIoEntry],
    ['signalr', signalr, signalrEntry],
  ]) {
    const { raw, gzip } = await measureBundle(entry);
    sizes[key] = { raw: round4(raw / KIB), gzip: round4(gzip / KIB) };
    log(
      `${label.padEnd(28)} ${String(raw).padStart(7)} B minified, ${String(gzip).padStart(6)} B gzipped`,
    );
  }
  const { ours } = sizes;
  return [
    result({
      name: 'chat client bundle, gzipped (≤ 10 KiB)',
      unit: 'KiB',
      value: ours.gzip,
      peer: 'goal: 10 KiB',
      peerValue: CEILING_KIB,
      better: 'lower',
      goal: 1,
    }),
    result({
      name: 'chat client bundle vs socket.io-client, gzipped',
      unit: 'KiB',
      value: ours.gzip,
      peer: socketIo,
      peerValue: sizes.socketIo.gzip,
      better: 'lower',
      goal: 0.75,
    }),
    result({
      name: 'chat client bundle vs socket.io-client, minified',
      unit: 'KiB',
      value: ours.raw,
      peer: socketIo,
      peerValue: sizes.socketIo.raw,
      better: 'lower',
      goal: 0.75,
    }),
    result({
      name: 'chat client bundle vs SignalR, gzipped',
      unit: 'KiB',
      value: ours.gzip,
      peer: signalr,
      peerValue: sizes.signalr.gzip,
      better: 'lower',
      goal: 1,
    }),
  ];
}
