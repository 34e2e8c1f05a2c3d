// Scale-out on one Redis: the cases of scale-out-cases.ts, two server processes on one prefix.
import { scaleOutCases } from './scale-out-cases.js';
import { describeWithRedis, redisPrefix, redisTarget } from './redis-target.js';

describeWithRedis('redis store: two server processes, no sticky sessions', () =>
  scaleOutCases({
    env: () => ({ STORE: 'redis', REDIS_URL: redisTarget.url, PREFIX: redisPrefix('cluster') }),
    burst: 3_000,
    crashBurst: 10_000,
    wakes: 'PUBLISH',
  }),
);
