// The `trace` member an event carries when tracing is on: written last, read back only from there.
import { expect, it } from 'vitest';
import { eventTrace, traceMember } from '../../runtime/src/server/observe/trace-member.js';
import { eventJson } from '../../runtime/src/server/index.js';

const context = {
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  spanId: '00f067aa0ba902b7',
  traceFlags: 1,
};

it('writes the traceparent as the last member and reads it back', () => {
  const text = eventJson(7, `"cb":3,"method":"tick","args":["AAPL",1]${traceMember(context)}`);
  expect(JSON.parse(text)).toEqual({
    seq: 7,
    cb: 3,
    method: 'tick',
    args: ['AAPL', 1],
    trace: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  });
  expect(eventTrace(text)).toEqual({ ...context, isRemote: true });
  expect(
    eventTrace(
      eventJson(8, `"cb":3,"method":"tick","args":[]${traceMember({ ...context, traceFlags: 0 })}`),
    ),
  ).toEqual({ ...context, traceFlags: 0, isRemote: true });
});

it('finds no context in an event without one, even when its arguments hold a "trace" member', () => {
  const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
  expect(eventTrace(eventJson(1, '"cb":3,"method":"tick","args":[]'))).toBeUndefined();
  expect(
    eventTrace(eventJson(1, `"cb":3,"method":"note","args":[{"trace":"${traceparent}"}]`)),
  ).toBeUndefined();
  expect(
    eventTrace(eventJson(1, `"cb":3,"method":"note","args":[],"trace":"00-nothex"}`)),
  ).toBeUndefined();
});
