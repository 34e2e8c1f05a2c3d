/**
 * `@contract-gen/runtime/server`: serve services over web-standard
 * `Request → Response` (`createRouter`), on any runtime: nothing here imports
 * a Node built-in. `@contract-gen/runtime/server/node` binds a router to
 * node:http and `ws`. Callback arguments arrive as stand-ins; `Broadcast` fans
 * one call out to many of them.
 */
export { defineService } from './define-service.js';
export type {
  ServiceRegistration,
  ServiceOptions,
  ServiceLifetime,
  ClientInfo,
} from './define-service.js';
export { createRouter } from './create-router.js';
export type { Router } from './create-router.js';
export { defaultRouterLimits } from './router-options.js';
export type { RouterOptions, RouterLimits, CallbackResolver } from './router-options.js';
export type { FaultContext } from './fault-context.js';
export type { CallContext } from './call-context.js';
export { ANONYMOUS } from './auth/principal.js';
export type { Principal } from './auth/principal.js';
export type { AuthHook, AuthRequest } from './auth/auth-request.js';
export type { CallName } from './auth/call-name.js';
export { defaultLiveAuth } from './auth/live-auth-options.js';
export type { LiveAuthOptions, Reauthenticate } from './auth/live-auth-options.js';
export { accessRules } from './access/access-rules.js';
export type {
  AccessRule,
  AccessRules,
  AccessRulesFor,
  ServiceAccess,
} from './access/access-rules.js';
export { checkOrigin } from './origin/check-origin.js';
export type { OriginOptions, OriginsOption } from './origin/origin-options.js';
export { acceptWebSocket } from './ws/accept-web-socket.js';
export { defaultWebSocketOptions } from './ws/web-socket-options.js';
export type { WebSocketOptions } from './ws/web-socket-options.js';
export type { WsPeer, UpgradeRequest, WsSessionHandle } from './ws/ws-peer.js';
export { Broadcast } from './events/broadcast.js';
export type { BroadcastSet, BroadcastMethods, BroadcastConstructor } from './events/broadcast.js';
export type { Topic, TopicSet, TopicMethods } from './events/topic.js';
export type { Log, LogSet, LogMethods, LogOptions } from './events/log-topic.js';
export type { LogStart, LogState, LogRetention, LogStoreMethods } from './stores/log-store.js';
export { onReleased, isReleased } from './events/stand-in.js';
export { endCallback } from './events/end-callback.js';
export { createRelay } from './events/relay.js';
export type { Relay, RelayOptions, RelayConnectOptions } from './events/relay.js';
export type { ReleasedCallback, ReleaseReason } from './events/stand-in.js';
export { defaultEventOptions } from './events/event-options.js';
export type { EventOptions } from './events/event-options.js';
export { PRESENCE_GRACE_MS } from './events/presence.js';
export type { PresenceOptions, PresenceClient } from './events/presence.js';
export { memoryStore } from './stores/memory/memory-store.js';
export { eventJson, topicPayload, releaseNotice } from './stores/client-store.js';
export type {
  ClientStore,
  ClientStatus,
  StoreConfig,
  StoreListener,
  OverflowPolicy,
  EndReason,
  ReleaseNoticeReason,
  StoreObserver,
  QueueStats,
  ClientPageRequest,
  ClientPage,
  StoredClientInfo,
  TopicPageRequest,
  TopicPage,
  TopicInfo,
} from './stores/client-store.js';
export type { AdminOptions } from './admin/admin-options.js';
export type {
  AdminSnapshot,
  AdminClient,
  AdminTopic,
  AdminMember,
} from './admin/admin-contract.js';
export type { MetricsOptions, TracingOptions, ProbeOptions } from './observe/observe-options.js';
export type { OtelMeter, OtelTracer } from './observe/otel-types.js';
export { METRIC } from './observe/metric-names.js';
export type { NotReadyReason } from './observe/readiness.js';
export type { CallRecord } from './observe/call-record.js';
export { ReadResult } from './stores/read-result.js';
export { ContractError } from '../protocol/contract-error.js';
export { ServiceError } from '../protocol/service-error.js';
export { createWebhooks } from './webhooks/webhook-sender.js';
export type {
  WebhookSender,
  WebhookSenderOptions,
  WebhookTarget,
  WebhookEndpointInfo,
} from './webhooks/webhook-sender.js';
export type { WebhookUrlPolicy } from './webhooks/webhook-url-policy.js';
export type { WebhookRetryOptions } from './webhooks/retry-schedule.js';
export type { WebhookRecords, WebhookEndpointRecord } from './stores/webhook-records.js';
