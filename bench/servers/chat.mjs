// The chat example's server (examples/chat, compiled into build/apps) with
// its caps, on any free port; the page is not needed.
import { startChatServer } from '../../build/apps/examples/chat/server.js';

const server = await startChatServer(0);
process.stdout.write(`${JSON.stringify({ port: server.port })}\n`);
