// Its own module, importing nothing: the router's options (`onError`) and the event channel both
// name it, and the channel importing router-options.ts for it made an import cycle.

/**
 * Where a server fault happened, for `onError`. For a fault in an event (a
 * stand-in call whose arguments cannot be sent) or in a release listener,
 * `service` is the callback interface and `client`/`callback` say whose.
 */
export interface FaultContext {
  readonly service: string;
  readonly method: string;
  readonly client?: string;
  readonly callback?: number;
}
