// The `status` command of the room clients (bench/clients/chaos-clients.mjs, socketio-room-clients.mjs).

/**
 * How many of `clients` (each with `max`, the highest n received, `lastNewAt` and `received`) hold
 * every n up to `total`, when the last of them got its last new n, and how many arrivals in all.
 */
export function roomStatus(clients, total) {
  let complete = 0;
  let lastNewAt = 0;
  let delivered = 0;
  for (const c of clients) {
    if (c.max >= total) complete++;
    lastNewAt = Math.max(lastNewAt, c.lastNewAt);
    delivered += c.received.length;
  }
  return { complete, clients: clients.length, lastNewAt, delivered };
}
