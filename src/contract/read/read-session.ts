import type { ts } from './typescript.js';
import type { TypeRef } from '../model.js';
import type { DeclarationTable, DeclInfo } from './declaration-table.js';
import type { ScopeEntry } from './file-scope.js';
import type { NamedTypeRegistry } from './named-type-registry.js';
import type { NameTarget } from './resolve-type-name.js';
import type { ModelCacheRead } from './model-cache.js';
import type { FileNamer } from './span-of.js';

/**
 * What an interface is to the contract. `data` covers method-bearing
 * interfaces that are neither marked nor passed to a service: they become
 * `others` entries when data uses them.
 */
export type InterfaceRole = 'service' | 'callback-marker' | 'callback-used' | 'data';

/** Memo tables that live as long as one read. */
export interface SessionCaches {
  readonly names: Map<ts.SourceFile, Map<string, NameTarget>>;
  readonly scopes: Map<ts.SourceFile, Map<string, ScopeEntry>>;
  readonly simple: Map<DeclInfo, boolean>;
  readonly hasMethods: Map<DeclInfo, boolean>;
  readonly enumValues: Map<ts.EnumMember, string | number | undefined>;
  readonly declaredTypes: Map<DeclInfo, TypeRef>;
}

/** Everything one read of the contracts folder shares: the sources, what was found so far, and the compiler when needed. */
export interface ReadSession extends FileNamer {
  /** The contracts folder (absolute). */
  readonly dir: string;
  /** The contract files, sorted, with their paths relative to the contracts folder. */
  readonly files: ReadonlyMap<ts.SourceFile, string>;
  /** The contract file at an absolute path, if there is one. */
  fileAt(path: string): ts.SourceFile | undefined;
  /** Some contract file declares global types: unknown names must go to the checker. */
  readonly hasGlobalDeclarations: boolean;
  /** Where the in-memory 'contract-gen' declarations live. */
  readonly contractGenModulePath: string;
  /** The program and checker are created on first use: most contracts are read from syntax alone. */
  readonly program: ts.Program;
  readonly checker: ts.TypeChecker;
  readonly declarations: DeclarationTable;
  readonly roles: Map<DeclInfo, InterfaceRole>;
  readonly registry: NamedTypeRegistry;
  /** Method-bearing data interfaces that data uses (the model's `others`). */
  readonly others: Set<DeclInfo>;
  readonly caches: SessionCaches;
  /** Parts of the model an earlier read made, when this read may reuse them (set once interfaces are classified). */
  modelCache: ModelCacheRead | undefined;
}
