// The server of the recovery suite: a Feed topic kept in a SQLite store (a client's id and
// queue survive a restart), on PORT, with the file DB. Prints {"port": n} once it listens;
// the suite SIGKILLs it and starts it again on the same port and file.
import { defineService } from '@contract-gen/runtime/server';
import { createServer } from '@contract-gen/runtime/server/node';
import { sqliteStore } from '@contract-gen/runtime/server/sqlite';
import * as s from '@contract-gen/runtime/schema';

const FeedEvents = s.callbackInterface('FeedEvents', { item: [s.number()] });
const Room = s.service('Room', { join: s.method([s.callback(FeedEvents)], s.number()) });

let room;
const server = createServer({
  services: [defineService(Room, { join: async (events) => (await room.add(events), 1) })],
  events: { store: sqliteStore({ path: process.env.DB }) },
});
room = server.topic(FeedEvents, 'room');
const listening = await server.listen(Number(process.env.PORT));
process.stdout.write(`${JSON.stringify({ port: listening.port })}\n`);
