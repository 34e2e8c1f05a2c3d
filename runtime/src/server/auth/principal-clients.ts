import { ContractError } from '../../protocol/contract-error.js';

/**
 * Counts the live clients each principal opened through this server
 * process, to hold `limits.maxClientsPerPrincipal`. A slot is taken before
 * the store is asked to open (so concurrent `_open`s cannot slip past the
 * bound together) and given back when the open fails or the client ends.
 * Counting is per process: with a store shared by several processes each
 * holds the bound for what it opened, and clients kept by a durable store
 * from an earlier run are not counted.
 */
export class PrincipalClients {
  readonly #count = new Map<string, number>();
  readonly #owner = new Map<string, string>();

  constructor(private readonly max: number) {}

  /** Takes a slot for `owner`, or returns the 429 to answer when it has none left. */
  reserve(owner: string): ContractError | undefined {
    const count = this.#count.get(owner) ?? 0;
    if (count >= this.max) {
      return new ContractError(
        'TOO_MANY_CLIENTS',
        `You have ${this.max} open clients, as many as this server allows (limits.maxClientsPerPrincipal): close one (POST {base}/_close) or let one expire.`,
      );
    }
    this.#count.set(owner, count + 1);
    return undefined;
  }

  /** The open the slot was taken for failed. */
  cancel(owner: string): void {
    this.#give(owner);
  }

  /** The slot now holds `client`. */
  opened(client: string, owner: string): void {
    this.#owner.set(client, owner);
  }

  /** `client` ended (any reason); its slot is free again if it was counted here. */
  ended(client: string): void {
    const owner = this.#owner.get(client);
    if (owner === undefined) return;
    this.#owner.delete(client);
    this.#give(owner);
  }

  #give(owner: string): void {
    const count = (this.#count.get(owner) ?? 1) - 1;
    if (count <= 0) this.#count.delete(owner);
    else this.#count.set(owner, count);
  }
}
