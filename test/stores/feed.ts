import * as s from '../../runtime/src/schema/index.js';

/** The contract of fixtures/store-server.mjs, for the test's client (the server builds the same from the package). */
export const FeedEvents = s.callbackInterface('FeedEvents', { item: [s.number()] });
export const FeedService = s.service('Feed', {
  subscribe: s.method([s.callback(FeedEvents)], s.number()),
  publish: s.method([s.number(), s.number()], s.number()),
});
export const RoomService = s.service('Room', {
  join: s.method([s.callback(FeedEvents)], s.number()),
  publish: s.method([s.number(), s.number()], s.number()),
  size: s.method([], s.number()),
});
export const LedgerService = s.service('Ledger', {
  follow: s.method([s.number(), s.string(), s.callback(FeedEvents)], s.number()),
  publish: s.method([s.number(), s.number()], s.number()),
});
