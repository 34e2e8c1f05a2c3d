/**
 * `@contract-gen/runtime/client`: call services and receive their callbacks.
 * Browser-safe: only `fetch`, `AbortController`, timers and a `WebSocket`
 * (the runtime's, or one passed in), no Node built-ins.
 */
export { connect } from './connect.js';
export { connectInProcess } from './connect-in-process.js';
export type { InProcessRouter } from './connect-in-process.js';
export type {
  Connection,
  CallOptions,
  ConnectionState,
  StateListener,
  TransportKind,
} from './connection.js';
export { referenceOf, releaseReference, type HeldReference } from './reference-proxy.js';
export type {
  ConnectOptions,
  HeadersOption,
  EventsMode,
  BackoffOptions,
  TransportOption,
  WebSocketConstructor,
  WebSocketLike,
  NodeHttpModule,
} from './connect-options.js';
export type { CallbackHandle } from './callback-handle.js';
export type { EventGap, EventError, LogPosition } from './event-reports.js';
export type { TransportFallback } from './fallback-report.js';
export {
  resubscribeCalls,
  type ReleaseNotice,
  type ResubscribeOutcome,
  type Resubscribe,
  type Subscriptions,
} from './resubscribe.js';
export { bearerToken, type BearerToken, type TokenProvider } from './credentials.js';
export type { SessionStore, SavedSession, SavedCallback } from './session-store.js';
export type { CallbackBinding, ResumeOutcome, ResumeTarget } from './resume-bindings.js';
export { webStorageSession, type WebStorageLike } from './web-storage-session.js';
export { keepSession, type SessionOption } from './session-keeper.js';
export { ContractError } from '../protocol/contract-error.js';
export { ServiceError } from '../protocol/service-error.js';
export { webhookTarget } from './webhook-target.js';
export type { WebhookTargetSpec } from './webhook-target.js';
