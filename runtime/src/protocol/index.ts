/**
 * `@contract-gen/runtime/protocol`: the wire messages and errors shared by client and
 * server. Browser-safe: no Node built-ins.
 */
export { errorStatus, isErrorCode, APPLICATION_ERROR_STATUS } from './error-codes.js';
export type { ErrorCode } from './error-codes.js';
export { ContractError } from './contract-error.js';
export type { ContractErrorOptions } from './contract-error.js';
export { ServiceError } from './service-error.js';
export { toErrorBody } from './to-error-body.js';
export type { ErrorAnswer } from './to-error-body.js';
export { fromErrorBody } from './from-error-body.js';
export {
  CLIENT_HEADER,
  CALL_HEADER,
  CALL_ID_PATTERN,
  JSON_MEDIA_TYPE,
  EVENT_ENDPOINTS,
  REF_HEADER,
  UNREF_ENDPOINT,
  isCallbackRef,
  isReleaseNotice,
} from './messages.js';
export type {
  CallBody,
  ResultBody,
  ErrorBody,
  WireError,
  CallbackRef,
  WireEvent,
  WireReleaseNotice,
  WireEntry,
  WireGap,
  GapReason,
  EventsBody,
  OpenBody,
  ReleaseBody,
  ClientEndReason,
} from './messages.js';
export { WS_ENDPOINT, WS_CLOSE } from './ws-frames.js';
export type {
  ClientFrame,
  HelloFrame,
  CallFrame,
  AckFrame,
  ReleaseFrame,
  CloseFrame,
  PongFrame,
  ServerFrame,
  WelcomeFrame,
  EventsFrame,
  AnswerFrame,
  ErrorFrame,
  GoneFrame,
  PingFrame,
} from './ws-frames.js';
