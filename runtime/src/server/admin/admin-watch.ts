import { defineService, type ServiceRegistration } from '../define-service.js';
import type { EventChannel } from '../events/event-channel.js';
import { onReleased, standInState } from '../events/stand-in.js';
import { AdminService, type AdminView } from './admin-contract.js';
import type { ResolvedAdmin } from './admin-options.js';
import { readAdminSnapshot, snapshotKey } from './admin-snapshot.js';

/** Milliseconds after which a snapshot is sent even if nothing but times changed (the page's "last seen" ages). */
const REFRESH_MS = 15_000;

/**
 * The admin service: pages `watch` with a callback, get a snapshot at once,
 * then one whenever what it shows changed, looked at every `interval` ms
 * while at least one page watches (no timer runs otherwise). Looking is
 * cheaper than hearing every change: a busy server appends thousands of
 * events a second, and with a shared store (Redis) the clients of other
 * processes change too, which this process never hears of.
 */
export class AdminWatch {
  readonly #views = new Set<AdminView>();
  #channel: EventChannel | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;
  #lastKey = '';
  #lastSent = 0;
  #looking = false;

  /** What `createRouter` serves as the `ContractAdmin` service. */
  readonly registration: ServiceRegistration;

  constructor(
    private readonly admin: ResolvedAdmin,
    private readonly fault: (error: unknown) => void,
  ) {
    this.registration = defineService(AdminService, {
      watch: (view: AdminView) => this.#watch(view),
    });
  }

  /** The channel it reads (made after the route table, which must hold the admin service). */
  bind(channel: EventChannel): void {
    this.#channel = channel;
  }

  /** Stops looking (the router closes). */
  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#views.clear();
  }

  async #watch(view: AdminView): Promise<void> {
    const channel = this.#channel as EventChannel;
    const snapshot = await readAdminSnapshot(channel, this.admin, channel.options.now());
    this.#views.add(view);
    onReleased(view, () => {
      this.#views.delete(view);
      if (this.#views.size === 0) this.stop();
    });
    view.snapshot(snapshot);
    if (this.#timer === undefined) {
      this.#timer = setInterval(() => void this.#look(), this.admin.interval);
      (this.#timer as { unref?: () => void }).unref?.();
    }
  }

  /** One look: a snapshot to every page when it changed. One look at a time (a slow store skips ticks). */
  async #look(): Promise<void> {
    const channel = this.#channel;
    if (this.#looking || channel === undefined || this.#views.size === 0) return;
    this.#looking = true;
    try {
      const now = channel.options.now();
      const snapshot = await readAdminSnapshot(channel, this.admin, now);
      const own = new Set<string>();
      for (const view of this.#views) {
        const client = standInState(view)?.client;
        if (client !== undefined) own.add(client);
      }
      const key = snapshotKey(snapshot, own);
      if (key === this.#lastKey && now - this.#lastSent < REFRESH_MS) return;
      this.#lastKey = key;
      this.#lastSent = now;
      for (const view of this.#views) view.snapshot(snapshot);
    } catch (error) {
      this.fault(error);
    } finally {
      this.#looking = false;
    }
  }
}
