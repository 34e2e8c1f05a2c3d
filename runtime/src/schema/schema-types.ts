import type { DecodeState } from './decode-state.js';
import { say } from '../messages.js';

/**
 * The types of schema nodes. A schema is plain data that `decode` and
 * `encode` interpret; the type parameter is a phantom that only the
 * TypeScript checker sees.
 */

/** Every kind of schema node. */
export type SchemaKind = SchemaNode['kind'];

/**
 * The phantom is a method-parameter type on purpose: such types are compared
 * bivariantly, so `Schema<string>` fits a `Schema<UserId>` (a branded or
 * template-literal string) and `Schema<'a'>` fits `Schema<Letter>`, while a
 * `Schema<number>` where a `Schema<Date>` is declared is still an error.
 */
type Phantom<T> = { bivariant(value: T): void }['bivariant'];

/**
 * A schema describing values of type `T`. Generated code writes
 * `export const XSchema: s.Schema<X> = s.object({...})`.
 */
export interface Schema<T = unknown> {
  readonly kind: SchemaKind;
  /** Type-only; never present at run time. */
  readonly '~type'?: Phantom<T>;
}

/** A schema marked optional: an absent property, tuple element or trailing parameter. */
export interface OptionalSchema<T = unknown> extends Schema<T | undefined> {
  readonly kind: 'optional';
  /** Type-only; never present at run time. */
  readonly '~present'?: Phantom<T>;
}

/** The type a schema describes. */
export type Infer<S> = S extends Schema<infer T> ? T : never;

/** A callback interface: its name and, per method, the parameter schemas. */
export interface CallbackInterfaceDescriptor {
  readonly kind: 'callbackInterface';
  readonly name: string;
  /** Null-prototype record: a method named `toString` is only there if declared. */
  readonly methods: Readonly<Record<string, CallbackMethodDescriptor>>;
}

/** One callback method: its parameters (callback methods return nothing). */
export interface CallbackMethodDescriptor {
  readonly params: readonly Schema<unknown>[];
  /** How many leading parameters are required (the rest are optional). */
  readonly required: number;
  /** The schema an event's `args` decode with: the parameters as a tuple (or generated code, `s.codedCallbacks`). */
  readonly args: Schema<unknown[]>;
}

/** One service method: its parameters in order and its result. */
export interface MethodDescriptor {
  readonly kind: 'method';
  readonly params: readonly Schema<unknown>[];
  readonly result: Schema<unknown>;
  /** How many leading parameters are required (the rest are optional). */
  readonly required: number;
}

/**
 * A service: its name (the first path segment of a call) and its methods.
 * `s.service()` keeps the name and the method names in the type, so server
 * options such as access rules can be checked against them (`accessRules`);
 * everything else takes the plain `ServiceDescriptor`.
 */
export interface ServiceDescriptor<Name extends string = string, Method extends string = string> {
  readonly kind: 'service';
  readonly name: Name;
  /** Null-prototype record: a method named `toString` is only there if declared. */
  readonly methods: Readonly<Record<Method, MethodDescriptor>>;
}

// ---- run-time nodes (what the combinators actually build) ----

/**
 * Fields every node has. Each kind brings its own walk (`decode`, `encode`,
 * `matches`), so a bundle holds the code of the kinds its schemas use and no
 * other. The three are plain functions shared by every node of a kind and
 * called on the node (`node.decode(value, st)`), `this` being the node.
 */
export interface NodeBase {
  /** Whether `encode` must walk values of this schema: true when a date, bigint or bytes is reachable; undefined until known (lazy). */
  converts: boolean | undefined;
  /**
   * Validates and converts one wire value. Returns FAIL (with the issue
   * recorded in `st`) instead of throwing, so a union can try its members
   * cheaply and a valid value never pays for error handling.
   */
  decode(value: unknown, st: DecodeState): unknown;
  /**
   * Converts an in-memory value to its wire form; FAIL (issue in `st`) for a
   * value of the wrong type. Only called where `needsConversion` holds.
   */
  encode(value: unknown, st: DecodeState): unknown;
  /** Whether an in-memory value has this type (`depth`: containers passed on the way, see `matchesValue`). */
  matches(value: unknown, depth: number): boolean;
}

/** A leaf without parameters. */
export interface LeafNode extends NodeBase {
  readonly kind:
    | 'string'
    | 'number'
    | 'boolean'
    | 'null'
    | 'undefined'
    | 'void'
    | 'unknown'
    | 'bigint'
    | 'date'
    | 'bytes';
}
/** `s.literal(value)`. */
export interface LiteralNode extends NodeBase {
  readonly kind: 'literal';
  readonly value: string | number | boolean | null;
}
/** `s.enum(values)`. */
export interface EnumNode extends NodeBase {
  readonly kind: 'enum';
  readonly values: readonly (string | number)[];
}
/** `s.array(item)`. */
export interface ArrayNode extends NodeBase {
  readonly kind: 'array';
  readonly item: SchemaNode;
}
/** `s.tuple(items, rest?)`; optional items are trailing `optional` nodes. */
export interface TupleNode extends NodeBase {
  readonly kind: 'tuple';
  readonly items: readonly SchemaNode[];
  readonly rest: SchemaNode | undefined;
  /** How many leading items are required. */
  readonly required: number;
}
/** `s.object(props)`; the parallel arrays are precomputed for a tight decode loop. */
export interface ObjectNode extends NodeBase {
  readonly kind: 'object';
  readonly props: Readonly<Record<string, SchemaNode>>;
  readonly keys: readonly string[];
  readonly schemas: readonly SchemaNode[];
  /** Per key: it is also a property of `Object.prototype`, so reading it needs an own-property check. */
  readonly inherited: readonly boolean[];
  /** An open object's index signature (`[key: string]: T` beside properties): every other key, kept, with this schema; undefined for a closed object (other keys dropped). */
  readonly rest: SchemaNode | undefined;
}
/** `s.record(value, keys?)`: string keys, or with `'number'` keys that are numbers' texts. */
export interface RecordNode extends NodeBase {
  readonly kind: 'record';
  readonly value: SchemaNode;
  /** A key's rule: undefined for any string; a pattern keys must match (numeric keys). */
  readonly keyPattern: RegExp | undefined;
}
/** `s.refine(inner, checks)`: `inner`'s values that pass `checks` (integers, bounds, lengths, patterns, formats). */
export interface RefineNode extends NodeBase {
  readonly kind: 'refine';
  readonly inner: SchemaNode;
  readonly checks: Checks;
  /** The checks as one test of a decoded value; the text of what failed, or undefined when it passed. */
  readonly test: (value: unknown) => string | undefined;
}

/**
 * Refinements of a number, string or array (contract-gen's type tags and
 * JSDoc tags): each one a JSON Schema keyword of the same name and meaning,
 * but `integer` (`type: integer` with the range of its kind) and `format`
 * (the pattern of formats.ts, with the calendar checks after it).
 */
export interface Checks {
  readonly integer?: 'integer' | 'int32' | 'uint32' | 'int64' | 'uint64';
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly multipleOf?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly format?: 'date-time' | 'date' | 'email' | 'uri' | 'uuid';
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly uniqueItems?: boolean;
}
/** `s.union(members)`: the first member that decodes wins. */
export interface UnionNode extends NodeBase {
  readonly kind: 'union';
  readonly members: readonly SchemaNode[];
}
/** `s.optional(inner)`. */
export interface OptionalNode extends NodeBase {
  readonly kind: 'optional';
  readonly inner: SchemaNode;
}
/** `s.lazy(get)`: resolved on first use and cached. */
export interface LazyNode extends NodeBase {
  readonly kind: 'lazy';
  readonly get: () => Schema<unknown>;
  target: SchemaNode | undefined;
}
/** `s.callback(cbInterface)`: a callback parameter, `{"$cb": n}` on the wire. */
export interface CallbackNode extends NodeBase {
  readonly kind: 'callback';
  readonly callbackInterface: CallbackInterfaceDescriptor;
}

/** `s.reference(() => service)`: a method's result that is a service reference (docs/protocol.md). */
export interface ReferenceNode extends NodeBase {
  readonly kind: 'reference';
  readonly service: () => ServiceDescriptor;
  /**
   * The client's proxy of a reference: the service's methods, each a call
   * through `caller` naming `ref`. Here, not in the connection, so a client
   * whose contracts return no service ships none of it.
   */
  readonly proxy: (caller: never, service: ServiceDescriptor, ref: string, url: string) => object;
}

/** `s.coded(decode, encode?)`: a schema whose walk is generated code (a generated client's types). */
export interface CodedNode extends NodeBase {
  readonly kind: 'coded';
}

/** Every run-time schema node. */
export type SchemaNode =
  | LeafNode
  | LiteralNode
  | EnumNode
  | ArrayNode
  | TupleNode
  | ObjectNode
  | RecordNode
  | RefineNode
  | UnionNode
  | OptionalNode
  | LazyNode
  | CallbackNode
  | ReferenceNode
  | CodedNode;

/** The node behind a schema (every schema is one; the public type hides the fields). */
export function nodeOf(schema: Schema<unknown>): SchemaNode {
  return schema as SchemaNode;
}

/** The node a lazy schema stands for, resolved once; other nodes are returned as they are. */
export function resolve(node: SchemaNode): SchemaNode {
  let current = node;
  for (let hops = 0; current.kind === 'lazy'; hops++) {
    // A lazy that resolves to itself (directly or in a ring) would loop forever.
    if (hops > 100) throw new Error(say('lazy-loop'));
    current.target ??= nodeOf(current.get());
    current = current.target;
  }
  return current;
}
