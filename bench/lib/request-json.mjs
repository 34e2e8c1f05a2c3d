// One HTTP request with a JSON body (or none) and its answer, for the suites that speak the wire
// protocol directly (chaos, fanout-redis, scale-model).
import * as http from 'node:http';

/**
 * `method` (default POST) `url` with `body` as JSON (none when undefined), over `agent`, with
 * `headers` too; resolves `{ status, json, text }` (`json` undefined when the answer is not JSON),
 * rejects on a network error or no answer within `timeout` ms.
 */
export function requestJson(
  url,
  { method = 'POST', body, agent, headers = {}, timeout = 10_000 } = {},
) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const request = http.request(
      url,
      {
        method,
        agent,
        timeout,
        headers: {
          ...(data === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) }),
          ...headers,
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (c) => (text += c));
        response.on('end', () => {
          let json;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: response.statusCode, json, text });
        });
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeout} ms`)));
    request.on('error', reject);
    request.end(data);
  });
}
