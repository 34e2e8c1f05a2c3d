import { CALL_HEADER, CLIENT_HEADER, JSON_MEDIA_TYPE } from '../../protocol/messages.js';
import type { CallInput } from '../call-input.js';
import type { UpgradeRequest } from './ws-peer.js';

/**
 * A call frame as the router core's `CallInput`: a `POST` to the call's path
 * with the socket's client as its header and the upgrade request's other
 * headers (auth, cookies), so a handler sees the same context as over HTTP.
 * The arguments arrive parsed (`RouterCore.handleParsed`), so the body is
 * never read.
 */
export class FrameCallInput implements CallInput {
  readonly httpMethod = 'POST';
  /** A frame has no body on its way: its arguments came parsed. */
  readonly bodyRead = true;

  constructor(
    readonly pathname: string,
    private readonly client: string,
    private readonly upgrade: UpgradeRequest,
    /** The frame's `call` (the call id across resends), if any. */
    private readonly call?: string,
  ) {}

  header(name: string): string | undefined {
    if (name === CLIENT_HEADER) return this.client;
    if (name === CALL_HEADER) return this.call;
    if (name === 'content-type') return JSON_MEDIA_TYPE;
    return this.upgrade.header(name);
  }

  hasBody(): boolean {
    return false;
  }

  readBody(): Promise<string> {
    return Promise.resolve('');
  }

  query(): string {
    return '';
  }

  onClose(): void {
    // A call over a socket is answered whatever happens to the socket; nothing parks.
  }

  hostOrigin(): string {
    return new URL(this.upgrade.url).origin;
  }

  toRequest(): Request {
    const headers = this.upgrade.headers();
    headers.set(CLIENT_HEADER, this.client);
    headers.set('content-type', JSON_MEDIA_TYPE);
    return new Request(new URL(this.pathname, this.upgrade.url), { method: 'POST', headers });
  }
}
