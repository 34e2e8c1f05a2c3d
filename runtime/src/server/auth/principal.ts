/**
 * Who is calling, as the auth hook (`createRouter({ auth })`) says: a stable
 * `id` (a user id, a service account) and the `groups` access rules name.
 * The hook may return more fields (a tenant, the token's claims); handlers
 * see the object it returned as `ctx.principal`.
 */
export interface Principal {
  /** Non-empty. Clients are owned by it: another principal cannot use a client this one opened. */
  readonly id: string;
  /** Group names for access rules (`allow: ['admin']`). */
  readonly groups?: readonly string[];
}

/** Every caller of a router without an auth hook: no id, no groups. */
export const ANONYMOUS: Principal = Object.freeze({
  id: '',
  groups: Object.freeze([]),
});

/** Longest principal id accepted from a hook: ids are kept with every client, so they must stay small. */
const MAX_ID_LENGTH = 1024;

/**
 * `value` when it is a principal the router can work with, else a
 * `TypeError` saying what the hook returned instead (a bug in the hook,
 * reported to `onError` and answered as a server fault).
 */
export function checkPrincipal(value: unknown): Principal {
  const principal = value as Partial<Principal> | null | undefined;
  if (typeof principal !== 'object' || principal === null) {
    throw new TypeError(
      `contract-gen: the auth hook returned ${principal === null ? 'null' : typeof principal}; return { id, groups? } or throw ContractError('UNAUTHENTICATED', ...)`,
    );
  }
  const { id, groups } = principal;
  if (typeof id !== 'string' || id === '' || id.length > MAX_ID_LENGTH) {
    throw new TypeError(
      `contract-gen: the auth hook returned a principal whose id is not a string of 1 to ${MAX_ID_LENGTH} characters`,
    );
  }
  if (
    groups !== undefined &&
    !(Array.isArray(groups) && groups.every((g) => typeof g === 'string'))
  ) {
    throw new TypeError(
      'contract-gen: the auth hook returned a principal whose groups are not an array of strings',
    );
  }
  return principal as Principal;
}
