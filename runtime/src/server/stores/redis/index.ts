/**
 * `@contract-gen/runtime/server/redis`: the Redis client store, for several server
 * processes behind one address. Importing it loads `ioredis` (an optional
 * peer dependency of contract-gen).
 */
export { redisStore } from './redis-store.js';
export type { RedisStoreOptions } from './redis-store.js';
export type { RedisConnection } from './redis-connections.js';
