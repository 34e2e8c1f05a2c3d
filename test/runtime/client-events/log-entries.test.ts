// The client's check of log entries in an events answer (docs/protocol.md, "Logs"): a well-formed one
// passes as it is; a malformed one makes the whole answer BAD_RESPONSE, never a partly delivered answer.
import { describe, expect, it } from 'vitest';
import { readEventsAnswer } from '../../../runtime/src/client/read-events-answer.js';
import { isLogEntry } from '../../../runtime/src/protocol/messages.js';

const entry = {
  seq: 3,
  cb: 1,
  log: 'prices',
  epoch: 'k3x9q2a1',
  offset: 41,
  events: [{ method: 'tick', args: ['AAPL', 1] }],
};

describe('log entries in an events answer', () => {
  it('passes a log entry, with or without a gap, beside events and notices', () => {
    const gapped = { ...entry, seq: 4, gap: { reason: 'trimmed', from: 2, to: 40 } };
    const answer = {
      events: [
        { seq: 2, cb: 1, method: 'tick', args: [] },
        entry,
        gapped,
        { ...entry, seq: 5, events: [], gap: { reason: 'epoch', from: 7, epoch: 'old' } },
      ],
    };
    expect(readEventsAnswer(answer)).toEqual(answer);
    expect(answer.events.map((e) => isLogEntry(e))).toEqual([false, true, true, true]);
  });

  it.each([
    ['an offset that is not an integer', { ...entry, offset: '41' }],
    ['no epoch', { ...entry, epoch: undefined }],
    ['an event without args', { ...entry, events: [{ method: 'tick' }] }],
    ['an event that is not an object', { ...entry, events: [null] }],
    ['a gap without from', { ...entry, gap: { reason: 'trimmed' } }],
  ])('refuses the whole answer for %s', (_, bad) => {
    expect(() => readEventsAnswer({ events: [entry, bad] })).toThrow(
      expect.objectContaining({ code: 'BAD_RESPONSE' }),
    );
  });
});
