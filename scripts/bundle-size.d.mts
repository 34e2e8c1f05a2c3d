// Types of bundle-size.mjs, for the TypeScript that imports it (tests).
import type { Metafile } from 'esbuild';

/** The entry of the chat client: what examples/chat/web/app.ts takes from contract-gen. */
export const chatClientEntry: string;
/** socket.io-client as a page uses it. */
export const socketIoEntry: string;
/** @microsoft/signalr as a page uses it. */
export const signalrEntry: string;

/** Bundles `contents` for the browser (minified ES module) and measures it: bytes raw and gzipped (level 9). */
export function measureBundle(
  contents: string,
): Promise<{ raw: number; gzip: number; text: string; metafile: Metafile }>;
