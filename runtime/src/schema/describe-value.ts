/** How long a quoted string may be in `received` before it is cut. */
const maxQuoted = 40;

/**
 * A short description of a wire value for an error's `received`: the value
 * itself for short primitives, its kind otherwise. It never echoes much of
 * the input back: errors are logged and shown to people.
 */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'undefined':
      return 'nothing';
    case 'string':
      return value.length > maxQuoted
        ? `${JSON.stringify(value.slice(0, maxQuoted))}... (${value.length} characters)`
        : JSON.stringify(value);
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    case 'object':
      if (value === null) return 'null';
      if (Array.isArray(value)) return `an array of ${value.length}`;
      return value instanceof Date
        ? 'a Date'
        : value instanceof Uint8Array
          ? 'a Uint8Array'
          : 'an object';
    default:
      return `a ${typeof value}`;
  }
}
