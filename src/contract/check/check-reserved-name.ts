import { codes } from '../codes.js';
import type { Diagnostic } from '../diagnostic.js';
import type { Contract, Span } from '../model.js';
import { capitalize, methodLabel } from './describe.js';
import { error } from './report.js';
import { walkTypes } from './walk-types.js';

// Maps, not object literals: `{ __proto__: '...' }` would set the prototype, the very trap reported here.
/** Why each reserved method name breaks generated code or the runtime. */
const reservedMethods: ReadonlyMap<string, string> = new Map([
  [
    'then',
    "a client with a 'then' method is thenable, so awaiting it (or returning it from an async function) would call the server",
  ],
  [
    'constructor',
    "the generated object literals and the server's method lookup would confuse it with Object.prototype.constructor",
  ],
  ['__proto__', "'__proto__' in an object literal sets the prototype instead of defining a method"],
  ['toJSON', 'JSON.stringify calls it, so logging or serialising a client would call the server'],
  ['$cb', 'the wire protocol marks callback references as {"$cb": n}'],
]);

/**
 * Property names decode never accepts from the wire (it refuses to build
 * objects with them, against prototype pollution), plus the callback marker.
 */
const dropped =
  'decoding never builds an object with this key (prototype pollution), so the value would never arrive';
const reservedProperties: ReadonlyMap<string, string> = new Map([
  [
    '$cb',
    'the wire protocol marks callback references as {"$cb": n}, so an object with it would be taken for a callback',
  ],
  ['__proto__', dropped],
  ['constructor', dropped],
  ['prototype', dropped],
]);

/**
 * CG302: names the protocol or the generated code reserves.
 *
 * - Service and method names starting with `_`: the protocol's own endpoints
 *   (`_open`, `_events`, `_release`, `_ws`) live beside `{Service}/{method}`.
 * - Method names that break a generated object literal, a client proxy, or
 *   callback dispatch: `then`, `constructor`, `__proto__`, `toJSON`, `$cb`.
 * - Data property names decode refuses: `$cb`, `__proto__`, `constructor`, `prototype`.
 */
export function checkReservedName(contract: Contract): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const s of contract.services) {
    if (s.name.startsWith('_')) {
      out.push(underscore(s.span, `Service '${s.name}'`, `'${s.name.replace(/^_+/, '')}'`));
    }
  }
  for (const iface of [...contract.services, ...contract.callbacks]) {
    for (const m of iface.methods) {
      const label = capitalize(methodLabel(iface, m));
      const why = reservedMethods.get(m.name);
      if (why) {
        out.push(
          error(
            codes.reservedName,
            m.span,
            `${label} uses the reserved name '${m.name}': ${why}.`,
            `Rename the method, e.g. '${suggestion(m.name)}'.`,
          ),
        );
      } else if (m.name.startsWith('_')) {
        out.push(underscore(m.span, label, `'${m.name.replace(/^_+/, '')}'`));
      }
    }
  }
  walkTypes(contract, (v) => {
    const props = v.ref.kind === 'object' ? v.ref.properties : [];
    for (const p of props)
      reportProperty(out, p.name, `property '${p.name}' of ${v.where}`, p.span);
  });
  for (const t of contract.types) {
    if (t.definition.kind !== 'object') continue;
    for (const p of t.definition.properties)
      reportProperty(out, p.name, `property '${t.name}.${p.name}'`, p.span);
  }
  return dedupeBySpan(out);
}

function reportProperty(out: Diagnostic[], name: string, where: string, span: Span): void {
  const why = reservedProperties.get(name);
  if (!why) return;
  out.push(
    error(
      codes.reservedName,
      span,
      `${capitalize(where)} uses the reserved name '${name}': ${why}.`,
      `Rename the property, e.g. '${suggestion(name)}'.`,
    ),
  );
}

function underscore(span: Span, label: string, rename: string): Diagnostic {
  return error(
    codes.reservedName,
    span,
    `${label} starts with '_', which the protocol reserves for its own endpoints ('_open', '_events', '_release', '_ws').`,
    `Rename it without the leading underscore, e.g. ${rename === "''" ? "'main'" : rename}.`,
  );
}

function suggestion(name: string): string {
  const bare = name.replace(/^[_$]+/, '');
  const words = new Map([
    ['then', 'andThen'],
    ['constructor', 'build'],
    ['toJSON', 'toData'],
    ['cb', 'callbackId'],
    ['proto', 'parent'],
    ['prototype', 'template'],
  ]);
  return words.get(bare) ?? words.get(bare.replace(/_+$/, '')) ?? `${bare}Value`;
}

/** Instantiations of a generic share property spans; one report per place is enough. */
function dedupeBySpan(list: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const key = `${d.span?.file}:${d.span?.line}:${d.span?.column}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
