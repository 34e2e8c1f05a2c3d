/**
 * `@contract-gen/runtime/client` as browsers get it (the export's `browser`
 * condition): everything index.ts exports, with the `connect` of
 * connect-browser.ts, which leaves out the node:http sender. `export *`
 * keeps the two lists from drifting; a module's own export of a name wins
 * over the one `export *` would bring.
 */
export * from './index.js';
export { connect } from './connect-browser.js';
