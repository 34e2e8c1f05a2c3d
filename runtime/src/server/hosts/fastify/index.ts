/**
 * `@contract-gen/runtime/server/fastify`: a router as a Fastify plugin
 * (docs/hosts.md). Fastify is imported for its types only: an optional peer
 * of the application.
 */
export { contractPlugin } from './fastify-plugin.js';
export type { ContractPluginOptions } from './fastify-plugin.js';
