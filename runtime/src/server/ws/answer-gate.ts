import { ContractError } from '../../protocol/contract-error.js';
import type { CallOutput } from '../call-input.js';
import { errorOutput } from '../outputs.js';
import { answerFrame } from './server-frames.js';
import type { WsPeer } from './ws-peer.js';

/** Answers refused in a row, without the socket draining below its high-water mark, before it is dropped. */
export const MAX_REFUSED_ANSWERS = 256;

/** The answer sent instead of a call's own while the socket's reader lags (made once). */
const slowReaderOutput: CallOutput = errorOutput(
  new ContractError(
    'SLOW_READER',
    'This socket holds more unsent data than webSocket.highWater allows: read what the server sent, then call again.',
  ),
);

/**
 * Bounds what a socket whose reader stopped reading costs in answers (issue
 * 18: 400 unread echoes held 107 MiB). An answer goes only while the
 * socket's unsent bytes (`bufferedAmount`) are at most `highWater`; past it
 * the call is answered `SLOW_READER` (429) instead, a few dozen bytes. A
 * reader that still does not drain after `MAX_REFUSED_ANSWERS` refusals is
 * not reading at all: `send` returns false and the session drops the socket.
 * So a socket holds at most `highWater` + one answer + the refusals.
 */
export class AnswerGate {
  #refused = 0;

  constructor(
    private readonly peer: WsPeer,
    private readonly highWater: number,
  ) {}

  /** Sends the answer (or the refusal); false when the socket must be dropped. */
  send(id: number, output: CallOutput): boolean {
    if (this.peer.bufferedAmount <= this.highWater) {
      this.#refused = 0;
      this.peer.send(answerFrame(id, output));
      return true;
    }
    if (++this.#refused > MAX_REFUSED_ANSWERS) return false;
    this.peer.send(answerFrame(id, slowReaderOutput));
    return true;
  }
}
