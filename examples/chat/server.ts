// The chat example: `npm run example`, then open http://localhost:3000.
import { pathToFileURL } from 'node:url';
import { createServer, type ListeningServer } from 'contract-gen/server';
import { chatHandlers } from '../../generated/chat.server.js';
import { createChatService } from './chat-service.js';

/** Starts the chat server; `port` 0 picks a free one. */
export function startChatServer(port: number, host = '127.0.0.1'): Promise<ListeningServer> {
  return createServer({ services: [chatHandlers(createChatService())] }).listen(port, host);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const server = await startChatServer(Number(process.env['PORT'] ?? 3000));
  console.log(`contract-gen chat example listening on ${server.url}`);
}
