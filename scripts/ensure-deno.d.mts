// Types of ensure-deno.mjs, for the TypeScript that imports it (tests).

/** The Deno version installed on demand. */
export const denoVersion: string;

/** The command that runs Deno: `[node, bin.cjs]` of the on-demand install, or `['deno']` when one is on the PATH. */
export function ensureDeno(): string[];
