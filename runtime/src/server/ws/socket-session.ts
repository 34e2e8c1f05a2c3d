import { ContractError } from '../../protocol/contract-error.js';
import type { ClientEndReason } from '../../protocol/messages.js';
import {
  WS_CLOSE,
  type CallFrame,
  type ClientFrame,
  type CloseFrame,
  type HelloFrame,
  type ReleaseFrame,
  type WelcomeFrame,
} from '../../protocol/ws-frames.js';
import type { LiveHolder, LivePrincipal } from '../auth/live-principal.js';
import type { Principal } from '../auth/principal.js';
import type { CallOutput } from '../call-input.js';
import type { ClientStatus, EndReason } from '../stores/client-store.js';
import type { EventChannel, QueueWatcher } from '../events/event-channel.js';
import { goneError } from '../events/gone-error.js';
import { errorOutput, voidOutput } from '../outputs.js';
import type { RouterCore } from '../router-core.js';
import { EventPump, type PumpOwner } from './event-pump.js';
import { FrameCallInput } from './frame-call-input.js';
import { Keepalive, type KeepaliveActions } from './keepalive.js';
import { readClientFrame } from './read-client-frame.js';
import { AnswerGate } from './answer-gate.js';
import { errorFrame, goneFrame, PING_FRAME } from './server-frames.js';
import type { ResolvedWebSocketOptions } from './web-socket-options.js';
import type { UpgradeRequest, WsPeer, WsSessionHandle } from './ws-peer.js';

/**
 * One WebSocket of one client, over any `WsPeer`: the hello, then calls
 * (answered by the same router core as HTTP calls), releases, close, and
 * the client's events pushed by an `EventPump` from the same store that
 * answers long polls, so a client may move between the two at any time.
 */
export class SocketSession
  implements WsSessionHandle, QueueWatcher, KeepaliveActions, PumpOwner, LiveHolder
{
  #state: 'new' | 'opening' | 'open' | 'closed' = 'new';
  #client = '';
  #pump: EventPump | undefined;
  /** With an auth hook: the socket's principal, kept current (re-checked, withdrawn). */
  #live: LivePrincipal | undefined;
  readonly #keepalive: Keepalive;
  /** Holds answers back while the reader lags (made on the first answer). */
  #answers: AnswerGate | undefined = undefined;
  /** Calls and releases running for this socket; a drain closes it once none is left. */
  #running = 0;
  /** Set by `drain`: frames that would start work are left unanswered (the client sends them again elsewhere). */
  #draining = false;
  /** A socket that never says hello must not hold its connection forever. */
  #helloTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly core: RouterCore,
    private readonly channel: EventChannel,
    private readonly peer: WsPeer,
    private readonly upgrade: UpgradeRequest,
    private readonly options: ResolvedWebSocketOptions,
    /** The caller, when the adapter ran the auth hook on the upgrade; else the hello runs it. */
    private principal?: Principal,
  ) {
    const wait = options.pingTimeout;
    this.#helloTimer = setTimeout(
      () =>
        this.#state === 'new' &&
        this.#refuse(
          new ContractError('BAD_REQUEST', `No hello within ${wait} ms of the upgrade.`),
        ),
      wait,
    );
    (this.#helloTimer as { unref?: () => void }).unref?.();
    // The session is its keepalive's actions: no closures per socket.
    this.#keepalive = new Keepalive(options, channel.options.ttl, this);
    if (principal !== undefined) this.#live = core.liveAuthority?.join(this, principal, upgrade);
  }

  /** The client this socket serves once it said hello, `''` before. */
  get client(): string {
    return this.#client;
  }

  /** Live authority: the principal may no longer use this socket; why, then the close. */
  withdraw(error: ContractError, code: number, reason: string): void {
    if (this.#state === 'closed') return;
    this.peer.send(errorFrame(error));
    this.#close(code, reason);
  }

  /** Keepalive: a ping frame. */
  ping(): void {
    this.peer.send(PING_FRAME);
  }

  /** Keepalive: no frame within the ping timeout. */
  dead(): void {
    this.#drop();
  }

  /** Keepalive: an open socket is activity, so its client must not expire while it listens. */
  touch(): void {
    this.channel.options.store.touch(this.#client).then(
      // The store no longer knows the client (it expired, or the store lost its data): say so, as a read would.
      (status) => {
        if (status !== 'live') this.#gone(status);
      },
      (error: unknown) => this.#fault(error, 'touch'),
    );
  }

  message(text: string | undefined): void {
    if (this.#state === 'closed') return;
    this.#keepalive.heard();
    if (text === undefined)
      return this.#refuse(
        new ContractError(
          'BAD_REQUEST',
          'Frames are JSON text; binary frames are not part of the protocol.',
        ),
      );
    const frame = readClientFrame(text, this.core.limits);
    if (frame instanceof ContractError) return this.#refuse(frame);
    if (this.#state !== 'open') {
      if (this.#state === 'new' && frame.type === 'hello') return void this.#hello(frame);
      return this.#refuse(
        new ContractError(
          'BAD_REQUEST',
          'The first frame is a hello; send nothing else before the welcome.',
        ),
      );
    }
    this.#dispatch(frame);
  }

  closed(): void {
    if (this.#state === 'closed') return;
    this.#state = 'closed';
    this.#clearHelloTimer();
    this.#pump?.stop();
    this.channel.unwatch(this.#client, this);
    this.#keepalive.stop();
    this.#live?.end();
  }

  drained(): void {
    this.#pump?.drained();
  }

  appended(): void {
    this.#pump?.wake();
  }

  ended(reason: EndReason): void {
    this.#gone(reason);
  }

  replaced(): void {
    this.#close(WS_CLOSE.replaced, 'a newer socket of this client took over');
  }

  stopped(): void {
    this.#close(1001, 'the server is stopping');
  }

  /**
   * The server drains: calls in flight finish and are answered, calls that
   * arrive from now on are not run (the client sends them again, told by the
   * close code), then the socket closes with 1012 and the client connects
   * again (a load balancer sends it to another process).
   */
  drain(): void {
    this.#draining = true;
    this.#closeIfDrained();
  }

  #closeIfDrained(): void {
    if (this.#draining && this.#running === 0)
      this.#close(WS_CLOSE.draining, 'the server drains: connect again');
  }

  /** Runs a frame's work, counted so a drain waits for it; none once draining. */
  async #work(run: () => Promise<void>): Promise<void> {
    if (this.#draining) return;
    this.#running++;
    try {
      await run();
    } finally {
      this.#running--;
      this.#closeIfDrained();
    }
  }

  #dispatch(frame: ClientFrame): void {
    switch (frame.type) {
      case 'call':
        return void this.#work(() => this.#call(frame));
      case 'ack':
        return this.#pump?.ack(frame.seq);
      case 'release':
        return void this.#work(() => this.#release(frame));
      case 'close':
        return void this.#closeClient(frame);
      case 'pong':
        return;
      case 'hello':
        return this.#refuse(
          new ContractError(
            'BAD_REQUEST',
            'A socket says hello once; open another socket for another client.',
          ),
        );
    }
  }

  async #hello(frame: HelloFrame): Promise<void> {
    // A draining process takes no socket: connect again (elsewhere).
    if (this.channel.draining) return this.#close(WS_CLOSE.draining, 'the server drains');
    this.#state = 'opening';
    this.#clearHelloTimer();
    const { channel } = this;
    let status: ClientStatus;
    try {
      const client = await this.#claim(frame);
      status = await channel.options.store.touch(client);
      this.#client = client;
    } catch (error) {
      // Refusals (auth, a foreign client, too many clients) are answered; anything else is the server's fault.
      if (error instanceof ContractError) return this.#refuse(error);
      this.#fault(error, 'hello');
      return this.#close(1011, 'the server failed');
    }
    // The socket may have closed while the store answered.
    if ((this.#state as string) === 'closed') return;
    if (status !== 'live') return this.#gone(status);
    this.#state = 'open';
    channel.watch(this.#client, this);
    // A drain that began during the hello did not reach this socket yet.
    if (channel.draining) this.#draining = true;
    const after = frame.after ?? 0;
    this.#pump = new EventPump(
      channel.options.store,
      this.#client,
      after,
      this.peer,
      this.options,
      this,
    );
    this.peer.send(JSON.stringify(this.#welcome()));
    this.#keepalive.start();
    this.#pump.wake();
    this.#closeIfDrained();
  }

  /** The client this socket serves: the hello's, when its principal owns it, or a new one. Throws a refusal. */
  async #claim(frame: HelloFrame): Promise<string> {
    let principal = this.#live?.principal ?? this.principal;
    if (principal === undefined) {
      const caller = await this.core.authenticateUpgrade(this.upgrade);
      if (caller instanceof ContractError) throw caller;
      this.principal = principal = caller;
      // Not for a socket that closed meanwhile: nothing would ever take it out again.
      if (this.#state !== 'closed')
        this.#live = this.core.liveAuthority?.join(this, caller, this.upgrade);
    }
    if (frame.client === undefined) return (await this.core.openClient(principal)).client;
    const refusal = await this.core.checkOwner(principal, frame.client);
    if (refusal !== undefined) throw refusal;
    return frame.client;
  }

  /** Cleared and let go: a cleared timer object kept in a field costs every idle socket about 200 bytes. */
  #clearHelloTimer(): void {
    clearTimeout(this.#helloTimer);
    this.#helloTimer = undefined;
  }

  #welcome(): WelcomeFrame {
    const { ttl, maxWait } = this.channel.options;
    const { ping, pingTimeout, window } = this.options;
    return {
      type: 'welcome',
      client: this.#client,
      ttl,
      wait: maxWait,
      ping,
      pingTimeout,
      window,
      maxFrame: this.core.limits.maxBodyBytes,
    };
  }

  async #call(frame: CallFrame): Promise<void> {
    const input = new FrameCallInput(
      `${this.core.base}/${frame.service}/${frame.method}`,
      this.#client,
      this.upgrade,
      frame.call,
    );
    this.#answer(
      frame.id,
      await this.core.handleParsed(input, frame.args, this.#live ?? this.principal),
    );
  }

  async #release(frame: ReleaseFrame): Promise<void> {
    this.#answer(
      frame.id,
      await this.#statusOutput(
        () => this.channel.release(this.#client, frame.callbacks),
        'release',
      ),
    );
  }

  async #closeClient(frame: CloseFrame): Promise<void> {
    // Stop watching first: the end this causes is answered here, not with a gone frame.
    this.channel.unwatch(this.#client, this);
    this.#pump?.stop();
    this.#answer(
      frame.id,
      await this.#statusOutput(() => this.channel.close(this.#client), 'close'),
    );
    this.#close(1000, 'client closed');
  }

  async #statusOutput(run: () => Promise<ClientStatus>, what: string): Promise<CallOutput> {
    try {
      const status = await run();
      return status === 'live' ? voidOutput : errorOutput(goneError(status));
    } catch (error) {
      this.#fault(error, what);
      return errorOutput(undefined);
    }
  }

  #answer(id: number, output: CallOutput): void {
    if (this.#state === 'closed') return;
    this.#answers ??= new AnswerGate(this.peer, this.options.highWater);
    if (!this.#answers.send(id, output)) {
      this.#close(WS_CLOSE.slowReader, 'the reader does not read its answers');
      this.peer.terminate?.();
    }
  }

  /** The pump's store read found the client not live. */
  pumpEnded(reason: ClientEndReason): void {
    this.#gone(reason);
  }

  pumpFault(error: unknown): void {
    this.#fault(error, 'events');
  }

  /** The client is not live: say why (the 410 body), then close. */
  #gone(reason: ClientStatus): void {
    if (this.#state === 'closed') return;
    this.peer.send(goneFrame(reason === 'live' ? 'unknown' : reason));
    this.#close(WS_CLOSE.gone, 'client gone');
  }

  /** A frame broke the protocol, or the hello was refused: say what, then close (1008). */
  #refuse(error: ContractError): void {
    if (this.#state === 'closed') return;
    this.peer.send(errorFrame(error));
    this.#close(1008, 'protocol error');
  }

  #close(code: number, reason: string): void {
    if (this.#state === 'closed') return;
    this.closed();
    this.peer.close(code, reason);
  }

  /** No sign of life: drop the connection without a handshake the peer would not answer. */
  #drop(): void {
    if (this.#state === 'closed') return;
    this.closed();
    if (this.peer.terminate === undefined)
      this.peer.close(WS_CLOSE.timeout, 'no frame within the ping timeout');
    else this.peer.terminate();
  }

  #fault(error: unknown, what: string): void {
    this.core.report(error, {
      service: '(websocket)',
      method: what,
      ...(this.#client === '' ? {} : { client: this.#client }),
    });
  }
}
