/**
 * A live client's stand-ins by callback id. Most clients pass one callback
 * (a subscription), and a server holds thousands of idle clients, so the
 * first entry is kept inline and a `Map` (about 250 bytes even when nearly
 * empty) is made only for a second id. Iteration is in insertion order, as
 * a `Map`'s would be.
 */
export class StandInTable {
  #firstId = -1;
  #first: object | undefined = undefined;
  #rest: Map<number, object> | undefined = undefined;

  get size(): number {
    return (this.#first === undefined ? 0 : 1) + (this.#rest === undefined ? 0 : this.#rest.size);
  }

  get(id: number): object | undefined {
    if (this.#first !== undefined && this.#firstId === id) return this.#first;
    return this.#rest?.get(id);
  }

  has(id: number): boolean {
    return this.get(id) !== undefined;
  }

  set(id: number, standIn: object): void {
    if (this.#first === undefined && (this.#rest === undefined || this.#rest.size === 0)) {
      this.#firstId = id;
      this.#first = standIn;
    } else if (this.#first !== undefined && this.#firstId === id) this.#first = standIn;
    else (this.#rest ??= new Map()).set(id, standIn);
  }

  /** Removes the entry; whether there was one. */
  delete(id: number): boolean {
    if (this.#first !== undefined && this.#firstId === id) {
      this.#first = undefined;
      this.#firstId = -1;
      return true;
    }
    return this.#rest !== undefined && this.#rest.delete(id);
  }

  clear(): void {
    this.#first = undefined;
    this.#firstId = -1;
    this.#rest = undefined;
  }

  /** The stand-ins, oldest first. */
  *values(): IterableIterator<object> {
    if (this.#first !== undefined) yield this.#first;
    if (this.#rest !== undefined) yield* [...this.#rest.values()];
  }
}
