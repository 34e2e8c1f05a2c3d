import type {
  CallbackInterface,
  Method,
  NamedType,
  ServiceInterface,
  TypeRef,
} from '../contract/model.js';

/** What one declaration's schema refers to, directly: refs are not followed into the types they name. */
export interface DeclarationRefs {
  /** Ids of the named types it mentions, in order of first mention. */
  readonly types: readonly string[];
  /** Names of the callback interfaces it takes as parameters. */
  readonly callbacks: readonly string[];
}

export type Declaration = NamedType | CallbackInterface | ServiceInterface;

// A declaration's refs depend on it alone: kept per object, which watch mode
// hands back unchanged from run to run, so planning the modules of a large
// folder walks only what changed.
const known = new WeakMap<Declaration, DeclarationRefs>();

/**
 * The named types and callbacks a declaration's schema mentions: a named
 * type's definition (an instantiation's, with its arguments already
 * substituted), the parameters and results of an interface's methods.
 */
export function declarationRefs(declaration: Declaration): DeclarationRefs {
  let refs = known.get(declaration);
  if (!refs) known.set(declaration, (refs = collect(declaration)));
  return refs;
}

function collect(declaration: Declaration): DeclarationRefs {
  const types = new Set<string>();
  const callbacks = new Set<string>();
  const visit = (ref: TypeRef) => collectRef(ref, types, callbacks);
  if ('methods' in declaration) {
    for (const method of declaration.methods) visitMethod(method, visit);
  } else {
    const def = declaration.definition;
    if (def.kind === 'object') {
      for (const p of def.properties) visit(p.type);
      if (def.rest) visit(def.rest);
    } else if (def.kind === 'alias') visit(def.type);
  }
  return { types: [...types], callbacks: [...callbacks] };
}

function visitMethod(method: Method, visit: (ref: TypeRef) => void): void {
  for (const p of method.params) visit(p.type);
  visit(method.returns);
}

/** Depth-first over one TypeRef tree; an explicit stack, as inline types can nest deep. */
function collectRef(root: TypeRef, types: Set<string>, callbacks: Set<string>): void {
  const stack: TypeRef[] = [root];
  while (stack.length > 0) {
    const ref = stack.pop() as TypeRef;
    switch (ref.kind) {
      case 'ref':
        types.add(ref.id);
        break;
      case 'callback':
        callbacks.add(ref.name);
        break;
      case 'array':
        stack.push(ref.element);
        break;
      case 'record':
        stack.push(ref.value);
        break;
      case 'refined':
        stack.push(ref.of);
        break;
      case 'promise':
        stack.push(ref.of);
        break;
      case 'tuple':
        for (let i = ref.elements.length - 1; i >= 0; i--) stack.push(ref.elements[i]!.type);
        break;
      case 'object':
        if (ref.rest) stack.push(ref.rest);
        for (let i = ref.properties.length - 1; i >= 0; i--) stack.push(ref.properties[i]!.type);
        break;
      case 'union':
        for (let i = ref.members.length - 1; i >= 0; i--) stack.push(ref.members[i]!);
        break;
      default:
        break;
    }
  }
}
