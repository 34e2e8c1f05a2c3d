import type { say as fullSay } from './messages.js';

/**
 * The browser build of messages.ts (the package's `browser` field swaps it
 * in): the message id and its facts, without the words, so a page does not
 * download them. `no-answer: http://host/api/Chat/post, 5000` for Node's
 * `No answer from http://host/api/Chat/post within 5000 ms.`; docs/errors.md
 * words each id. The error's code, status, path, expected and received are
 * the same in both builds.
 */
export const say: typeof fullSay = (id, ...facts) =>
  facts.length === 0 ? id : `${id}: ${facts.join(', ')}`;
