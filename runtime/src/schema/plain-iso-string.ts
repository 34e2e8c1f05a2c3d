/**
 * `isoString` without the cache, the same text: what browsers encode with
 * (the cache is a speed feature of servers; see date-schema.ts). A file of
 * its own, so a browser bundle leaves iso-string.ts and its cache out.
 */
export function plainIsoString(date: Date): string | undefined {
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
