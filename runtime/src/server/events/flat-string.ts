/** Written so that the engine cannot drop the character read in `flatString` as unused. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- written and never read on purpose: the write keeps `flatString`'s character read alive
let touched = 0;

/**
 * `text` as one flat string. V8 keeps a concatenation as a tree of pieces
 * until a character is read; reading one makes it copy the pieces into one
 * string. Text kept for long (a callback's event prefixes, an event's
 * arguments queued for thousands of clients) is smaller flat, cheaper to
 * keep through collections and faster to join into an answer.
 */
export function flatString(text: string): string {
  touched ^= text.charCodeAt(0);
  return text;
}
