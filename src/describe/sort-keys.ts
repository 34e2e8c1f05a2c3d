/**
 * A copy of `record` with its keys in code-unit order. The documents print
 * maps whose order means nothing (components, messages) sorted, and keep
 * contract order where it helps a reader (paths, properties, parameters):
 * either way the same contracts give the same bytes.
 */
export function sortKeys<T>(record: Readonly<Record<string, T>>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const key of Object.keys(record).sort()) out[key] = record[key] as T;
  return out;
}
