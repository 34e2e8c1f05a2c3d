import { createRequire } from 'node:module';
import type * as TsMorph from 'ts-morph';

/**
 * The TypeScript that ts-morph bundles, loaded with `require`: it is
 * CommonJS, and an ESM `import` first scans its source for export names
 * (cjs-module-lexer), about 0.2 s of every cold `contract-gen check`. It is
 * taken from `@ts-morph/common` (ts-morph's own dependency, resolved from
 * ts-morph, so the same copy, hoisted or not): ts-morph's own 1 MB is loaded
 * only when a `Project` is made (for library files, when a type needs the
 * checker). The reader imports `ts` from here, never from 'ts-morph'.
 */
const requireHere = createRequire(import.meta.url);
const common = createRequire(requireHere.resolve('ts-morph'))('@ts-morph/common') as {
  readonly ts: typeof TsMorph.ts;
};

export const ts: typeof TsMorph.ts = common.ts;

/** A ts-morph `Project` (ts-morph loaded on first use). */
export function createProject(options: TsMorph.ProjectOptions): TsMorph.Project {
  return new (requireHere('ts-morph') as typeof TsMorph).Project(options);
}

/** The compiler's types the reader names, as `ts.X` (the constant above holds only values). */
// eslint-disable-next-line @typescript-eslint/no-namespace -- a type-only `declare` namespace merged with the `ts` value above, so `ts.X` names the compiler's types; no module syntax merges types into a value loaded by `require`.
export declare namespace ts {
  export type ArrayTypeNode = TsMorph.ts.ArrayTypeNode;
  export type ClassDeclaration = TsMorph.ts.ClassDeclaration;
  export type CompilerHost = TsMorph.ts.CompilerHost;
  export type CompilerOptions = TsMorph.ts.CompilerOptions;
  export type CreateSourceFileOptions = TsMorph.ts.CreateSourceFileOptions;
  export type Declaration = TsMorph.ts.Declaration;
  export type Diagnostic = TsMorph.ts.Diagnostic;
  export type ElementFlags = TsMorph.ts.ElementFlags;
  export type EntityName = TsMorph.ts.EntityName;
  export type EnumDeclaration = TsMorph.ts.EnumDeclaration;
  export type EnumMember = TsMorph.ts.EnumMember;
  export type ExportSpecifier = TsMorph.ts.ExportSpecifier;
  export type Expression = TsMorph.ts.Expression;
  export type ExpressionWithTypeArguments = TsMorph.ts.ExpressionWithTypeArguments;
  export type Extension = TsMorph.ts.Extension;
  export type HeritageClause = TsMorph.ts.HeritageClause;
  export type Identifier = TsMorph.ts.Identifier;
  export type ImportClause = TsMorph.ts.ImportClause;
  export type ImportDeclaration = TsMorph.ts.ImportDeclaration;
  export type IndexSignatureDeclaration = TsMorph.ts.IndexSignatureDeclaration;
  export type InterfaceDeclaration = TsMorph.ts.InterfaceDeclaration;
  export type IntersectionType = TsMorph.ts.IntersectionType;
  export type JSDocParsingMode = TsMorph.ts.JSDocParsingMode;
  export type LiteralTypeNode = TsMorph.ts.LiteralTypeNode;
  export type MethodSignature = TsMorph.ts.MethodSignature;
  export type ModifierFlags = TsMorph.ts.ModifierFlags;
  export type ModuleKind = TsMorph.ts.ModuleKind;
  export type ModuleResolutionHost = TsMorph.ts.ModuleResolutionHost;
  export type ModuleResolutionKind = TsMorph.ts.ModuleResolutionKind;
  export type NamedTupleMember = TsMorph.ts.NamedTupleMember;
  export type Node = TsMorph.ts.Node;
  export type NumberLiteralType = TsMorph.ts.NumberLiteralType;
  export type NumericLiteral = TsMorph.ts.NumericLiteral;
  export type ObjectFlags = TsMorph.ts.ObjectFlags;
  export type ObjectType = TsMorph.ts.ObjectType;
  export type ParameterDeclaration = TsMorph.ts.ParameterDeclaration;
  export type ParenthesizedTypeNode = TsMorph.ts.ParenthesizedTypeNode;
  export type Program = TsMorph.ts.Program;
  export type PropertySignature = TsMorph.ts.PropertySignature;
  export type ResolvedModuleFull = TsMorph.ts.ResolvedModuleFull;
  export type ScriptKind = TsMorph.ts.ScriptKind;
  export type ScriptTarget = TsMorph.ts.ScriptTarget;
  export type SignatureDeclarationBase = TsMorph.ts.SignatureDeclarationBase;
  export type SourceFile = TsMorph.ts.SourceFile;
  export type Statement = TsMorph.ts.Statement;
  export type StringLiteral = TsMorph.ts.StringLiteral;
  export type StringLiteralType = TsMorph.ts.StringLiteralType;
  export type Symbol = TsMorph.ts.Symbol;
  export type SymbolFlags = TsMorph.ts.SymbolFlags;
  export type SyntaxKind = TsMorph.ts.SyntaxKind;
  export type TupleTypeNode = TsMorph.ts.TupleTypeNode;
  export type TupleTypeReference = TsMorph.ts.TupleTypeReference;
  export type Type = TsMorph.ts.Type;
  export type TypeAliasDeclaration = TsMorph.ts.TypeAliasDeclaration;
  export type TypeChecker = TsMorph.ts.TypeChecker;
  export type TypeElement = TsMorph.ts.TypeElement;
  export type TypeFlags = TsMorph.ts.TypeFlags;
  export type TypeLiteralNode = TsMorph.ts.TypeLiteralNode;
  export type TypeNode = TsMorph.ts.TypeNode;
  export type TypeOperatorNode = TsMorph.ts.TypeOperatorNode;
  export type TypeParameterDeclaration = TsMorph.ts.TypeParameterDeclaration;
  export type TypeReference = TsMorph.ts.TypeReference;
  export type TypeReferenceNode = TsMorph.ts.TypeReferenceNode;
  export type UnionType = TsMorph.ts.UnionType;
  export type UnionTypeNode = TsMorph.ts.UnionTypeNode;
}
