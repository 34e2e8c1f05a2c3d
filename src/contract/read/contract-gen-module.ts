import { ts } from './typescript.js';

/**
 * Where the 'contract-gen' module lives for the compiler: in memory only,
 * so contracts resolve it wherever the folder is and whatever is installed.
 * Only the markers matter to the reader.
 */
export const contractGenModulePath = '/__contract-gen__/index.d.ts';

let sourceFile: ts.SourceFile | undefined;

/** The refinement tags (src/tags.ts, which the package exports; a test keeps the two in step). */
export const tagDeclarations = `
export interface Type<K extends 'integer' | 'int32' | 'uint32' | 'int64' | 'uint64'> { readonly '~cg.type'?: K }
export interface Minimum<N extends number> { readonly '~cg.minimum'?: N }
export interface Maximum<N extends number> { readonly '~cg.maximum'?: N }
export interface ExclusiveMinimum<N extends number> { readonly '~cg.exclusiveMinimum'?: N }
export interface ExclusiveMaximum<N extends number> { readonly '~cg.exclusiveMaximum'?: N }
export interface MultipleOf<N extends number> { readonly '~cg.multipleOf'?: N }
export interface MinLength<N extends number> { readonly '~cg.minLength'?: N }
export interface MaxLength<N extends number> { readonly '~cg.maxLength'?: N }
export interface Pattern<P extends string> { readonly '~cg.pattern'?: P }
export interface Format<F extends 'date-time' | 'date' | 'email' | 'uri' | 'uuid'> { readonly '~cg.format'?: F }
export interface MinItems<N extends number> { readonly '~cg.minItems'?: N }
export interface MaxItems<N extends number> { readonly '~cg.maxItems'?: N }
export interface UniqueItems { readonly '~cg.uniqueItems'?: true }
export type Int32 = number & Type<'int32'>;
export type Uint32 = number & Type<'uint32'>;
export type Int64 = number & Type<'int64'>;
export type Integer = number & Type<'integer'>;
`;

/** The in-memory declarations of 'contract-gen', parsed once per process. */
export function contractGenSourceFile(): ts.SourceFile {
  sourceFile ??= ts.createSourceFile(
    contractGenModulePath,
    `export interface Service {}\nexport interface Callback {}\n${tagDeclarations}`,
    ts.ScriptTarget.ES2022,
    false,
    ts.ScriptKind.TS,
  );
  return sourceFile;
}
