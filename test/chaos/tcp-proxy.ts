// A TCP proxy the test controls, between a server process and Redis: `cut()` drops every connection
// through it and refuses new ones (a network partition, as that process sees it); `heal()` lets them in again.
import { createConnection, createServer, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  /** The port to connect to instead of the target's. */
  readonly port: number;
  cut(): void;
  heal(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  let open = true;
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };
  const server: Server = createServer((inbound) => {
    track(inbound);
    if (!open) return void inbound.destroy();
    const outbound = createConnection(targetPort, targetHost);
    track(outbound);
    inbound.pipe(outbound).pipe(inbound);
    inbound.once('error', () => outbound.destroy());
    outbound.once('error', () => inbound.destroy());
    inbound.once('close', () => outbound.destroy());
    outbound.once('close', () => inbound.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    port,
    cut() {
      open = false;
      for (const socket of sockets) socket.destroy();
    },
    heal() {
      open = true;
    },
    close() {
      open = false;
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
