import type { TypeRef } from '../model.js';

/**
 * What each type parameter stands for while one generic instantiation
 * (`Page<Item>`) is walked from syntax: `T` → `{ kind: 'ref', id: 'Item' }`.
 * Keyed by the parameter's name, which is unambiguous inside one declaration.
 */
export type TypeEnv = ReadonlyMap<string, TypeRef>;

/** The environment outside any generic instantiation. */
export const emptyEnv: TypeEnv = new Map();
