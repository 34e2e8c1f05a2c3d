// The chat page's static files (index.html, style.css, app.js) for node:http.
// A fixed list of names, read per request: nothing outside the folder can be
// asked for, and a rebuilt bundle is served without a restart.
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';

const files: Readonly<Record<string, { file: string; type: string }>> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/index.html': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/style.css': { file: 'style.css', type: 'text/css; charset=utf-8' },
  '/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
};

/**
 * Answers a GET or HEAD of one of the page's files from `folder` and returns
 * true; returns false for any other request (the API's). A missing file is
 * a 404 that says how to build the page.
 */
export function servePage(req: IncomingMessage, res: ServerResponse, folder: string): boolean {
  const path = (req.url ?? '/').split('?')[0]!;
  const entry = files[path];
  if (entry === undefined || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
  readFile(join(folder, entry.file)).then(
    (body) => {
      // no-cache: a rebuilt page shows on the next reload.
      res.writeHead(200, {
        'content-type': entry.type,
        'content-length': body.length,
        'cache-control': 'no-cache',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    },
    () => {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(
        `The chat page is not built (${join(folder, entry.file)} is missing). Start the example with \`npm run example\`.\n`,
      );
    },
  );
  return true;
}
