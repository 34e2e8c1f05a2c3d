import type { NamedType, TypeRef } from '../model.js';

/**
 * The identifiers generated code declares or imports, as docs/internals.md
 * specifies them; CG301 compares them to find collisions before the emitter
 * writes code that does not compile. Keep in step with the emitter's naming.
 */

/** `Chat` → `chat`: lower-cases the first letter only (`HTTPGate` → `hTTPGate`). */
export function camelName(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/**
 * The base of a named type's schema constant: its name, or for a generic
 * instantiation the name joined to its arguments with `Of` (`Page<Item>` →
 * `PageOfItem`, `Page<string[]>` → `PageOfStringArray`; several arguments
 * are joined with `And`).
 */
export function schemaBaseName(type: NamedType, types: ReadonlyMap<string, NamedType>): string {
  return baseName(type, types, new Set());
}

function baseName(type: NamedType, types: ReadonlyMap<string, NamedType>, seen: Set<string>): string {
  if (!type.typeArguments || type.typeArguments.length === 0) return type.name;
  // An instantiation whose arguments mention itself would loop; the id is unique anyway.
  if (seen.has(type.id)) return type.name;
  const inner = new Set(seen).add(type.id);
  return `${type.name}Of${type.typeArguments.map((a) => argName(a, types, inner)).join('And')}`;
}

function argName(ref: TypeRef, types: ReadonlyMap<string, NamedType>, seen: Set<string>): string {
  switch (ref.kind) {
    case 'primitive':
      return pascal(ref.name);
    case 'literal':
      return typeof ref.value === 'string' ? pascal(ref.value) || 'Empty' : pascal(String(ref.value));
    case 'date':
      return 'Date';
    case 'bytes':
      return 'Bytes';
    case 'array':
      return `${argName(ref.element, types, seen)}Array`;
    case 'tuple':
      return `TupleOf${ref.elements.map((e) => argName(e.type, types, seen)).join('And')}`;
    case 'object':
      return 'Object';
    case 'record':
      return `RecordOf${argName(ref.value, types, seen)}`;
    case 'union':
      return ref.members.map((m) => argName(m, types, seen)).join('Or');
    case 'ref': {
      const target = types.get(ref.id);
      return target ? baseName(target, types, seen) : pascal(ref.id);
    }
    case 'callback':
      return ref.name;
    case 'promise':
      return `PromiseOf${argName(ref.of, types, seen)}`;
    case 'void':
      return 'Void';
    case 'unsupported':
      return pascal(ref.text) || 'Unsupported';
  }
}

/** `hello world-2` → `HelloWorld2`: words of letters and digits, each capitalised. */
function pascal(text: string): string {
  return (text.match(/[A-Za-z0-9]+/g) ?? []).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}
