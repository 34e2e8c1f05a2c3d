import { findCallback, lookupType } from '../contract/find-type.js';
import type { Contract, Property, TupleElement, TypeRef } from '../contract/model.js';
import type { ImportSet } from './import-set.js';
import { propertyKey, quote } from './quote.js';

/** Where the contract's own types are imported from, per contract file. */
export interface TypeContext {
  readonly contract: Contract;
  readonly imports: ImportSet;
  /** The module specifier of a contract file as seen from the file being emitted (`../contracts/chat.js`). */
  readonly contractModule: (file: string) => string;
}

/**
 * Prints a model type as TypeScript source, importing every named type it
 * mentions from its contract file. Named types print by name (the local
 * name the import set gives, renamed only on a clash), so generated
 * signatures read like the contract.
 */
export function printType(ref: TypeRef, ctx: TypeContext): string {
  switch (ref.kind) {
    case 'primitive':
      return ref.name;
    case 'literal':
      return typeof ref.value === 'string' ? quote(ref.value) : String(ref.value);
    case 'date':
      return 'Date';
    case 'bytes':
      return 'Uint8Array';
    case 'void':
      return 'void';
    case 'array': {
      const element = wrapForArray(ref.element, printType(ref.element, ctx));
      return ref.readonly ? `readonly ${element}[]` : `${element}[]`;
    }
    case 'tuple':
      return `${ref.readonly ? 'readonly ' : ''}[${ref.elements.map((e) => printElement(e, ctx)).join(', ')}]`;
    case 'object':
      return printObject(ref.properties, ctx, ref.rest);
    case 'record':
      return `Record<${ref.key ?? 'string'}, ${printType(ref.value, ctx)}>`;
    case 'refined':
      // Refinements are checked at run time; in generated signatures the refined type is its base.
      return printType(ref.of, ctx);
    case 'union':
      return ref.members.map((m) => printType(m, ctx)).join(' | ');
    case 'ref':
      return printRef(ref.id, ctx);
    case 'callback':
      return importCallback(ref.name, ctx);
    case 'service':
      return importService(ref.name, ctx);
    case 'promise':
      return `Promise<${printType(ref.of, ctx)}>`;
    case 'unsupported':
      // Checks stop generation before this; keep the output compilable anyway.
      return 'unknown';
  }
}

function printRef(id: string, ctx: TypeContext): string {
  const type = lookupType(ctx.contract, id);
  const local = ctx.imports.addType(ctx.contractModule(type.span.file), type.name);
  if (!type.typeArguments || type.typeArguments.length === 0) return local;
  return `${local}<${type.typeArguments.map((a) => printType(a, ctx)).join(', ')}>`;
}

function importCallback(name: string, ctx: TypeContext): string {
  const callback = findCallback(ctx.contract, name);
  return callback ? ctx.imports.addType(ctx.contractModule(callback.span.file), name) : name;
}

function importService(name: string, ctx: TypeContext): string {
  const service = ctx.contract.services.find((candidate) => candidate.name === name);
  return service ? ctx.imports.addType(ctx.contractModule(service.span.file), name) : name;
}

function printElement(element: TupleElement, ctx: TypeContext): string {
  const type = printType(element.type, ctx);
  const label = element.label ? `${element.label}${element.optional ? '?' : ''}: ` : '';
  if (element.rest) return `...${label}${wrapForArray(element.type, type)}[]`;
  if (element.optional && !element.label) return `${wrapForArray(element.type, type)}?`;
  return `${label}${type}`;
}

function printObject(
  properties: readonly Property[],
  ctx: TypeContext,
  rest: TypeRef | undefined,
): string {
  const members = properties.map((p) => {
    const modifier = p.readonly ? 'readonly ' : '';
    return `${modifier}${propertyKey(p.name)}${p.optional ? '?' : ''}: ${printType(p.type, ctx)}`;
  });
  if (rest) members.push(`[key: string]: ${printType(rest, ctx)}`);
  if (members.length === 0) return '{}';
  return `{ ${members.join('; ')} }`;
}

function wrapForArray(ref: TypeRef, text: string): string {
  return ref.kind === 'union' || (ref.kind === 'array' && ref.readonly) ? `(${text})` : text;
}
