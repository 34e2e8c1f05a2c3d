// webhookFetch (the sender's node:http `fetch`): what reaches a real server, aborts, and what it refuses.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { webhookFetch } from '../../runtime/src/server/node/index.js';
import { stopAfterEach } from './support.js';

const { servers } = stopAfterEach();

/** A server on `host` that records each request's method, URL, headers and body, and answers `status`. */
async function recorder(host: string, status = 200) {
  const seen: {
    method: string | undefined;
    url: string | undefined;
    headers: IncomingHttpHeaders;
    body: string;
  }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body });
      res.writeHead(status).end('{"received":1}');
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return { seen, port: (server.address() as AddressInfo).port };
}

describe('webhookFetch', () => {
  it('sends the method, path, query, headers and body, with Host and the byte length, and answers the status', async () => {
    const { seen, port } = await recorder('127.0.0.1', 204);
    const post = webhookFetch();
    const url = `http://127.0.0.1:${port}/hooks/a?x=1`;
    const body = '{"text":"é✓"}';
    const given = {
      'content-type': 'application/json',
      'webhook-id': 'msg_1',
      'Content-Length': '1',
    };
    expect((await post(url, { method: 'POST', headers: given, body })).status).toBe(204);
    const headers = new Headers({ 'webhook-id': 'msg_2' });
    expect((await post(url, { method: 'POST', headers, body })).status).toBe(204);
    await post(url, { method: 'POST', headers: [['webhook-id', 'msg_3']], body });
    expect(seen.map((r) => [r.method, r.url, r.body])).toEqual(
      Array.from({ length: 3 }, () => ['POST', '/hooks/a?x=1', body]),
    );
    expect(seen.map((r) => r.headers['webhook-id'])).toEqual(['msg_1', 'msg_2', 'msg_3']);
    for (const { headers: got } of seen)
      expect([got.host, got['content-length']]).toEqual([
        `127.0.0.1:${port}`,
        String(Buffer.byteLength(body)),
      ]);
    expect(seen[0]?.headers['content-type']).toBe('application/json');
  });

  it('reaches an IPv6 literal', async () => {
    const { seen, port } = await recorder('::1');
    const answer = await webhookFetch()(`http://[::1]:${port}/hooks`, {
      method: 'POST',
      body: 'x',
    });
    expect([answer.status, seen[0]?.headers.host]).toEqual([200, `[::1]:${port}`]);
  });

  it('rejects with the signal’s reason when aborted, before or while waiting', async () => {
    const silent = createServer(() => {});
    servers.push(silent);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/hooks`;
    const post = webhookFetch();
    const before = new AbortController();
    before.abort(new Error('not wanted'));
    await expect(post(url, { method: 'POST', body: 'x', signal: before.signal })).rejects.toThrow(
      'not wanted',
    );
    const during = new AbortController();
    const pending = post(url, { method: 'POST', body: 'x', signal: during.signal });
    setTimeout(() => during.abort(new DOMException('too slow', 'TimeoutError')), 50);
    await expect(pending).rejects.toThrow('too slow');
  });

  it('refuses what is not an http(s) URL with a TypeError', async () => {
    const post = webhookFetch();
    await expect(post('ftp://127.0.0.1/hooks', { method: 'POST' })).rejects.toThrow(TypeError);
    await expect(post('not a url', { method: 'POST' })).rejects.toThrow(TypeError);
  });
});
