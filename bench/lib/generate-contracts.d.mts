// Types of generate-contracts.mjs, for the TypeScript that imports it (tests).

/** How big a folder to write: `files` contract files declaring `methods` methods in all. */
export interface ContractsSize {
  readonly files?: number;
  readonly methods?: number;
}

/** One file of the plan. */
export interface PlannedFile {
  readonly index: number;
  readonly group: number;
  readonly shared: boolean;
  readonly noun: string;
  readonly file: string;
  methods: number;
}

/** What `generateContracts` wrote. */
export interface ContractsStats {
  readonly dir: string;
  readonly files: number;
  readonly methods: number;
  readonly services: number;
  readonly callbacks: number;
  readonly types: number;
}

/** A small seeded PRNG (mulberry32): the same seed gives the same folder, everywhere. */
export function prng(seed: number): () => number;

/** The plan: which file is what, and how many methods each declares. */
export function planContracts(size?: ContractsSize): PlannedFile[];

/** Writes the folder (replacing any other .ts file in it); the same seed gives the same folder. */
export function generateContracts(
  dir: string,
  options?: ContractsSize & { readonly seed?: number },
): ContractsStats;
