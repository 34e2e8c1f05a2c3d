import type { Diagnostic } from '../diagnostic.js';
import { codes } from '../codes.js';
import type { Contract, Refinements } from '../model.js';
import { capitalize } from './describe.js';
import { printType } from './print-type.js';
import { error } from './report.js';
import { isDataPosition, walkTypes } from './walk-types.js';
import { wireClass } from './wire-class.js';

const families: Readonly<Record<keyof Refinements, 'number' | 'string' | 'array'>> = {
  integer: 'number',
  minimum: 'number',
  maximum: 'number',
  exclusiveMinimum: 'number',
  exclusiveMaximum: 'number',
  multipleOf: 'number',
  minLength: 'string',
  maxLength: 'string',
  pattern: 'string',
  format: 'string',
  minItems: 'array',
  maxItems: 'array',
  uniqueItems: 'array',
};

/**
 * CG213 for refinements that cannot hold: one whose type never has a value
 * it applies to (`@minLength 3` on a number: a JSDoc tag the reader cannot
 * check against the type; type tags are checked as they are read), and
 * bounds that leave no value (`Minimum<10> & Maximum<1>`).
 */
export function checkRefinements(contract: Contract): Diagnostic[] {
  const out: Diagnostic[] = [];
  walkTypes(contract, (v) => {
    if (!isDataPosition(v) || v.ref.kind !== 'refined') return;
    const { checks } = v.ref;
    const types = wireClass(v.ref.of, contract).types;
    const fields = (Object.keys(checks) as (keyof Refinements)[]).filter(
      (f) => checks[f] !== undefined,
    );
    const misfit = fields.find((f) => !types.has('any') && !types.has(families[f]));
    const where = capitalize(v.where);
    if (misfit) {
      out.push(
        error(
          codes.badRefinement,
          v.span,
          `${where}: '${misfit}' refines ${families[misfit] === 'array' ? 'arrays' : `${families[misfit]}s`}, and '${printType(v.ref.of)}' has none.`,
          'Move the tag to a property of the right type, or remove it.',
        ),
      );
      return;
    }
    const low = Math.max(checks.minimum ?? -Infinity, checks.exclusiveMinimum ?? -Infinity);
    const high = Math.min(checks.maximum ?? Infinity, checks.exclusiveMaximum ?? Infinity);
    const empty =
      low > high ||
      (low === high && (checks.exclusiveMinimum === low || checks.exclusiveMaximum === high)) ||
      (checks.minLength ?? 0) > (checks.maxLength ?? Infinity) ||
      (checks.minItems ?? 0) > (checks.maxItems ?? Infinity);
    if (empty) {
      out.push(
        error(
          codes.badRefinement,
          v.span,
          `${where}: its refinements leave no value (${printType(v.ref)}).`,
          'Check the bounds: the lower one must not be above the upper one.',
        ),
      );
    }
  });
  return out;
}
