/**
 * Golden fixtures: one folder per type construct under test/fixtures/types/,
 * each a small contracts/ folder whose service uses the construct, and the
 * model.json (model and reader diagnostics) it must read as. Run with
 * UPDATE_GOLDEN=1 to rewrite a golden after a deliberate change, and review it.
 */
import { describe, it } from 'vitest';
import { expectGolden } from './golden.js';

describe('reading type constructs', () => {
  it('reads primitives, with boolean as one primitive', () => void expectGolden('primitives'));
  it('reads string, number and boolean literals and their unions', () =>
    void expectGolden('literals'));
  it('reads string, numeric and const enums, and enum members used as types', () =>
    void expectGolden('enums'));
  it('reads arrays, readonly arrays and Array/ReadonlyArray', () => void expectGolden('arrays'));
  it('reads tuples with labels, optional and rest elements', () => void expectGolden('tuples'));
  it('reads nested object literal types with optional and readonly members', () =>
    void expectGolden('nested-objects'));
  it('reads interfaces and aliases across files, through named, renamed and namespace imports', () =>
    void expectGolden('cross-file'));
  it('reads Record<string, T> and string index signatures as records', () =>
    void expectGolden('records'));
  it('reads discriminated unions in source order', () => void expectGolden('discriminated-unions'));
  it('reads generic instantiations as named types with their arguments substituted', () =>
    void expectGolden('generics'));
  it('reads Partial, Pick, Omit, Required and Readonly as objects', () =>
    void expectGolden('utility-types'));
  it('reads self- and mutually recursive types as refs', () => void expectGolden('recursion'));
  it('reads T | null and T | undefined as unions', () => void expectGolden('nullable'));
  it('reads Date, bigint and Uint8Array', () => void expectGolden('special-types'));
  it('reads Promise<T> and void returns as declared, and a Promise in data as unsupported', () =>
    void expectGolden('promises-and-void'));
  it('records what cannot cross the wire as unsupported, without throwing', () =>
    void expectGolden('unsupported'));
  it('reads an intersection of object types as one object', () =>
    void expectGolden('intersections'));
  it('classifies marked and used-as-parameter callbacks, and method-bearing data interfaces', () =>
    void expectGolden('callbacks'));
  it('keeps JSDoc on services, methods, types, properties and enum members', () =>
    void expectGolden('jsdoc'));
  it('reports overloads, generic methods, optional and rest parameters, and properties', () =>
    void expectGolden('method-facts'));
  it('merges inherited members of interfaces, services and generic bases', () =>
    void expectGolden('interface-heritage'));
  it('asks the checker for keyof, indexed access, mapped and conditional types', () =>
    void expectGolden('computed-types'));
});
