import { lookupType } from '../contract/find-type.js';
import type { Contract, Property, TypeRef } from '../contract/model.js';
import { schemaName } from '../names/names.js';
import { propertyKey, quote } from './quote.js';

/** The parameter list every generated step has. */
const PARAMS = '(v: unknown, st: s.DecodeState): unknown';

/**
 * The decoders (and, where a value sent has a date in it, encoders) a
 * generated client uses in place of schemas: plain functions, one per named
 * type, built from the runtime's steps (`s.decodeString`, `s.enterObject`,
 * `s.decodeArray`...), so a page's bundle carries its own types' code and
 * not the walk of every schema kind. They decode and fail exactly as the
 * schemas do (same results; same code, path, expected and received).
 *
 * Covers strings, numbers, booleans, null, undefined, void, literals, enums,
 * dates, arrays, closed objects, optional properties and parameters, unions
 * of leaves, and named types (recursion too). Anything else (a bigint,
 * bytes, a tuple, a record, an open object, a refinement, a union with an
 * object member, a service reference, `unknown`) is `undefined` here, and
 * the client takes the schema module's descriptor instead.
 */
export class ClientCodecs {
  readonly #contract: Contract;
  /** Named type id → its decoder's source, in the order first needed. */
  readonly #decoders = new Map<string, string>();
  readonly #encoders = new Map<string, string>();
  /** Named type id → whether it is covered (true while being looked at: recursion is covered). */
  readonly #covered = new Map<string, boolean>();
  readonly #converting = new Map<string, boolean>();

  constructor(contract: Contract) {
    this.#contract = contract;
  }

  /** Every name a decoder or encoder of this contract may take (a file reserves them, so an import that clashes is renamed). */
  names(): string[] {
    return this.#contract.types.flatMap((type) => {
      const name = word(schemaName(type, this.#contract));
      return [`decode${name}`, `encode${name}`];
    });
  }

  /** Whether `ref` can be decoded (and encoded) by generated code. */
  covers(ref: TypeRef): boolean {
    switch (ref.kind) {
      case 'primitive':
        return ref.name !== 'bigint' && ref.name !== 'unknown';
      case 'literal':
      case 'date':
      case 'void':
        return true;
      case 'array':
        return this.covers(ref.element);
      case 'object':
        return ref.rest === undefined && ref.properties.every((p) => this.covers(p.type));
      case 'refined':
        return Object.values(ref.checks).every((v) => v === undefined) && this.covers(ref.of);
      case 'union':
        return ref.members.every((m) => this.#isLeaf(m));
      case 'ref':
        return this.#coversNamed(ref.id);
      default:
        return false;
    }
  }

  /** The source of the decoders and encoders asked for so far, in order. */
  functions(): string[] {
    return [...this.#decoders.values(), ...this.#encoders.values()];
  }

  /** A step (a function of `v` and `st`) decoding `ref`. */
  decodeStep(ref: TypeRef): string {
    switch (ref.kind) {
      case 'primitive':
        return leafStep[ref.name] as string;
      case 'void':
        return 's.decodeNothing';
      case 'date':
        return 's.decodeDate';
      case 'refined':
        return this.decodeStep(ref.of);
      case 'ref':
        return this.#named(ref.id);
      default:
        return `${PARAMS} => ${this.decodeCall(ref, 'v')}`;
    }
  }

  /** An expression decoding `value` as `ref` (FAIL with the issue in `st` when it does not). */
  decodeCall(ref: TypeRef, value: string): string {
    switch (ref.kind) {
      case 'literal':
        return `s.decodeLiteral(${value}, st, ${literal(ref.value)})`;
      case 'array':
        return `s.decodeArray(${value}, st, ${this.decodeStep(ref.element)})`;
      case 'union':
        // Literals alone: one test of the value (the union's error: each literal, joined by 'or').
        if (ref.members.every((m) => m.kind === 'literal'))
          return `s.decodeOneOf(${value}, st, [${ref.members
            .map((m) => literal((m as { value: string | number | boolean }).value))
            .join(', ')}], ' or ')`;
        return `s.decodeEither(${value}, st, [${orderUnion(ref.members)
          .map((m) => this.decodeStep(m))
          .join(', ')}])`;
      case 'object':
        return `(${PARAMS} => {\n${this.#objectBody(ref.properties)}\n})(${value}, st)`;
      default:
        return `${this.decodeStep(ref)}(${value}, st)`;
    }
  }

  /** An optional value's step: absent, or `null` where `ref` takes no null, stays absent. */
  optionalStep(ref: TypeRef): string {
    return `${PARAMS} => s.decodeOptional(v, st, ${this.decodeStep(ref)})`;
  }

  /** Whether values of `ref` change on the way out (a date is reachable). */
  converts(ref: TypeRef): boolean {
    switch (ref.kind) {
      case 'date':
        return true;
      case 'array':
        return this.converts(ref.element);
      case 'object':
        return ref.properties.some((p) => this.converts(p.type));
      case 'refined':
        return this.converts(ref.of);
      case 'union':
        return ref.members.some((m) => this.converts(m));
      case 'ref': {
        const known = this.#converting.get(ref.id);
        if (known !== undefined) return known;
        this.#converting.set(ref.id, false);
        const def = lookupType(this.#contract, ref.id).definition;
        const converts =
          def.kind === 'object'
            ? def.properties.some((p) => this.converts(p.type))
            : def.kind === 'alias' && this.converts(def.type);
        this.#converting.set(ref.id, converts);
        return converts;
      }
      default:
        return false;
    }
  }

  /** A step encoding `ref`, for a type that `converts` (a union of leaves with a date has none: undefined). */
  encodeStep(ref: TypeRef): string | undefined {
    switch (ref.kind) {
      case 'date':
        return 's.encodeDate';
      case 'refined':
        return this.encodeStep(ref.of);
      case 'array': {
        const item = this.encodeStep(ref.element);
        return item && `${PARAMS} => s.encodeArray(v, st, ${item})`;
      }
      case 'object':
        return this.#encodeObject(ref.properties);
      case 'ref':
        return this.#namedEncoder(ref.id);
      default:
        return undefined;
    }
  }

  #isLeaf(ref: TypeRef): boolean {
    if (ref.kind === 'ref') {
      const def = lookupType(this.#contract, ref.id).definition;
      return def.kind === 'enum' || (def.kind === 'alias' && this.#isLeaf(def.type));
    }
    if (ref.kind === 'refined') return this.covers(ref) && this.#isLeaf(ref.of);
    return (
      ref.kind === 'literal' ||
      ref.kind === 'date' ||
      ref.kind === 'void' ||
      (ref.kind === 'primitive' && ref.name !== 'bigint' && ref.name !== 'unknown')
    );
  }

  #coversNamed(id: string): boolean {
    const known = this.#covered.get(id);
    if (known !== undefined) return known;
    this.#covered.set(id, true);
    const def = lookupType(this.#contract, id).definition;
    const covered =
      def.kind === 'enum' ||
      (def.kind === 'object'
        ? def.rest === undefined && def.properties.every((p) => this.covers(p.type))
        : this.covers(def.type));
    this.#covered.set(id, covered);
    return covered;
  }

  /** The name of a named type's decoder, written out on first use. */
  #named(id: string): string {
    const type = lookupType(this.#contract, id);
    const name = `decode${word(schemaName(type, this.#contract))}`;
    if (this.#decoders.has(id)) return name;
    this.#decoders.set(id, '');
    const def = type.definition;
    const body =
      def.kind === 'object'
        ? this.#objectBody(def.properties)
        : def.kind === 'enum'
          ? `  return s.decodeOneOf(v, st, [${def.members.map((m) => literal(m.value)).join(', ')}]);`
          : `  return ${this.decodeCall(def.type, 'v')};`;
    this.#decoders.set(
      id,
      `/** Decodes a ${type.name}. */\nfunction ${name}${PARAMS} {\n${body}\n}`,
    );
    return name;
  }

  #namedEncoder(id: string): string | undefined {
    const type = lookupType(this.#contract, id);
    const name = `encode${word(schemaName(type, this.#contract))}`;
    if (this.#encoders.has(id)) return name;
    const def = type.definition;
    this.#encoders.set(id, '');
    const step =
      def.kind === 'object'
        ? this.#encodeObject(def.properties)
        : def.kind === 'alias'
          ? this.encodeStep(def.type)
          : undefined;
    if (step === undefined) {
      this.#encoders.delete(id);
      return undefined;
    }
    this.#encoders.set(
      id,
      `/** Encodes a ${type.name} (its dates as ISO strings). */\nconst ${name} = ${step};`,
    );
    return name;
  }

  /** Each declared key decoded in order (a failure names it), then `leaveObject`. */
  #objectBody(properties: readonly Property[]): string {
    const lines = ['  if (!s.enterObject(v, st)) return s.FAIL;'];
    const locals = properties.map((_, i) => `p${i}`);
    properties.forEach((p, i) => {
      // A key Object.prototype also has (`toString`) is read only when the input has it itself.
      const raw =
        p.name in Object.prototype
          ? `(Object.hasOwn(v, ${quote(p.name)}) ? v[${quote(p.name)}] : undefined)`
          : `v[${quote(p.name)}]`;
      const call = p.optional
        ? `s.decodeOptional(${raw}, st, ${this.decodeStep(p.type)})`
        : this.decodeCall(p.type, raw);
      lines.push(`  const ${locals[i]} = ${call};`);
      lines.push(`  if (${locals[i]} === s.FAIL) return st.leave(${quote(p.name)});`);
    });
    const out = properties.map((p, i) => `${propertyKey(p.name)}: ${locals[i]}`).join(', ');
    lines.push(`  return s.leaveObject(v, st, { ${out} });`);
    return lines.join('\n');
  }

  #encodeObject(properties: readonly Property[]): string | undefined {
    const steps: string[] = [];
    for (const p of properties) {
      if (!this.converts(p.type)) {
        steps.push('undefined');
        continue;
      }
      const step = this.encodeStep(p.type);
      if (step === undefined) return undefined;
      steps.push(step);
    }
    const keys = properties.map((p) => quote(p.name)).join(', ');
    return `${PARAMS} => s.encodeObject(v, st, [${keys}], [${steps.join(', ')}])`;
  }
}

const leafStep: Partial<Record<string, string>> = {
  string: 's.decodeString',
  number: 's.decodeNumber',
  boolean: 's.decodeBoolean',
  null: 's.decodeNull',
  undefined: 's.decodeNothing',
};

/** `ChatMessageSchema` → `ChatMessage`. */
function word(constant: string): string {
  return constant.replace(/Schema$/, '');
}

function literal(value: string | number | boolean | null): string {
  return typeof value === 'string' ? quote(value) : String(value);
}

/** The schema's member order (print-schema.ts): a plain `string` last, so it does not swallow dates. */
function orderUnion(members: readonly TypeRef[]): readonly TypeRef[] {
  const isString = (m: TypeRef) => m.kind === 'primitive' && m.name === 'string';
  return [...members.filter((m) => !isString(m)), ...members.filter(isString)];
}
