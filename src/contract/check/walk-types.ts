import type {
  CallbackInterface,
  Contract,
  Method,
  NamedType,
  Param,
  ServiceInterface,
  Span,
  TypeRef,
} from '../model.js';

/** Where a type use sits: which declared slot holds the outermost TypeRef. */
export type TypeSite =
  'service-param' | 'service-result' | 'callback-param' | 'callback-result' | 'type';

/** The declaration a type use belongs to: a method of a service or callback interface, or a named type. */
export type TypeOwner =
  | {
      readonly kind: 'method';
      readonly iface: ServiceInterface | CallbackInterface;
      readonly method: Method;
    }
  | { readonly kind: 'type'; readonly type: NamedType };

/** One TypeRef met by {@link walkTypes}, with enough context to report on it. */
export interface TypeVisit {
  readonly ref: TypeRef;
  readonly site: TypeSite;
  readonly owner: TypeOwner;
  /** The parameter holding the ref, for `service-param` and `callback-param` sites. */
  readonly param?: Param;
  /**
   * The span of the innermost member holding the ref: the parameter, the
   * method's return annotation, the property (of a named or inline object
   * type), or the named type itself for an alias.
   */
  readonly span: Span;
  /**
   * The holder in words, for messages: `parameter 'room' of 'Chat.join'`,
   * `the result of 'Chat.history'`, `property 'ChatMessage.at'`,
   * `property 'tags' of parameter 'filter' of 'Chat.find'`, `type 'Id'`.
   */
  readonly where: string;
  /** The TypeRefs enclosing this one inside the same slot, outermost first; empty for the declared type itself. */
  readonly parents: readonly TypeRef[];
}

/**
 * Visits every TypeRef of the contract once: each parameter and result of
 * every service and callback method, then each named type's definition.
 *
 * `ref`s are not followed into `Contract.types` (each named type is walked
 * once, at its definition), so recursion is impossible and a problem in a
 * shared type is met once, not once per use. Type arguments of generic
 * instantiations are not walked either: they are already substituted into the
 * instantiation's definition.
 */
export function walkTypes(contract: Contract, visit: (v: TypeVisit) => void): void {
  let visits = walked.get(contract);
  if (!visits) walked.set(contract, (visits = collectVisits(contract)));
  for (const list of visits) for (const v of list) visit(v);
}

// Every rule walks the same tree; on 10,000 methods walking it once and
// replaying the visits to each rule saves most of the checks' time. The
// visits of each declaration are kept with it too: in watch mode the reader
// hands back unchanged declarations as the same objects, so only changed
// ones are walked again.
const walked = new WeakMap<Contract, readonly (readonly TypeVisit[])[]>();
const walkedDeclarations = new WeakMap<object, readonly TypeVisit[]>();

function collectVisits(contract: Contract): (readonly TypeVisit[])[] {
  const lists: (readonly TypeVisit[])[] = [];
  const add = <T extends object>(
    declaration: T,
    walk: (d: T, visit: (v: TypeVisit) => void) => void,
  ) => {
    let list = walkedDeclarations.get(declaration);
    if (!list) {
      const collected: TypeVisit[] = [];
      walk(declaration, (v) => collected.push(v));
      walkedDeclarations.set(declaration, (list = collected));
    }
    lists.push(list);
  };
  for (const iface of contract.services) add(iface, walkInterface);
  for (const iface of contract.callbacks) add(iface, walkInterface);
  for (const type of contract.types) add(type, walkNamedType);
  return lists;
}

function walkInterface(
  iface: ServiceInterface | CallbackInterface,
  visit: (v: TypeVisit) => void,
): void {
  const isService = iface.kind === 'service';
  for (const method of iface.methods) {
    const owner: TypeOwner = { kind: 'method', iface, method };
    const label = `'${iface.name}.${method.name}'`;
    for (const param of method.params) {
      const site = isService ? 'service-param' : 'callback-param';
      walkRef(
        param.type,
        {
          site,
          owner,
          param,
          span: param.span,
          where: `parameter '${param.name}' of ${label}`,
          parents: [],
        },
        visit,
      );
    }
    const site = isService ? 'service-result' : 'callback-result';
    walkRef(
      method.returns,
      { site, owner, span: method.returnsSpan, where: `the result of ${label}`, parents: [] },
      visit,
    );
  }
}

function walkNamedType(type: NamedType, visit: (v: TypeVisit) => void): void {
  const owner: TypeOwner = { kind: 'type', type };
  const def = type.definition;
  if (def.kind === 'object') {
    if (def.rest) {
      const where = `the index signature of '${type.name}'`;
      walkRef(def.rest, { site: 'type', owner, span: type.span, where, parents: [] }, visit);
    }
    for (const p of def.properties) {
      // The declared name, not the id: an instantiation `Page<Item>` reports at `Page`'s own properties.
      walkRef(
        p.type,
        {
          site: 'type',
          owner,
          span: p.span,
          where: `property '${type.name}.${p.name}'`,
          parents: [],
        },
        visit,
      );
    }
  } else if (def.kind === 'alias') {
    walkRef(
      def.type,
      { site: 'type', owner, span: type.span, where: `type '${type.name}'`, parents: [] },
      visit,
    );
  }
}

/** Depth-first over one TypeRef tree; `at` describes `ref` itself. */
function walkRef(ref: TypeRef, at: Omit<TypeVisit, 'ref'>, visit: (v: TypeVisit) => void): void {
  visit({ ...at, ref });
  const parents = [...at.parents, ref];
  const inner = (child: TypeRef): void => walkRef(child, { ...at, parents }, visit);
  switch (ref.kind) {
    case 'array':
      return inner(ref.element);
    case 'record':
      return inner(ref.value);
    case 'refined':
      return inner(ref.of);
    case 'promise':
      return inner(ref.of);
    case 'union':
      return ref.members.forEach(inner);
    case 'tuple':
      return ref.elements.forEach((e) => inner(e.type));
    case 'object':
      if (ref.rest) inner(ref.rest);
      for (const p of ref.properties) {
        walkRef(
          p.type,
          { ...at, span: p.span, where: `property '${p.name}' of ${at.where}`, parents },
          visit,
        );
      }
      return;
    default:
      return;
  }
}

/**
 * True when the visited TypeRef is a value that crosses the wire as data:
 * everything except a callback method's return type (CG101 rejects it whole)
 * and the outermost return type of a service method (CG104 governs it; for
 * `Promise<T>`, `T` and what it holds are data).
 */
export function isDataPosition(v: TypeVisit): boolean {
  if (v.site === 'callback-result') return false;
  if (v.site === 'service-result' && v.parents.length === 0) return false;
  return true;
}

/** True for the declared type of a service-method parameter itself (the one place a callback may appear). */
export function isDirectServiceParam(v: TypeVisit): boolean {
  return v.site === 'service-param' && v.parents.length === 0;
}
