import { ts } from './typescript.js';
import type { CallbackInterface, Contract, OtherInterface, ServiceInterface } from '../model.js';
import { classifyInterfaces, hasMethods } from './classify-interfaces.js';
import type { DeclInfo } from './declaration-table.js';
import { readDeclarationDoc } from './read-doc.js';
import { readInterfaceMembers } from './read-interface-members.js';
import type { ModelCacheRead } from './model-cache.js';
import type { ReadSession } from './read-session.js';
import { resolveTypeName } from './resolve-type-name.js';
import { spanOf } from './span-of.js';

/**
 * The model of a contracts folder: classify interfaces, read services and
 * callbacks (registering every named type they reach), register the exported
 * data types, then walk all registered definitions. Everything comes out in
 * file, then source, order.
 */
export function readContractModel(
  s: ReadSession,
  cache?: (s: ReadSession) => ModelCacheRead | undefined,
): Contract {
  s.modelCache = cache?.(s);
  classifyInterfaces(s);
  s.modelCache?.classified(s);
  const services: ServiceInterface[] = [];
  const callbacks: CallbackInterface[] = [];
  for (const info of s.declarations.all) {
    const role = s.roles.get(info);
    if (role === 'service') services.push(part(s, info, role, () => readService(s, info)));
    else if (role === 'callback-marker' || role === 'callback-used') {
      callbacks.push(part(s, info, role, () => readCallback(s, info, role)));
    }
  }
  for (const info of s.declarations.all) {
    if (part(s, info, 'exported-data', () => isExportedDataType(s, info))) {
      s.registry.refTo(info, () => spanOf(s, info.declarations[0]!));
    }
  }
  s.registry.drain();
  return {
    files: [...s.files.values()],
    services,
    callbacks,
    types: s.registry.namedTypes(),
    others: readOthers(s),
  };
}

/** A service or callback, reused from an earlier read when the cache may. */
function part<T>(s: ReadSession, info: DeclInfo, role: string, make: () => T): T {
  return s.modelCache ? s.modelCache.part(info, role, make) : make();
}

function readService(s: ReadSession, info: DeclInfo): ServiceInterface {
  return { kind: 'service', ...describeInterface(s, info) };
}

function readCallback(
  s: ReadSession,
  info: DeclInfo,
  role: 'callback-marker' | 'callback-used',
): CallbackInterface {
  const origin = role === 'callback-marker' ? 'marker' : 'used-as-callback-param';
  const { name, exported, doc, methods, properties, span } = describeInterface(s, info);
  return {
    kind: 'callback',
    name,
    exported,
    origin,
    ...(doc ? { doc } : {}),
    methods,
    properties,
    span,
  };
}

function describeInterface(s: ReadSession, info: DeclInfo): Omit<ServiceInterface, 'kind'> {
  const doc = readDeclarationDoc(info);
  const { methods, properties } = readInterfaceMembers(s, info);
  return {
    name: info.name,
    exported: info.exported,
    ...(doc ? { doc } : {}),
    methods,
    properties,
    span: spanOf(s, info.declarations[0]!),
  };
}

/**
 * Exported types are data the user may want schemas for even when no
 * service uses them — unless they cannot be data at all: generics (no
 * arguments to instantiate with), classes, interfaces with methods, and
 * aliases of function or method-bearing object types (helpers, not data).
 */
function isExportedDataType(s: ReadSession, info: DeclInfo): boolean {
  if (!info.exported || info.typeParameters.length > 0 || info.kind === 'class') return false;
  if (info.kind === 'interface') return isDataInterface(s, info);
  if (info.kind !== 'alias') return true;
  let type = (info.declarations[0] as ts.TypeAliasDeclaration).type;
  while (ts.isParenthesizedTypeNode(type)) type = type.type;
  if (ts.isFunctionTypeNode(type) || ts.isConstructorTypeNode(type)) return false;
  if (ts.isTypeLiteralNode(type)) {
    return !type.members.some((m) => ts.isMethodSignature(m) || ts.isCallSignatureDeclaration(m));
  }
  // Another name for a service, a callback or a method-bearing interface is not data either.
  const target = ts.isTypeReferenceNode(type) ? resolveTypeName(s, type.typeName) : undefined;
  return (
    target?.kind !== 'contract' ||
    target.info.kind !== 'interface' ||
    isDataInterface(s, target.info)
  );
}

function isDataInterface(s: ReadSession, info: DeclInfo): boolean {
  return s.roles.get(info) === 'data' && !hasMethods(s, info);
}

function readOthers(s: ReadSession): OtherInterface[] {
  return [...s.others]
    .sort((a, b) => (a.file !== b.file ? (a.file < b.file ? -1 : 1) : a.pos - b.pos))
    .map((info) => ({ kind: 'other', name: info.name, span: spanOf(s, info.declarations[0]!) }));
}
