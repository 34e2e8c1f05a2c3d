import type { RouterOptions } from '../router-options.js';
import type { ServiceRegistration } from '../define-service.js';
import { ADMIN_SERVICE } from './admin-contract.js';
import type { ResolvedAdmin } from './admin-options.js';

/**
 * The router's options with the admin service served and guarded: its
 * registration joins the services, and an access rule lets only the groups
 * of `admin.allow` call it (the router's own access check, before any
 * argument is decoded). A `TypeError` when the options already name the
 * service (a service of that name, or rules of their own for it).
 */
export function withAdmin(
  options: RouterOptions,
  admin: ResolvedAdmin,
  registration: ServiceRegistration,
): RouterOptions {
  if (options.services.some((service) => service.descriptor.name === ADMIN_SERVICE))
    throw new TypeError(
      `contract-gen: the admin page serves a service named ${ADMIN_SERVICE}; rename yours or leave admin off.`,
    );
  if (options.access !== undefined && Object.hasOwn(options.access, ADMIN_SERVICE))
    throw new TypeError(
      `contract-gen: access.${ADMIN_SERVICE} is set by admin.allow; remove it from access.`,
    );
  return {
    ...options,
    services: [...options.services, registration],
    access: { ...options.access, [ADMIN_SERVICE]: { allow: admin.allow } },
  };
}
