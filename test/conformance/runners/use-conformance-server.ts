import { afterAll, beforeAll } from 'vitest';
import { startConformanceServer } from '../../../conformance/server.js';

/**
 * The conformance server for one test file: the one at CONFORMANCE_URL when
 * set (started elsewhere, e.g. `npm run conformance-server`), otherwise one
 * started in this process on a free port before the file's tests and closed
 * after them. Returns a function that gives its base URL once started.
 */
export function useConformanceServer(): () => string {
  let url = process.env['CONFORMANCE_URL'] ?? '';
  let stop: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    if (url !== '') return;
    const server = await startConformanceServer({ port: 0 });
    url = server.url;
    stop = () => server.close();
  });

  afterAll(() => stop?.());

  return () => url;
}
