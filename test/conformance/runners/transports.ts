// The transport axis of the conformance runs. Every runtime (Node, Chromium,
// Deno, Bun) runs every case once per transport listed here, and its tests
// are named with both, so a failure says where it happened.
import type { ConnectOptions } from '@contract-gen/runtime/client';
import type { ConformanceCase } from '../ticker-cases.js';

/**
 * Transports the cases run over: the WebSocket binding, and the HTTP binding
 * with WebSocket forbidden (`long-poll`: each case keeps its own event mode,
 * long polling unless it asks for heartbeat polling).
 */
export const conformanceTransports = ['websocket', 'long-poll'] as const;

/** One entry of `conformanceTransports`. */
export type ConformanceTransport = (typeof conformanceTransports)[number];

/**
 * Runs one case over `transport`. `base` adds what a runtime needs besides:
 * Node 20 has no global WebSocket and passes `ws`'s (`{ WebSocket }`);
 * browsers, Deno and Bun use their own.
 */
export function runCase(
  testCase: ConformanceCase,
  baseUrl: string,
  transport: ConformanceTransport,
  base: ConnectOptions = {},
): Promise<void> {
  return testCase.run(baseUrl, { ...base, transport });
}

/** `value` if it names a transport, else an Error listing the ones there are (for command lines and pages). */
export function toTransport(value: string | undefined): ConformanceTransport {
  const found = conformanceTransports.find((t) => t === value);
  if (found === undefined)
    throw new Error(
      `unknown transport ${JSON.stringify(value)}; expected one of ${conformanceTransports.join(', ')}`,
    );
  return found;
}
