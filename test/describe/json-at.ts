/** A JSON object as a test reads it: any key, any value, to be checked by `expect`. */
export type JsonObject = Record<string, unknown>;

/** The value at `path` inside a JSON document, or undefined where a step is missing. */
export function valueAt(document: unknown, ...path: readonly string[]): unknown {
  let node = document;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as JsonObject)[key];
  }
  return node;
}

/** The object (or array) at `path` inside a JSON document; throws, failing the test, where there is none. */
export function objectAt(document: unknown, ...path: readonly string[]): JsonObject {
  const node = valueAt(document, ...path);
  if (typeof node !== 'object' || node === null) throw new Error(`no object at /${path.join('/')}`);
  return node as JsonObject;
}
