// The Redis the benchmarks that need one use: CONTRACT_GEN_REDIS_URL, or the local default.
import { Redis } from 'ioredis';

/** `CONTRACT_GEN_REDIS_URL`, or `redis://127.0.0.1:6379`. */
export const benchRedisUrl = process.env.CONTRACT_GEN_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * An ioredis connection to `benchRedisUrl` that fails at once instead of retrying; throws, naming
 * `suite` and how to point it elsewhere, when Redis does not answer. The caller closes it.
 */
export async function connectBenchRedis(suite) {
  const redis = new Redis(benchRedisUrl, {
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
    lazyConnect: true,
  });
  redis.on('error', () => {});
  try {
    await redis.connect();
  } catch (error) {
    throw new Error(
      `the ${suite} suite needs Redis at ${benchRedisUrl} (set CONTRACT_GEN_REDIS_URL): ${error.message}`,
    );
  }
  return redis;
}
