// What node:http answers or hands over before the router sees a request
// (issue 18): the answers Node writes itself (400 for what does not parse,
// 431 for headers over maxHeaderSize, 408 after requestTimeout) carry the
// security headers and a JSON error with a code, as every other answer of
// createServer; and a request line in absolute form
// (`POST http://host/Ticker/add HTTP/1.1`, RFC 9112 3.2.2) reaches the
// method of its path, the auth hook's `request.url` included, over HTTP and
// for a WebSocket upgrade. After each, the server answers normally.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createServer, type ListeningServer } from '@contract-gen/runtime/server/node';
import { tickerHandlers } from '../../conformance/generated/ticker.server.js';
import { createTickerService } from '../../conformance/ticker-service.js';

const faults: unknown[] = [];
/** The URL the auth hook saw last, through `request.url` (the web Request built from the request line). */
let hookSaw = '';
let server: ListeningServer;
beforeAll(async () => {
  server = await createServer({
    services: [tickerHandlers(createTickerService())],
    auth: (request) => {
      hookSaw = request.request.url;
      return { id: 'anyone' };
    },
    // Node checks for slow requests every 5 s: a 408 comes within 1 to 6 s.
    requestTimeout: 1_000,
    onError: (error) => faults.push(error),
  }).listen(0);
});
afterAll(() => server.close());

/** Writes `text` as it is and reads until the server closes: the raw answer. */
function raw(text: string, { end = true } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1', () =>
      end ? socket.end(text) : socket.write(text),
    );
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('utf8')));
    socket.on('error', reject);
    socket.on('close', () => resolve(answer));
  });
}

function parse(answer: string): { status: number; headers: Headers; body: string } {
  const split = answer.indexOf('\r\n\r\n');
  expect(split, `no HTTP answer: ${JSON.stringify(answer.slice(0, 200))}`).toBeGreaterThan(0);
  const [statusLine = '', ...lines] = answer.slice(0, split).split('\r\n');
  const headers = new Headers();
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  return { status: Number(statusLine.split(' ')[1]), headers, body: answer.slice(split + 4) };
}

function expectRefused(answer: string, status: number, code: string): void {
  const seen = parse(answer);
  expect(seen.status).toBe(status);
  expect(seen.headers.get('x-content-type-options')).toBe('nosniff');
  expect(seen.headers.get('content-security-policy')).toBe(
    "default-src 'none'; frame-ancestors 'none'",
  );
  expect(seen.headers.get('content-type')).toBe('application/json');
  expect(seen.headers.get('connection')).toBe('close');
  expect(Number(seen.headers.get('content-length'))).toBe(Buffer.byteLength(seen.body));
  expect((JSON.parse(seen.body) as { error: { code: string } }).error.code).toBe(code);
}

async function answersNormally(): Promise<void> {
  const answer = await fetch(`${server.url}/Ticker/add`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '[1,2]',
  });
  expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
  expect(await answer.json()).toEqual({ result: 3 });
}

describe('answers Node writes itself carry the security headers and a code', () => {
  it('a request line that is not HTTP: 400 BAD_REQUEST', async () => {
    expectRefused(await raw('NOT HTTP AT ALL\r\n\r\n'), 400, 'BAD_REQUEST');
    await answersNormally();
  });

  it('a malformed chunked body: 400 BAD_REQUEST', async () => {
    const head = `POST /Ticker/add HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n`;
    expectRefused(await raw(`${head}zz\r\n[1,2]\r\n0\r\n\r\n`), 400, 'BAD_REQUEST');
    await answersNormally();
  });

  it('headers over maxHeaderSize (16 KiB): 431 TOO_LARGE', async () => {
    const answer = await raw(
      `GET /_events HTTP/1.1\r\nhost: 127.0.0.1\r\nx-filler: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    expectRefused(answer, 431, 'TOO_LARGE');
    await answersNormally();
  });

  it('a body that does not arrive within requestTimeout: 408 TIMEOUT', async () => {
    const answer = await raw(
      `POST /Ticker/add HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: 10\r\n\r\n[1,`,
      { end: false },
    );
    expectRefused(answer, 408, 'TIMEOUT');
    await answersNormally();
  }, 30_000);
});

describe('a request line in absolute form', () => {
  it('reaches the method of its path; the hook sees the path and query under the Host header', async () => {
    const body = '[1,2]';
    const answer = parse(
      await raw(
        `POST http://elsewhere.example/Ticker/add?x=1 HTTP/1.1\r\nhost: 127.0.0.1:${server.port}\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n${body}`,
      ),
    );
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(JSON.parse(answer.body)).toEqual({ result: 3 });
    expect(hookSaw).toBe(`http://127.0.0.1:${server.port}/Ticker/add?x=1`);
    await answersNormally();
  });

  it('without a path: the path /, which no method has (404 NOT_FOUND)', async () => {
    const answer = parse(
      await raw(
        `POST http://127.0.0.1:${server.port} HTTP/1.1\r\nhost: 127.0.0.1:${server.port}\r\ncontent-type: application/json\r\ncontent-length: 2\r\nconnection: close\r\n\r\n[]`,
      ),
    );
    expect(answer.status).toBe(404);
    expect((JSON.parse(answer.body) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    await answersNormally();
  });

  it('for a WebSocket upgrade: the socket opens and says welcome', async () => {
    const key = Buffer.from('0123456789abcdef').toString('base64');
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(server.port, '127.0.0.1', () =>
        socket.write(
          `GET http://127.0.0.1:${server.port}/_ws HTTP/1.1\r\nhost: 127.0.0.1:${server.port}\r\nupgrade: websocket\r\nconnection: Upgrade\r\nsec-websocket-key: ${key}\r\nsec-websocket-version: 13\r\n\r\n`,
        ),
      );
      let text = '';
      socket.on('data', (chunk: Buffer) => {
        text += chunk.toString('latin1');
        if (text.includes('\r\n\r\n')) {
          socket.destroy();
          resolve(text);
        }
      });
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 101 /);
    expect(hookSaw).toBe(`http://127.0.0.1:${server.port}/_ws`);
    // And an ordinary socket still works.
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/_ws`);
    const welcome = new Promise<string>((resolve, reject) => {
      ws.on('message', (data: Buffer) => resolve(data.toString('utf8')));
      ws.on('error', reject);
    });
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send('{"type":"hello"}');
    expect(JSON.parse(await welcome)).toMatchObject({ type: 'welcome' });
    ws.close();
  });
});

it('left no server fault behind', () => {
  expect(faults).toEqual([]);
});
