import { ContractError } from '../protocol/contract-error.js';
import { JSON_MEDIA_TYPE } from '../protocol/messages.js';
import type { MethodDescriptor, ServiceDescriptor } from '../schema/schema-types.js';
import type { ConnectOptions, Connection } from './connection.js';
import { encodeArgs } from './encode-args.js';
import { readAnswer } from './read-answer.js';

/** Sends one HTTP request: `fetch`, or a router's `fetch` with a real `Request`. */
export type Send = (url: string, init: RequestInit) => Promise<Response>;

/**
 * A connection over any `Send`. Both `connect` and `connectInProcess` are
 * this, so the in-process transport encodes and validates exactly like the
 * network one.
 */
export function createConnection(baseUrl: string, send: Send, options: ConnectOptions = {}): Connection {
  const base = baseUrl.replace(/\/+$/, '');
  return {
    async call<T>(service: ServiceDescriptor, method: string, args: readonly unknown[]): Promise<T> {
      const descriptor = methodOf(service, method);
      const body = encodeArgs(`${service.name}.${method}`, descriptor, args);
      const init: RequestInit = { method: 'POST', headers: headersOf(options), body };
      const url = `${base}/${service.name}/${method}`;
      return (await exchange(send, url, init, descriptor, options)) as T;
    },
  };
}

async function exchange(send: Send, url: string, init: RequestInit, method: MethodDescriptor, options: ConnectOptions): Promise<unknown> {
  const controller = options.timeout === undefined ? undefined : new AbortController();
  const timer = controller === undefined ? undefined : setTimeout(() => controller.abort(), options.timeout);
  try {
    if (controller !== undefined) init.signal = controller.signal;
    const response = await send(url, init);
    return await readAnswer(response, method.result, options.limits);
  } catch (error) {
    if (error instanceof ContractError) throw error;
    if (controller?.signal.aborted === true) {
      throw new ContractError('TIMEOUT', `No answer from ${url} within ${options.timeout} ms.`, { cause: error });
    }
    throw new ContractError('UNAVAILABLE', `Could not reach ${url}: ${(error as Error)?.message ?? String(error)}`, { cause: error });
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}

function methodOf(service: ServiceDescriptor, method: string): MethodDescriptor {
  const descriptor = Object.hasOwn(service.methods, method) ? service.methods[method] : undefined;
  if (descriptor !== undefined) return descriptor;
  throw new ContractError('NOT_FOUND', `Service ${service.name} has no method '${method}' in its descriptor; regenerate the client.`);
}

function headersOf(options: ConnectOptions): Record<string, string> {
  const extra = typeof options.headers === 'function' ? options.headers() : options.headers;
  return { 'content-type': JSON_MEDIA_TYPE, accept: JSON_MEDIA_TYPE, ...extra };
}
