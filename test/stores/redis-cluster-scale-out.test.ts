// Scale-out on a Redis Cluster: the cases of scale-out-cases.ts, two server processes on one prefix of
// a three-master cluster (sharded pub/sub for wake-ups).
import { scaleOutCases } from './scale-out-cases.js';
import { describeWithRedisCluster } from '../support/redis-cluster.js';

let places = 0;

describeWithRedisCluster(
  'redis store on a Cluster: two server processes, no sticky sessions',
  (redisCluster) =>
    scaleOutCases({
      env: () => ({
        STORE: 'redis',
        REDIS_CLUSTER: redisCluster()
          .nodes.map(({ host, port }) => `${host}:${port}`)
          .join(','),
        PREFIX: `scale-${process.pid}-${++places}:`,
        LEASE: '1000',
      }),
      burst: 2_000,
      crashBurst: 6_000,
      wakes: 'SPUBLISH',
    }),
);
