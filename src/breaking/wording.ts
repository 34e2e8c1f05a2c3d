import type { Site } from './flow.js';

/** `Parameter 'x' ...` from `parameter 'x' ...`. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** ` (reached from parameter 'patch' of 'Board.update')` for a change inside a named type, else nothing. */
export function reachedFrom(site: Site): string {
  return site.via ? ` (reached from ${site.via})` : '';
}

/** What a removal or addition means for the deployed side, by flow. */
export const consequence = {
  input: 'clients built before may still send it',
  output: 'clients built before cannot read it',
} as const;
