const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A single-quoted TypeScript string literal. */
export function quote(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`;
}

/** A property name as an object key: bare when it is an identifier, quoted otherwise (`'content-type'`). */
export function propertyKey(name: string): string {
  return identifier.test(name) ? name : quote(name);
}
