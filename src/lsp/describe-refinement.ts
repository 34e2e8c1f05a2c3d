import { printType } from '../contract/check/print-type.js';
import { lookupType } from '../contract/find-type.js';
import type { Contract, Refinements, TypeRef } from '../contract/model.js';

/** Each refinement in words, and as its JSON Schema keyword. */
function refinementLines(checks: Refinements): string[] {
  const lines: string[] = [];
  const add = (words: string, keyword: string) => lines.push(`- ${words} (\`${keyword}\`)`);
  if (checks.integer) add(`an integer (${checks.integer})`, 'type: integer');
  if (checks.minimum !== undefined) add(`≥ ${checks.minimum}`, `minimum: ${checks.minimum}`);
  if (checks.maximum !== undefined) add(`≤ ${checks.maximum}`, `maximum: ${checks.maximum}`);
  if (checks.exclusiveMinimum !== undefined)
    add(`> ${checks.exclusiveMinimum}`, `exclusiveMinimum: ${checks.exclusiveMinimum}`);
  if (checks.exclusiveMaximum !== undefined)
    add(`< ${checks.exclusiveMaximum}`, `exclusiveMaximum: ${checks.exclusiveMaximum}`);
  if (checks.multipleOf !== undefined)
    add(`a multiple of ${checks.multipleOf}`, `multipleOf: ${checks.multipleOf}`);
  if (checks.minLength !== undefined)
    add(`at least ${checks.minLength} characters`, `minLength: ${checks.minLength}`);
  if (checks.maxLength !== undefined)
    add(`at most ${checks.maxLength} characters`, `maxLength: ${checks.maxLength}`);
  if (checks.pattern !== undefined) add(`matches /${checks.pattern}/`, 'pattern');
  if (checks.format !== undefined) add(`format ${checks.format}`, `format: ${checks.format}`);
  if (checks.minItems !== undefined)
    add(`at least ${checks.minItems} items`, `minItems: ${checks.minItems}`);
  if (checks.maxItems !== undefined)
    add(`at most ${checks.maxItems} items`, `maxItems: ${checks.maxItems}`);
  if (checks.uniqueItems) add('no two items equal', 'uniqueItems: true');
  return lines;
}

/** The refined type under `ref` (through aliases), if any. */
function refinedOf(
  ref: TypeRef,
  contract: Contract,
): Extract<TypeRef, { kind: 'refined' }> | undefined {
  for (let hops = 0; hops < 20; hops++) {
    if (ref.kind === 'refined') return ref;
    if (ref.kind !== 'ref') return undefined;
    const def = lookupType(contract, ref.id).definition;
    if (def.kind !== 'alias') return undefined;
    ref = def.type;
  }
  return undefined;
}

/**
 * What a type is on the wire and what the generated validators check, for
 * hover: `number`, then each refinement with its JSON Schema keyword, or
 * undefined when the type has no refinements, brand or index signature worth saying.
 */
export function describeWire(ref: TypeRef, contract: Contract): string | undefined {
  const r = refinedOf(ref, contract);
  if (r) {
    const lines = refinementLines(r.checks);
    const brand = r.brand
      ? `Brand \`${r.brand}\`: checked by TypeScript only; on the wire a plain \`${printType(r.of)}\`.`
      : '';
    const checks =
      lines.length > 0
        ? `Checked by the generated validators on both sides:\n${lines.join('\n')}`
        : '';
    return [`On the wire: \`${printType(r.of)}\`.`, brand, checks].filter(Boolean).join('\n\n');
  }
  if (ref.kind === 'object' && ref.rest)
    return `An open object: keys besides the named ones are kept, each a \`${printType(ref.rest)}\`.`;
  if (ref.kind === 'record' && ref.key === 'number')
    return 'Numeric keys: on the wire each key is a number\'s text (`"1"`, `"2.5"`).';
  return undefined;
}
