// A request written byte for byte to a node:http server, for what fetch will
// not send (it sets the Host header itself): malformed headers, upgrades.
import { connect } from 'node:net';

/**
 * Sends `head` (the request line and headers, without the blank line that
 * ends them) and `body` to the server at `url`, with `connection: close`,
 * and reads the answer until the server closes: a `Response` of its status,
 * headers and body.
 */
export function rawRequest(url: string, head: string, body = ''): Promise<Response> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () =>
      socket.end(`${head}\r\nconnection: close\r\n\r\n${body}`),
    );
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      try {
        resolve(parseAnswer(Buffer.concat(chunks).toString('utf8')));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
}

function parseAnswer(text: string): Response {
  const end = text.indexOf('\r\n\r\n');
  if (end === -1) throw new Error(`no HTTP answer: ${JSON.stringify(text.slice(0, 200))}`);
  const [statusLine = '', ...lines] = text.slice(0, end).split('\r\n');
  const status = Number(statusLine.split(' ')[1]);
  const headers = new Headers();
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  return new Response(text.slice(end + 4), { status, headers });
}
