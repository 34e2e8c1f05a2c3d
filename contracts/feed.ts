import type { Callback, Service } from 'contract-gen';

/** A failure on the feed's side, passed back as event data: a callback cannot throw to the server that sends it. */
export interface FeedFailure {
  /** Stable, like an error code: `SOURCE_LOST`. */
  code: string;
  message: string;
}

/** What a feed's subscriber hears. */
export interface FeedEvents extends Callback {
  /** Item `n` of the feed. */
  item(n: number): void;
  /** The feed failed; more items may follow once it recovers. */
  failed(failure: FeedFailure): void;
}

/** A feed of numbered items (the upstream server of the relay example). */
export interface Feed extends Service {
  subscribe(events: FeedEvents): Promise<void>;
  /** Sends items `from` .. `from + count - 1` to every subscriber; answered once they are stored. */
  publish(from: number, count: number): Promise<void>;
  /** Tells every subscriber of a failure (as data, through `failed`). */
  fail(code: string, message: string): Promise<void>;
  /** How many subscribers the feed has now. */
  subscribers(): Promise<number>;
  /** Ends every subscription from the feed's side (the subscribers get a release notice). */
  end(reason: string): Promise<void>;
}

/** A server between the client and the feed: it passes the client's callback on to the feed. */
export interface Relay extends Service {
  /** Subscribes `events` to the feed behind this server. */
  follow(events: FeedEvents): Promise<void>;
}
