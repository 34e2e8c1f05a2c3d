// The conformance contract from another language: python/ticker_client.py, a
// Python client written from docs/protocol.md alone (standard library, long
// polling), run against a conformance server started here (or the one at
// CONFORMANCE_URL). It prints one line per check passed and exits 0, or
// exits 1 with the first check that failed. Needs python3, 3.11 or later.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeNeeding } from '../support/describe-needing.js';
import { useConformanceServer } from './runners/use-conformance-server.js';

const script = join(import.meta.dirname, 'python', 'ticker_client.py');

/** Why python3 cannot run the client here, or undefined when it can. */
function missingPython(): string | undefined {
  const probe = spawnSync('python3', ['-c', 'import sys; print(sys.version_info >= (3, 11))'], {
    encoding: 'utf8',
  });
  if (probe.error !== undefined || probe.status !== 0)
    return 'python3 is not on the PATH (apt-get install python3; .ci/run does).';
  if (probe.stdout.trim() !== 'True')
    return 'python3 is older than 3.11, which the Python client needs (datetime.fromisoformat reading "Z").';
  return undefined;
}

/** Runs the client on `baseUrl` without blocking this process (the server answers from it). */
function runClient(
  baseUrl: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', [script, baseUrl], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Every line the client prints when all goes well, in order. */
const expectedLines = [
  'ok - open: a client id of 22 base64url characters, ttl and wait in ms',
  'ok - call: add(2, 40) is 42',
  'ok - call: echo round-trips a Sample of every encoding',
  'ok - encoding: a bigint is a decimal string, a Date RFC 3339, bytes padded base64',
  'ok - encoding: the server writes them back the same',
  'ok - call: an optional property may be left out',
  'ok - encoding: a Date with an offset and lower-case t is read; written back in UTC',
  'ok - encoding: a date alone is midnight UTC',
  'ok - encoding: fraction digits past milliseconds are cut, not rounded',
  'ok - encoding: base64 without padding and a bigint with leading zeros are read',
  'ok - error: add(2**53 - 1, 1) is 422 OVERFLOW with details',
  'ok - error: OVERFLOW details',
  'ok - error: a string for a number is 400 BAD_ARGUMENT at args[0]',
  'ok - error: error answers are application/json',
  'ok - error: "soon" is 400 BAD_ARGUMENT at args[0].at',
  'ok - error: a time without an offset is 400 BAD_ARGUMENT at args[0].at',
  'ok - error: "1.5" is 400 BAD_ARGUMENT at args[0].big',
  'ok - error: "+5" is 400 BAD_ARGUMENT at args[0].big',
  'ok - error: "not base64!" is 400 BAD_ARGUMENT at args[0].bytes',
  'ok - error: URL-safe base64 is 400 BAD_ARGUMENT at args[0].bytes',
  'ok - error: "c" is 400 BAD_ARGUMENT at args[0].kind',
  'ok - error: a tuple of 1 is 400 BAD_ARGUMENT at args[0].pair',
  'ok - error: a number in string[] is 400 BAD_ARGUMENT at args[0].tags[1]',
  'ok - error: 1 for a boolean is 400 BAD_ARGUMENT at args[0].attrs["a b"]',
  'ok - error: 1 for a string is 400 BAD_ARGUMENT at args[0].nested.text',
  'ok - error: add(1, 2, 3) is 400 BAD_ARGUMENT at args',
  'ok - error: add(1) is 400 BAD_ARGUMENT at args',
  'ok - error: a call that is not application/json is 415',
  'ok - error: GET of a call is 405 with Allow: POST',
  'ok - error: an unknown method is 404',
  'ok - error: malformed JSON is 400',
  'ok - error: a callback without x-contract-client is 400 BAD_REQUEST',
  'ok - error: {"$cb": n} with another key is 400 BAD_ARGUMENT',
  'ok - error: a negative after is 400 BAD_REQUEST',
  'ok - error: an unknown client id is 410 UNKNOWN_CLIENT, even on a call that needs none',
  'ok - subscribe: the first callback makes 1 subscription',
  'ok - subscribe: a second callback makes 2',
  'ok - subscribers: 2',
  'ok - publish: reaches 2 subscriptions',
  'ok - events: unacknowledged events are answered again, seqs 1, 2, ... in order',
  'ok - events: each carries cb, method and args',
  'ok - events: the first callback gets its burst in order',
  'ok - events: the second callback too',
  'ok - events: tick dates decode',
  'ok - events: after acknowledging, the server forgets: nothing comes again',
  'ok - events: a parked long poll ends with the events',
  'ok - events: long-polled events arrive in order, exactly once',
  'ok - events: a long poll with nothing queued ends empty',
  'ok - release: released callbacks do not count',
  'ok - release: publish reaches the one left',
  'ok - release: only the live callback gets events',
  'ok - release: unknown ids are ignored',
  'ok - release: a bad body is 400',
  'ok - gap: an after beyond the last seq answers a lost gap of one seq, count 0',
  'ok - gap: seqs go on after the lost one',
  'ok - close: the id is refused after with 410 UNKNOWN_CLIENT, reason closed',
  'ok - close: its callbacks are released',
  'ok - gap: an overflow gap reports the oldest seqs dropped, once',
  'ok - gap: then the rest of the burst, in order',
  'all checks passed',
];

describeNeeding('python: ticker_client.py', missingPython(), 'finds python3 (3.11+)', () => {
  const url = useConformanceServer();

  it('passes every check against the conformance server', async () => {
    const { code, stdout, stderr } = await runClient(url());
    // On failure the client's own message (stderr) says which check and why.
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout.trimEnd().split('\n')).toEqual(expectedLines);
  });

  it('exits non-zero with a message when the server cannot be reached', async () => {
    const { code, stdout, stderr } = await runClient('http://127.0.0.1:1');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^FAILED: could not talk to http:\/\/127\.0\.0\.1:1: /);
  });
});
