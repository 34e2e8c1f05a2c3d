// What every conformance host (conformance/hosts/*.ts) starts: the Ticker
// router mounted in a framework's app beside one route of the app's own,
// `GET /hello`, which answers `hello from <host>` (tests check it still works).
import type { Router } from '@contract-gen/runtime/server';

/** A conformance host listening. */
export interface HostServer {
  /** `http://host:port` plus the router's base. */
  readonly url: string;
  readonly port: number;
  /** Answers parked polls, closes sockets and the server. */
  close(): Promise<void>;
}

/** Starts `router` in one host's app on `port` (0: any free one) and `hostname`. */
export type StartHost = (router: Router, port: number, hostname: string) => Promise<HostServer>;

/** The app route beside ours, and what it answers. */
export const HELLO_PATH = '/hello';
export const hello = (host: string): string => `hello from ${host}`;

/** `http://hostname:port` plus `base`. */
export function urlOf(hostname: string, port: number, base: string): string {
  return `http://${hostname.includes(':') ? `[${hostname}]` : hostname}:${port}${base}`;
}
