import type { TypeRef } from '../model.js';
import { refinementTexts } from '../refinement-text.js';

/**
 * A TypeRef as TypeScript would write it, for messages only (never for
 * generated code): `string[]`, `Page<Item>`, `{ a: number }`. Unsupported
 * types print as the reader recorded them.
 */
export function printType(ref: TypeRef): string {
  switch (ref.kind) {
    case 'primitive':
      return ref.name;
    case 'literal':
      return typeof ref.value === 'string' ? JSON.stringify(ref.value) : String(ref.value);
    case 'date':
      return 'Date';
    case 'bytes':
      return 'Uint8Array';
    case 'array': {
      const el = printType(ref.element);
      const inner = ref.element.kind === 'union' ? `(${el})[]` : `${el}[]`;
      return ref.readonly ? `readonly ${inner}` : inner;
    }
    case 'tuple': {
      const els = ref.elements.map((e) =>
        e.rest ? `...${printType(e.type)}` : `${printType(e.type)}${e.optional ? '?' : ''}`,
      );
      return `${ref.readonly ? 'readonly ' : ''}[${els.join(', ')}]`;
    }
    case 'object': {
      const members = ref.properties.map(
        (p) => `${p.name}${p.optional ? '?' : ''}: ${printType(p.type)}`,
      );
      if (ref.rest) members.push(`[key: string]: ${printType(ref.rest)}`);
      return `{ ${members.join('; ')} }`;
    }
    case 'record':
      return `Record<${ref.key ?? 'string'}, ${printType(ref.value)}>`;
    case 'refined':
      return [printType(ref.of), ...refinementTexts(ref)].join(' & ');
    case 'union':
      return ref.members.map(printType).join(' | ');
    case 'ref':
      return ref.id;
    case 'callback':
    case 'service':
      return ref.name;
    case 'promise':
      return `Promise<${printType(ref.of)}>`;
    case 'void':
      return 'void';
    case 'unsupported':
      return ref.text;
  }
}
