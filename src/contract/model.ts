/**
 * The contract model: what the reader makes of a contracts folder, and all
 * that checks and emitters ever look at. Plain, readonly, JSON-printable data
 * (no class instances, no ts-morph nodes, no cycles): named types are held
 * once in `Contract.types` and referred to by id, so recursive types are
 * finite here and every consumer walks them without overflowing the stack.
 */

/** Where a node came from. `file` is relative to the contracts folder, with `/` separators. Lines and columns are 1-based. */
export interface Span {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** JSDoc kept for the emitters. Text is raw (not escaped for any output). */
export interface Doc {
  /** The summary: the comment text before the first tag. */
  readonly summary?: string;
  /** Present when tagged `@deprecated`; the tag's text, possibly empty. */
  readonly deprecated?: string;
  /** `@param name text`, by parameter name, in source order. */
  readonly params?: Readonly<Record<string, string>>;
  /** `@returns` text. */
  readonly returns?: string;
  /** Any other tag, as written (`@allow admin` → `{ name: 'allow', text: 'admin' }`). */
  readonly tags?: readonly DocTag[];
}

export interface DocTag {
  readonly name: string;
  readonly text: string;
}

/** The whole contracts folder. Every array is sorted (files by path; declarations by file, then position). */
export interface Contract {
  /** The contract files read, relative to the contracts folder, sorted. */
  readonly files: readonly string[];
  readonly services: readonly ServiceInterface[];
  readonly callbacks: readonly CallbackInterface[];
  /** Every named data type reachable from a service or callback, plus every exported data type. */
  readonly types: readonly NamedType[];
  /**
   * Interfaces with methods that are neither marked nor used as callbacks and
   * are not services (e.g. a method-bearing interface used inside data). Kept
   * so checks can point at them; emitters ignore them.
   */
  readonly others: readonly OtherInterface[];
}

/** Why an interface is what it is: a marker (`extends Service`/`extends Callback`) or inferred from use. */
export type InterfaceOrigin = 'marker' | 'used-as-callback-param';

/** An interface marked `extends Service`: methods a client calls on the server. */
export interface ServiceInterface {
  readonly kind: 'service';
  readonly name: string;
  readonly exported: boolean;
  readonly doc?: Doc;
  readonly methods: readonly Method[];
  /** Non-method members (`foo: string`): not allowed; kept for the check that says so. */
  readonly properties: readonly MemberRef[];
  readonly span: Span;
}

/** An interface marked `extends Callback`, or one with methods passed as a service parameter. */
export interface CallbackInterface {
  readonly kind: 'callback';
  readonly name: string;
  readonly exported: boolean;
  readonly origin: InterfaceOrigin;
  readonly doc?: Doc;
  readonly methods: readonly Method[];
  readonly properties: readonly MemberRef[];
  readonly span: Span;
}

/** An interface with methods that is neither service nor callback. */
export interface OtherInterface {
  readonly kind: 'other';
  readonly name: string;
  readonly span: Span;
}

/** A named non-method member of a service or callback interface. */
export interface MemberRef {
  readonly name: string;
  readonly span: Span;
}

export interface Method {
  readonly name: string;
  readonly doc?: Doc;
  readonly params: readonly Param[];
  /**
   * What the method returns, as declared. For a service method that returns
   * `Promise<T>` this is `{ kind: 'promise', of: T }`; for a callback method it
   * should be `{ kind: 'void' }`. Anything else is kept as found for the checks.
   */
  readonly returns: TypeRef;
  /** The source text of the declared return type (`Promise<void>`, `string`), for messages. */
  readonly returnsText: string;
  /** The span of the return type annotation (or of the method name when there is none). */
  readonly returnsSpan: Span;
  /** Number of declarations with this name in the interface: > 1 means overloads. */
  readonly overloads: number;
  /** Method uses type parameters of its own (`foo<T>(x: T)`): not allowed on the wire. */
  readonly generic: boolean;
  readonly span: Span;
}

export interface Param {
  readonly name: string;
  /** `x?: T`. A rest parameter (`...xs`) is reported as `rest`. */
  readonly optional: boolean;
  readonly rest: boolean;
  readonly type: TypeRef;
  readonly span: Span;
}

/** A property of an object type. */
export interface Property {
  readonly name: string;
  readonly optional: boolean;
  readonly readonly: boolean;
  readonly type: TypeRef;
  readonly doc?: Doc;
  readonly span: Span;
}

export interface TupleElement {
  readonly type: TypeRef;
  readonly optional: boolean;
  /** `...T[]` at the end of a tuple. */
  readonly rest: boolean;
  /** A labelled element's label (`[name: string]`). */
  readonly label?: string;
}

export type PrimitiveName =
  'string' | 'number' | 'boolean' | 'null' | 'undefined' | 'bigint' | 'unknown';

/** Constructs that cannot cross the wire; the reader records them, checks report them. */
export type UnsupportedWhat =
  | 'any'
  | 'function'
  | 'class'
  | 'symbol'
  | 'map'
  | 'set'
  | 'promise-in-data'
  | 'never'
  | 'unresolved'
  | 'index-signature'
  /** An index signature whose key type is not string or number (a template literal, a symbol), or numeric beside named properties. */
  | 'index-key'
  /** A named property the index signature beside it does not accept (TypeScript's TS2411). */
  | 'index-mismatch'
  /** A refinement tag or JSDoc refinement that does not fit its type (`string & Minimum<0>`, `@minimum x`). */
  | 'refinement'
  | 'template-literal'
  | 'intersection'
  | 'other';

/**
 * A use of a type. Closed set: emitters switch on `kind` exhaustively.
 * Named types are `ref`s into `Contract.types`, so this tree is always finite.
 */
export type TypeRef =
  | { readonly kind: 'primitive'; readonly name: PrimitiveName }
  | { readonly kind: 'literal'; readonly value: string | number | boolean }
  /** `Date`: ISO 8601 string on the wire. */
  | { readonly kind: 'date' }
  /** `Uint8Array`: base64 string on the wire. (`bigint` is a primitive: decimal string on the wire.) */
  | { readonly kind: 'bytes' }
  | { readonly kind: 'array'; readonly element: TypeRef; readonly readonly: boolean }
  | {
      readonly kind: 'tuple';
      readonly elements: readonly TupleElement[];
      readonly readonly: boolean;
    }
  /**
   * An anonymous object type (a literal `{ a: T }`, or what `Partial<X>`/`Pick`/`Omit` resolve to).
   * `rest`: the value type of an index signature beside the properties (an open object, extra keys kept).
   */
  | { readonly kind: 'object'; readonly properties: readonly Property[]; readonly rest?: TypeRef }
  /** `Record<string, T>` and `{ [key: string]: T }`; `key: 'number'` for numeric keys (numbers' texts on the wire). */
  | { readonly kind: 'record'; readonly value: TypeRef; readonly key?: 'number' }
  /**
   * A type narrowed by refinements: type tags from 'contract-gen'
   * (`number & Type<'int32'> & Minimum<0>`), JSDoc tags (`@minimum 0`), or a
   * brand (`string & { readonly __brand: 'UserId' }`, `brand: 'UserId'`). On
   * the wire it is `of`; the checks are JSON Schema keywords.
   */
  | {
      readonly kind: 'refined';
      readonly of: TypeRef;
      readonly checks: Refinements;
      readonly brand?: string;
    }
  /** Members in source order; `T | null` is a union with `null`. Literal unions are unions of literals. */
  | { readonly kind: 'union'; readonly members: readonly TypeRef[] }
  /** A named data type in `Contract.types`, by `NamedType.id`. */
  | { readonly kind: 'ref'; readonly id: string }
  /** A callback interface passed as a parameter, by name. Only valid as a direct service-method parameter. */
  | { readonly kind: 'callback'; readonly name: string }
  /**
   * A service interface, by name: a reference to an instance of it (docs/contracts.md, "Service
   * references"). Only valid as a service method's result (`Promise<Room>`).
   */
  | { readonly kind: 'service'; readonly name: string }
  /** `Promise<T>`: valid only as a service method's return type. */
  | { readonly kind: 'promise'; readonly of: TypeRef }
  /** `void`: valid as a callback method's return and as `Promise<void>`. */
  | { readonly kind: 'void' }
  | {
      readonly kind: 'unsupported';
      readonly what: UnsupportedWhat;
      /** The type as TypeScript prints it, for messages. */
      readonly text: string;
      /** Where it was written (the member or type node that holds it). */
      readonly span: Span;
    };

/**
 * A named data type: an interface, a type alias, an enum, or one
 * instantiation of a generic (`Page<Item>`).
 */
export interface NamedType {
  /**
   * Unique key. The declared name for non-generic types (`ChatMessage`);
   * the instantiation as written with resolved arguments for generics
   * (`Page<Item>`, `Page<string[]>`). Two declarations with the same name in
   * different files get distinct ids (`Foo`, `Foo@b.ts`); a check reports it.
   */
  readonly id: string;
  /** The declared name (`Page` for `Page<Item>`). */
  readonly name: string;
  /** Type arguments of a generic instantiation, in order; absent otherwise. */
  readonly typeArguments?: readonly TypeRef[];
  readonly exported: boolean;
  readonly doc?: Doc;
  readonly span: Span;
  readonly definition: NamedTypeDefinition;
}

export type NamedTypeDefinition =
  /** An interface, or an alias of an object literal type; `rest` as in the object TypeRef (an index signature beside properties). */
  | { readonly kind: 'object'; readonly properties: readonly Property[]; readonly rest?: TypeRef }
  /** Any other alias: `type Id = string`, `type Shape = Circle | Square`. */
  | { readonly kind: 'alias'; readonly type: TypeRef }
  | { readonly kind: 'enum'; readonly members: readonly EnumMember[] };

export interface EnumMember {
  readonly name: string;
  readonly value: string | number;
  readonly doc?: Doc;
  readonly span: Span;
}

/**
 * Refinements of a number, string or array, each a JSON Schema keyword of
 * the same name and meaning, except `integer` (`type: integer` with the
 * range of its kind) and `format` (one of the formats the runtime checks).
 * The runtime's `Checks` (`s.refine`) has the same fields.
 */
export interface Refinements {
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
