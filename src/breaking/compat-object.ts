import { breakingCodes } from '../contract/codes.js';
import type { NamedType, Property } from '../contract/model.js';
import { reportChange, type CompatState } from './compare-context.js';
import type { Site } from './flow.js';
import { isOptionalProperty, type Shape } from './shape-of.js';
import { compat, inner } from './type-compat.js';
import { capitalize, reachedFrom } from './wording.js';

type ObjectShape = Shape & { kind: 'object' };

/**
 * Objects: the receiver drops keys it does not know, so only its own
 * properties matter. Each one it requires must be sent, and not only
 * sometimes; each one both have must fit.
 */
export function compatObject(
  sent: ObjectShape,
  recv: ObjectShape,
  site: Site,
  st: CompatState,
): boolean {
  let ok = true;
  for (const rp of recv.properties) {
    const sp = sent.properties.find((p) => p.name === rp.name);
    const required = !isOptionalProperty(rp);
    if (!sp) {
      if (required) ok = missing(rp, recv, site, st);
    } else {
      const at = propertySite(sp, rp, sent, recv, site, st);
      if (required && isOptionalProperty(sp)) ok = madeOptional(sp, rp, at, st);
      ok = compat(sp.type, rp.type, at, st) && ok;
    }
    if (!ok && !st.report) return false;
  }
  return ok;
}

/** An object read as a record: every property must fit the record's values. */
export function compatObjectToRecord(
  sent: ObjectShape,
  recv: Shape & { kind: 'record' },
  site: Site,
  st: CompatState,
): boolean {
  let ok = true;
  for (const p of sent.properties) {
    ok = compat(p.type, recv.value, inner(site, `property '${p.name}' of`), st) && ok;
    if (!ok && !st.report) return false;
  }
  return ok;
}

/** A required property the sender does not send: added to an input type, or removed from an output type. */
function missing(rp: Property, recv: ObjectShape, site: Site, st: CompatState): false {
  if (!st.report) return false;
  const name = propertyName(rp, recv.owner, site);
  const via = recv.owner ? reachedFrom({ ...site, via: site.via ?? site.label }) : '';
  if (st.flow === 'input') {
    const message = `Required property ${name} was added${via}: clients built before do not send it.`;
    reportChange(
      st.ctx,
      breakingCodes.propertyAdded,
      'new',
      rp.span,
      message,
      `Make it optional ('${rp.name}?: ...') and treat absent as before.`,
    );
  } else {
    const message = `Required property ${name} was removed${via}: clients built before expect it.`;
    reportChange(
      st.ctx,
      breakingCodes.propertyRemoved,
      'old',
      rp.span,
      message,
      'Keep sending it (mark it @deprecated); remove it once no client reads it.',
    );
  }
  return false;
}

/** Required by the receiver, optional for the sender: made required in an input type, made optional in an output type. */
function madeOptional(sp: Property, rp: Property, at: Site, st: CompatState): false {
  if (!st.report) return false;
  if (st.flow === 'input') {
    const message = `${capitalize(at.label)} was made required${reachedFrom(at)}: clients built before may leave it out.`;
    reportChange(
      st.ctx,
      breakingCodes.propertyMadeRequired,
      'new',
      rp.span,
      message,
      'Keep it optional, and fill in a default in the implementation.',
    );
  } else {
    const message = `${capitalize(at.label)} was made optional${reachedFrom(at)}: clients built before expect it always.`;
    reportChange(
      st.ctx,
      breakingCodes.propertyMadeOptional,
      'new',
      sp.span,
      message,
      'Keep it required (always send it), or add a new optional property beside it.',
    );
  }
  return false;
}

function propertySite(
  sp: Property,
  rp: Property,
  sent: ObjectShape,
  recv: ObjectShape,
  site: Site,
  st: CompatState,
): Site {
  const [oldP, newP] = st.sides.sentIsOld ? [sp, rp] : [rp, sp];
  const owner = (st.sides.sentIsOld ? recv.owner : sent.owner) ?? sent.owner ?? recv.owner;
  const label = propertyName(newP, owner, site);
  const via = owner ? (site.via ?? site.label) : site.via;
  return {
    label: `property ${label}`,
    oldSpan: oldP.span,
    newSpan: newP.span,
    ...(via ? { via } : {}),
  };
}

/** `'Task.due'` for a named object's property, `'due' of parameter 'p' of 'S.m'` for an inline one. */
function propertyName(p: Property, owner: NamedType | undefined, site: Site): string {
  return owner ? `'${owner.id}.${p.name}'` : `'${p.name}' of ${site.label}`;
}
