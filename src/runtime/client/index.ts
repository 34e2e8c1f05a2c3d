/**
 * `contract-gen/client`: call services. Browser-safe: only `fetch`,
 * `AbortController` and timers, no Node built-ins.
 */
export { connect } from './connect.js';
export { connectInProcess } from './connect-in-process.js';
export type { InProcessRouter } from './connect-in-process.js';
export type { Connection, ConnectOptions, HeadersOption } from './connection.js';
export { ContractError } from '../protocol/contract-error.js';
export { ServiceError } from '../protocol/service-error.js';
