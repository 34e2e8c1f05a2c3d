import { lookupType } from '../contract/find-type.js';
import type { Contract, NamedType, TypeRef } from '../contract/model.js';

/**
 * Identifiers of generated code, computed in one place so the emitters, the
 * collision check and the describers agree. Outside src/emit so that the
 * checks can use them without depending on the emitter. See
 * docs/internals.md ("Names").
 */

/** `chatRoom` from `ChatRoom`: for functions (`chatClient`, `chatHandlers`). */
export function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function upperFirst(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** The schema constant of a named type: `ChatMessageSchema`, `PageOfItemSchema` for `Page<Item>`. */
export function schemaName(type: NamedType, contract: Contract): string {
  return `${typeWord(type, contract)}Schema`;
}

/** The descriptor constant of a callback interface: `ChatEventsCallback`. */
export function callbackName(name: string): string {
  return `${name}Callback`;
}

/** The descriptor constant of a service: `ChatService`. */
export function serviceName(name: string): string {
  return `${name}Service`;
}

/** The handler interface a user implements: `ChatHandlers`. */
export function handlersTypeName(name: string): string {
  return `${name}Handlers`;
}

/** The function registering handlers with the router: `chatHandlers`. */
export function handlersFunctionName(name: string): string {
  return `${lowerFirst(name)}Handlers`;
}

/** The function building a client proxy: `chatClient`. */
export function clientFunctionName(name: string): string {
  return `${lowerFirst(name)}Client`;
}

/** The client's binding of a callback interface for `conn.resume`: `bindChatEvents`. */
export function bindFunctionName(name: string): string {
  return `bind${name}`;
}

/** `chatEventsWebhook`: the webhook receiver of callback interface `ChatEvents` (docs/webhooks.md). */
export function webhookFunctionName(name: string): string {
  return `${lowerFirst(name)}Webhook`;
}

/**
 * A word for a named type, generic arguments spelled out: `Page<Item[]>` →
 * `PageOfItemArray`, `Page<{ name: string }>` → `PageOfObjectWithNameString`,
 * `Pair<[number, string]>` → `PairOfTupleOfNumberAndString`.
 */
function typeWord(type: NamedType, contract: Contract): string {
  if (!type.typeArguments || type.typeArguments.length === 0) return type.name;
  const args = type.typeArguments.map((arg) => refWord(arg, contract)).join('And');
  return `${type.name}Of${args}`;
}

/** A property name as letters and digits (`'content-type'` → `contentType`). */
function identifierWord(name: string): string {
  const word = name.replace(/[^A-Za-z0-9]+(.)?/g, (_, next: string | undefined) =>
    next ? next.toUpperCase() : '',
  );
  return word || 'Key';
}

function refWord(ref: TypeRef, contract: Contract): string {
  switch (ref.kind) {
    case 'primitive':
      return upperFirst(ref.name);
    case 'literal':
      return upperFirst(String(ref.value).replace(/[^A-Za-z0-9_$]/g, '')) || 'Literal';
    case 'date':
      return 'Date';
    case 'bytes':
      return 'Bytes';
    case 'array':
      return `${refWord(ref.element, contract)}Array`;
    case 'ref':
      return typeWord(lookupType(contract, ref.id), contract);
    case 'record':
      return `RecordOf${refWord(ref.value, contract)}`;
    case 'refined':
      return refWord(ref.of, contract);
    case 'union':
      return ref.members.map((m) => refWord(m, contract)).join('Or');
    case 'tuple':
      return ref.elements.length === 0
        ? 'EmptyTuple'
        : `TupleOf${ref.elements.map((e) => refWord(e.type, contract)).join('And')}`;
    case 'object':
      // An anonymous object is named by what it holds, so `Page<{ name: string }>` and
      // `Page<{ total: number }>` differ, and a name changes only when its own argument does.
      return ref.properties.length === 0
        ? 'EmptyObject'
        : `ObjectWith${ref.properties
            .map(
              (p) =>
                `${upperFirst(identifierWord(p.name))}${p.optional ? 'Optional' : ''}${refWord(p.type, contract)}`,
            )
            .join('And')}`;
    default:
      return upperFirst(ref.kind);
  }
}
