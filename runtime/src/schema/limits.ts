/** Bounds `decode` enforces, so hostile input cannot exhaust the stack or memory. */
export interface DecodeLimits {
  /** Deepest nesting of arrays and objects; deeper input fails with `TOO_DEEP`. */
  readonly maxDepth: number;
  /** Most elements in one array or keys in one record. */
  readonly maxItems: number;
  /** Longest string, in UTF-16 code units (base64 and date strings included). */
  readonly maxStringLength: number;
  /** Most digits of a bigint (parsing is superlinear in the length). */
  readonly maxBigIntDigits: number;
}

/** The defaults: generous for real data, small enough to bound the work a request can cause. */
export const defaultLimits: DecodeLimits = Object.freeze({
  maxDepth: 64,
  maxItems: 100_000,
  maxStringLength: 10_000_000,
  maxBigIntDigits: 1_000,
});

/** `limits` filled in with the defaults. */
export function withDefaults(limits: Partial<DecodeLimits> | undefined): DecodeLimits {
  return limits === undefined ? defaultLimits : { ...defaultLimits, ...limits };
}
