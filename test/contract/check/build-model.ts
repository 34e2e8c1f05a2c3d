/**
 * Tiny builders for hand-made contract models, so each rule's unit test
 * states only what matters to it. Spans default to `contract.ts` at the line
 * given (column 3, as for a member inside an interface).
 */
import type {
  CallbackInterface,
  Contract,
  InterfaceOrigin,
  MemberRef,
  Method,
  NamedType,
  Param,
  Property,
  ServiceInterface,
  Span,
  TypeRef,
  UnsupportedWhat,
} from '../../../src/contract/model.js';

export function span(line: number, column = 3, file = 'contract.ts'): Span {
  return { file, line, column, endLine: line, endColumn: column + 10 };
}

/** TypeRef shorthands. */
export const t = {
  string: { kind: 'primitive', name: 'string' } as TypeRef,
  number: { kind: 'primitive', name: 'number' } as TypeRef,
  boolean: { kind: 'primitive', name: 'boolean' } as TypeRef,
  undefined: { kind: 'primitive', name: 'undefined' } as TypeRef,
  null: { kind: 'primitive', name: 'null' } as TypeRef,
  void: { kind: 'void' } as TypeRef,
  date: { kind: 'date' } as TypeRef,
  literal: (value: string | number | boolean): TypeRef => ({ kind: 'literal', value }),
  ref: (id: string): TypeRef => ({ kind: 'ref', id }),
  cb: (name: string): TypeRef => ({ kind: 'callback', name }),
  promise: (of: TypeRef): TypeRef => ({ kind: 'promise', of }),
  array: (element: TypeRef): TypeRef => ({ kind: 'array', element, readonly: false }),
  record: (value: TypeRef): TypeRef => ({ kind: 'record', value }),
  union: (...members: TypeRef[]): TypeRef => ({ kind: 'union', members }),
  tuple: (...types: TypeRef[]): TypeRef => ({
    kind: 'tuple',
    readonly: false,
    elements: types.map((type) => ({ type, optional: false, rest: false })),
  }),
  object: (...properties: Property[]): TypeRef => ({ kind: 'object', properties }),
  unsupported: (what: UnsupportedWhat, text: string, at: Span = span(1)): TypeRef => ({
    kind: 'unsupported',
    what,
    text,
    span: at,
  }),
};

export function prop(
  name: string,
  type: TypeRef,
  options: { line?: number; optional?: boolean; file?: string } = {},
): Property {
  return {
    name,
    type,
    optional: options.optional ?? false,
    readonly: false,
    span: span(options.line ?? 1, 3, options.file),
  };
}

export function param(
  name: string,
  type: TypeRef,
  options: { optional?: boolean; rest?: boolean; line?: number } = {},
): Param {
  return {
    name,
    type,
    optional: options.optional ?? false,
    rest: options.rest ?? false,
    span: span(options.line ?? 1, 8),
  };
}

export interface MethodOptions {
  params?: Param[];
  returns?: TypeRef;
  returnsText?: string;
  line?: number;
  overloads?: number;
  generic?: boolean;
}

export function method(name: string, options: MethodOptions = {}): Method {
  const line = options.line ?? 1;
  const returns = options.returns ?? t.void;
  return {
    name,
    params: options.params ?? [],
    returns,
    returnsText: options.returnsText ?? (returns.kind === 'void' ? 'void' : 'Promise<void>'),
    returnsSpan: span(line, 20),
    overloads: options.overloads ?? 1,
    generic: options.generic ?? false,
    span: span(line),
  };
}

/** A service method returning `Promise<result>` (default `Promise<void>`). */
export function call(
  name: string,
  params: Param[] = [],
  result: TypeRef = t.void,
  line = 1,
): Method {
  return method(name, {
    params,
    returns: t.promise(result),
    returnsText: `Promise<${result.kind === 'void' ? 'void' : '...'}>`,
    line,
  });
}

interface IfaceOptions {
  line?: number;
  file?: string;
  exported?: boolean;
  properties?: MemberRef[];
}

export function service(
  name: string,
  methods: Method[],
  options: IfaceOptions = {},
): ServiceInterface {
  return {
    kind: 'service',
    name,
    exported: options.exported ?? true,
    methods,
    properties: options.properties ?? [],
    span: span(options.line ?? 1, 1, options.file),
  };
}

export function callback(
  name: string,
  methods: Method[],
  options: IfaceOptions & { origin?: InterfaceOrigin } = {},
): CallbackInterface {
  return {
    kind: 'callback',
    name,
    exported: options.exported ?? true,
    origin: options.origin ?? 'marker',
    methods,
    properties: options.properties ?? [],
    span: span(options.line ?? 1, 1, options.file),
  };
}

interface TypeOptions {
  line?: number;
  file?: string;
  exported?: boolean;
  id?: string;
  typeArguments?: TypeRef[];
}

export function objectType(
  name: string,
  properties: Property[],
  options: TypeOptions = {},
): NamedType {
  return named(name, { kind: 'object', properties }, options);
}

export function aliasType(name: string, type: TypeRef, options: TypeOptions = {}): NamedType {
  return named(name, { kind: 'alias', type }, options);
}

export function enumType(
  name: string,
  values: Array<string | number>,
  options: TypeOptions = {},
): NamedType {
  const members = values.map((value, i) => ({
    name: `M${i}`,
    value,
    span: span((options.line ?? 1) + i + 1),
  }));
  return named(name, { kind: 'enum', members }, options);
}

function named(name: string, definition: NamedType['definition'], options: TypeOptions): NamedType {
  return {
    id: options.id ?? name,
    name,
    ...(options.typeArguments ? { typeArguments: options.typeArguments } : {}),
    exported: options.exported ?? true,
    span: span(options.line ?? 1, 1, options.file),
    definition,
  };
}

export function contract(parts: {
  services?: ServiceInterface[];
  callbacks?: CallbackInterface[];
  types?: NamedType[];
}): Contract {
  const services = parts.services ?? [];
  const callbacks = parts.callbacks ?? [];
  const types = parts.types ?? [];
  const files = [...new Set([...services, ...callbacks, ...types].map((d) => d.span.file))].sort();
  return { files, services, callbacks, types, others: [] };
}
