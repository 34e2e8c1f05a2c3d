import type { RouteTable } from '../route-table.js';
import type { AccessRule, AccessRules } from './access-rules.js';

/** The rule that applies to one method, with the service's rule folded in. */
export interface MethodRule {
  /** Groups let in; `undefined`: every principal. */
  readonly allow: ReadonlySet<string> | undefined;
  /** Groups kept out (the service's and the method's). */
  readonly deny: ReadonlySet<string>;
}

/** Rules by service, then method; a method without an entry is open. */
export type AccessPolicy = ReadonlyMap<string, ReadonlyMap<string, MethodRule>>;

const ruleKeys = new Set(['allow', 'deny']);
const serviceKeys = new Set(['allow', 'deny', 'methods']);

/**
 * Checks `rules` against the services the router serves and folds each
 * service's rule into its methods' (a method's `allow` replaces the
 * service's, `deny` lists add up). Throws a `TypeError` naming the first
 * problem: an unknown service or method, an unknown key (`alow`), a list
 * that is not an array of group names.
 */
export function compileAccess(rules: AccessRules, table: RouteTable): AccessPolicy {
  if (typeof rules !== 'object' || rules === null)
    throw new TypeError('contract-gen: access must be an object of rules by service name');
  const policy = new Map<string, Map<string, MethodRule>>();
  for (const [service, rule] of Object.entries(rules)) {
    const methods = table.get(service);
    if (methods === undefined)
      throw new TypeError(
        `contract-gen: access names service '${service}', which this router does not serve (it serves ${[...table.keys()].join(', ') || 'nothing'})`,
      );
    checkKeys(rule, serviceKeys, `access.${service}`);
    const own = (rule.methods ?? {}) as Readonly<Record<string, AccessRule>>;
    checkKeys(own, undefined, `access.${service}.methods`);
    for (const name of Object.keys(own)) {
      if (!methods.has(name))
        throw new TypeError(
          `contract-gen: access.${service}.methods names '${name}', which ${service} does not have (it has ${[...methods.keys()].join(', ')})`,
        );
      checkKeys(own[name], ruleKeys, `access.${service}.methods.${name}`);
    }
    const folded = new Map<string, MethodRule>();
    for (const name of methods.keys())
      folded.set(name, fold(rule, own[name], `access.${service}`, name));
    policy.set(service, folded);
  }
  return policy;
}

/** The method's rule with the service's folded in. */
function fold(
  service: AccessRule,
  method: AccessRule | undefined,
  where: string,
  name: string,
): MethodRule {
  const own = `${where}.methods.${name}`;
  const deny = [...groups(service.deny, `${where}.deny`), ...groups(method?.deny, `${own}.deny`)];
  const allow =
    method?.allow === undefined
      ? groups(service.allow, `${where}.allow`)
      : groups(method.allow, `${own}.allow`);
  return {
    allow: (method?.allow ?? service.allow) === undefined ? undefined : new Set(allow),
    deny: new Set(deny),
  };
}

function groups(list: readonly string[] | undefined, where: string): readonly string[] {
  if (list === undefined) return [];
  if (!isGroupList(list)) {
    throw new TypeError(`contract-gen: ${where} must be an array of group names, e.g. ['admin']`);
  }
  return list;
}

/** Whether a rule's list (typed, but given by the caller at runtime) holds only non-empty group names. */
function isGroupList(list: unknown): list is readonly string[] {
  return Array.isArray(list) && list.every((g) => typeof g === 'string' && g !== '');
}

/** A rule must be a plain object with only the keys it may have (a typo must not turn a rule off). */
function checkKeys(value: unknown, allowed: ReadonlySet<string> | undefined, where: string): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new TypeError(`contract-gen: ${where} must be an object`);
  if (allowed === undefined) return;
  const unknown = Object.keys(value).find((key) => !allowed.has(key));
  if (unknown !== undefined)
    throw new TypeError(
      `contract-gen: ${where} has an unknown key '${unknown}' (it may have ${[...allowed].join(', ')})`,
    );
}
