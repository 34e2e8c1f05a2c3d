import { ContractError } from '../../protocol/contract-error.js';
import type { ServiceDescriptor } from '../../schema/schema-types.js';
import { checkHandlers, type ServiceRegistration } from '../define-service.js';
import { newClientId } from '../stores/client-id.js';
import { disposeInstance } from './client-instances.js';
import type { LiveClient } from './live-client.js';

/** One instance a reference names: its service, its implementation, the client it lives with. */
interface Issued {
  readonly owner: LiveClient;
  /** Its key among the owner's instances: disposed with the other per-client instances when the owner ends. */
  readonly key: ServiceRegistration;
  readonly descriptor: ServiceDescriptor;
  readonly handlers: object;
}

/**
 * The service instances this process handed out as references
 * (`room(id): Promise<Room>`), by capability token. An instance lives like a
 * per-client instance of the client whose call returned it (its owner): it
 * is disposed when that client ends, or when a holder of the token releases
 * it (`POST _unref`). Tokens are 128 random bits; they live in this
 * process's memory only, so a restart forgets them (`UNKNOWN_REF`: ask the
 * issuer for a fresh reference).
 */
export class References {
  readonly #byToken = new Map<string, Issued>();

  /** Registers `handlers` (checked against `descriptor`) as an instance owned by `owner`; its token. */
  issue(owner: LiveClient, descriptor: ServiceDescriptor, handlers: object): string {
    checkHandlers(descriptor, handlers);
    const token = newClientId();
    const key: ServiceRegistration = { descriptor, lifetime: 'per-client', create: () => handlers };
    (owner.instances ??= new Map()).set(key, handlers);
    this.#byToken.set(token, { owner, key, descriptor, handlers });
    return token;
  }

  /**
   * The instance behind `token`, for a call of `service`, and the id of its
   * owner client (a call through the reference keeps it alive); throws
   * `UNKNOWN_REF` (404) when there is none (released, its owner ended, or
   * another process or run issued it) or it is of another service.
   */
  lookup(token: string, service: string): { handlers: object; owner: string } {
    const issued = this.#live(token);
    if (issued === undefined || issued.descriptor.name !== service) throw unknownRef(service);
    return { handlers: issued.handlers, owner: issued.owner.id };
  }

  /** `POST _unref`: disposes the instances behind `tokens`; unknown ones are ignored. */
  release(tokens: readonly string[], fault: (error: unknown, service: string) => void): void {
    for (const token of tokens) {
      const issued = this.#live(token);
      this.#byToken.delete(token);
      if (issued === undefined) continue;
      issued.owner.instances?.delete(issued.key);
      disposeInstance(issued.handlers, (error) => fault(error, issued.descriptor.name));
    }
  }

  /** The entry of `token` while its owner still holds it (an ended owner disposed it: the entry goes). */
  #live(token: string): Issued | undefined {
    const issued = this.#byToken.get(token);
    if (issued === undefined) return undefined;
    if (issued.owner.instances?.get(issued.key) === issued.handlers) return issued;
    this.#byToken.delete(token);
    return undefined;
  }
}

/** The 404 `UNKNOWN_REF` of a call through a reference to `service` this server does not hold. */
export function unknownRef(service: string): ContractError {
  return new ContractError(
    'UNKNOWN_REF',
    `The reference names no live ${service} of this server (released, its client ended, or the server restarted): ask the service that gave it for a fresh one.`,
  );
}
