import { referenceProxy } from '../client/reference-proxy.js';
import type { DecodeState } from './decode-state.js';
import type { ReferenceNode, Schema, ServiceDescriptor } from './schema-types.js';

/**
 * A service reference on the wire: the referenced service's name, the
 * capability token of the instance (issued by the server that holds it) and,
 * when that server is not the one that answered, its base URL.
 * docs/protocol.md, "Service references".
 */
export interface WireReference {
  readonly $service: string;
  readonly ref: string;
  readonly url?: string;
}

/** The longest token or URL a reference may carry. */
const MAX_REFERENCE_TEXT = 2048;

/**
 * `s.reference(() => RoomService)`: a method's result that is a service
 * (`room(id): Promise<Room>` where `Room extends Service`). Only valid as a
 * method's result (the checker refuses it anywhere else, CG120). The getter
 * lets two services refer to each other. Decodes to the `WireReference`;
 * the client turns it into a proxy, the server makes it from what the
 * handler returned.
 */
// `any`: the result's type is the application's service interface, which a schema does not describe.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function reference(service: () => ServiceDescriptor): Schema<any> {
  const node: ReferenceNode = {
    kind: 'reference',
    service,
    proxy: referenceProxy,
    converts: true,
    decode(value: unknown, st: DecodeState): unknown {
      return readReference(value, this.service().name, st);
    },
    encode(value: unknown, st: DecodeState): unknown {
      return readReference(value, this.service().name, st);
    },
    matches: (value) => isWireReference(value),
  };
  return node;
}

function readReference(value: unknown, name: string, st: DecodeState): unknown {
  return (
    referenceTo(value, name) ??
    st.fail(`a reference to a ${name} ({"$service":"${name}","ref":"..."})`, value)
  );
}

/** `value` as a reference to service `name` (a copy with only the reference's keys), or `undefined`. */
export function referenceTo(value: unknown, name: string): WireReference | undefined {
  if (!isWireReference(value) || value.$service !== name) return undefined;
  return value.url === undefined
    ? { $service: value.$service, ref: value.ref }
    : { $service: value.$service, ref: value.ref, url: value.url };
}

/** Whether `value` has the shape of a `WireReference` (any service). */
export function isWireReference(value: unknown): value is WireReference {
  if (typeof value !== 'object' || value === null) return false;
  const { $service, ref, url } = value as Record<string, unknown>;
  return (
    typeof $service === 'string' &&
    typeof ref === 'string' &&
    ref.length > 0 &&
    ref.length <= MAX_REFERENCE_TEXT &&
    (url === undefined ||
      (typeof url === 'string' && url.length <= MAX_REFERENCE_TEXT && /^https?:\/\//.test(url)))
  );
}
