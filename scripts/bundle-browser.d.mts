// Types of bundle-browser.mjs, for the TypeScript that imports it (tests).
import type { Metafile } from 'esbuild';

/** Options of `bundleBrowser`. */
export interface BundleBrowserOptions {
  readonly entryPoints: string[];
  /** Write the bundle here; without it the text is returned. */
  readonly outfile?: string;
  readonly minify?: boolean;
  /** An inline source map. */
  readonly sourcemap?: boolean;
}

/** Bundles for the browser (one ES module, no externals); rejects when a Node built-in is reachable. */
export function bundleBrowser(
  options: BundleBrowserOptions,
): Promise<{ text: string | undefined; metafile: Metafile }>;
