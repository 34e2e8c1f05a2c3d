import type { Refinements, TypeRef } from './model.js';

type Refined = Extract<TypeRef, { kind: 'refined' }>;

/**
 * A refined type's refinements as the type tags that say them
 * (`Type<"int32">`, `Minimum<0>`, `Format<"email">`), and its brand as
 * `Brand<"UserId">`: for messages, hover and instantiation ids.
 */
export function refinementTexts(ref: Refined): string[] {
  const texts = refinementTags(ref.checks).map(([tag, arg]) =>
    arg === undefined ? tag : `${tag}<${JSON.stringify(arg)}>`,
  );
  if (ref.brand !== undefined) texts.push(`Brand<${JSON.stringify(ref.brand)}>`);
  return texts;
}

/** Each refinement as its tag's name and argument, in a fixed order. */
export function refinementTags(checks: Refinements): [string, string | number | undefined][] {
  const out: [string, string | number | undefined][] = [];
  const add = (tag: string, value: string | number | boolean | undefined) => {
    if (value === true) out.push([tag, undefined]);
    else if (value !== undefined && value !== false) out.push([tag, value]);
  };
  add('Type', checks.integer);
  add('Minimum', checks.minimum);
  add('Maximum', checks.maximum);
  add('ExclusiveMinimum', checks.exclusiveMinimum);
  add('ExclusiveMaximum', checks.exclusiveMaximum);
  add('MultipleOf', checks.multipleOf);
  add('MinLength', checks.minLength);
  add('MaxLength', checks.maxLength);
  add('Pattern', checks.pattern);
  add('Format', checks.format);
  add('MinItems', checks.minItems);
  add('MaxItems', checks.maxItems);
  add('UniqueItems', checks.uniqueItems);
  return out;
}
