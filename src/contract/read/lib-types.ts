import { ts } from './typescript.js';
import type { UnsupportedWhat } from '../model.js';

/** How the reader treats a standard-library type. `compute`: an alias the checker (or a utility handler) resolves. */
type LibTreatment = 'by-name' | 'compute' | UnsupportedWhat;

const classes = [
  'Error',
  'RegExp',
  'ArrayBuffer',
  'SharedArrayBuffer',
  'DataView',
  'WeakRef',
  'Int8Array',
  'Uint8ClampedArray',
  'Int16Array',
  'Uint16Array',
  'Int32Array',
  'Uint32Array',
  'Float32Array',
  'Float64Array',
  'BigInt64Array',
  'BigUint64Array',
];
const aliases = [
  'Record',
  'Partial',
  'Required',
  'Readonly',
  'Pick',
  'Omit',
  'Exclude',
  'Extract',
  'NonNullable',
  'Awaited',
  'ReturnType',
  'Parameters',
  'InstanceType',
  'ConstructorParameters',
  'Uppercase',
  'Lowercase',
  'Capitalize',
  'Uncapitalize',
];

/**
 * The standard-library types contracts commonly name, so that they are
 * recognised without asking the checker. Anything not listed is resolved
 * by the checker and judged by its symbol.
 */
const known: ReadonlyMap<string, LibTreatment> = new Map<string, LibTreatment>([
  ...['Date', 'Uint8Array', 'Array', 'ReadonlyArray'].map((n): [string, LibTreatment] => [
    n,
    'by-name',
  ]),
  ...aliases.map((n): [string, LibTreatment] => [n, 'compute']),
  ...classes.map((n): [string, LibTreatment] => [n, 'class']),
  ['Promise', 'promise-in-data'],
  ['PromiseLike', 'promise-in-data'],
  ['Map', 'map'],
  ['ReadonlyMap', 'map'],
  ['WeakMap', 'map'],
  ['Set', 'set'],
  ['ReadonlySet', 'set'],
  ['WeakSet', 'set'],
  ['Function', 'function'],
  ['CallableFunction', 'function'],
  ['NewableFunction', 'function'],
  ['Symbol', 'symbol'],
]);

/** Whether a global name is a standard-library type the reader knows without the checker. */
export function isKnownLibType(name: string): boolean {
  return known.has(name);
}

/**
 * Why a standard-library type cannot be data, or undefined when it may be:
 * the types walkers map by name (`Date`, `Uint8Array`, arrays) and aliases
 * (`Partial`, `Pick`...), which resolve to something that may well be data.
 * An unlisted library interface with a value of the same name (`URL`...) is
 * a class in all but syntax.
 */
export function libTypeRejection(name: string, symbol?: ts.Symbol): UnsupportedWhat | undefined {
  const treatment = known.get(name);
  if (treatment === 'by-name' || treatment === 'compute') return undefined;
  if (treatment) return treatment;
  if (!symbol || symbol.flags & ts.SymbolFlags.TypeAlias) return undefined;
  return symbol.flags & ts.SymbolFlags.Value ? 'class' : 'other';
}
