import type { Property, TupleElement, TypeRef } from '../model.js';
import { refinementTexts } from '../refinement-text.js';

/**
 * A TypeRef written back as TypeScript-like text. Used to build the ids of
 * generic instantiations (`Page<Item>`, `Page<string[]>`, `Box<string | null>`),
 * so it must be a pure function of the TypeRef: same type, same id.
 */
export function typeRefText(type: TypeRef): string {
  switch (type.kind) {
    case 'primitive':
      return type.name;
    case 'literal':
      return typeof type.value === 'string' ? JSON.stringify(type.value) : String(type.value);
    case 'date':
      return 'Date';
    case 'bytes':
      return 'Uint8Array';
    case 'array':
      return `${type.readonly ? 'readonly ' : ''}${elementText(type.element)}[]`;
    case 'tuple':
      return `${type.readonly ? 'readonly ' : ''}[${type.elements.map(tupleElementText).join(', ')}]`;
    case 'object': {
      const members = type.properties.map(propertyText);
      if (type.rest) members.push(`[key: string]: ${typeRefText(type.rest)}`);
      return members.length === 0 ? '{}' : `{ ${members.join('; ')} }`;
    }
    case 'record':
      return `Record<${type.key ?? 'string'}, ${typeRefText(type.value)}>`;
    case 'refined':
      return [typeRefText(type.of), ...refinementTexts(type)].join(' & ');
    case 'union':
      return type.members.map(typeRefText).join(' | ');
    case 'ref':
      return type.id;
    case 'callback':
    case 'service':
      return type.name;
    case 'promise':
      return `Promise<${typeRefText(type.of)}>`;
    case 'void':
      return 'void';
    case 'unsupported':
      return type.text;
  }
}

/** `(A | B)[]`, `(readonly string[])[]`: parentheses where `[]` would bind to the wrong part. */
function elementText(type: TypeRef): string {
  const text = typeRefText(type);
  const loose =
    type.kind === 'union' || ((type.kind === 'array' || type.kind === 'tuple') && type.readonly);
  return loose ? `(${text})` : text;
}

function tupleElementText(element: TupleElement): string {
  const type = element.rest ? `...${elementText(element.type)}[]` : typeRefText(element.type);
  if (element.label !== undefined) {
    return element.rest
      ? `...${element.label}: ${elementText(element.type)}[]`
      : `${element.label}${element.optional ? '?' : ''}: ${type}`;
  }
  return element.optional ? `${type}?` : type;
}

function propertyText(property: Property): string {
  const name = /^[A-Za-z_$][\w$]*$/.test(property.name)
    ? property.name
    : JSON.stringify(property.name);
  return `${property.readonly ? 'readonly ' : ''}${name}${property.optional ? '?' : ''}: ${typeRefText(property.type)}`;
}
