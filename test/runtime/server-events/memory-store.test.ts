import { memoryStore } from '../../../src/runtime/server/index.js';
import { runStoreSuite } from '../store-suite.js';

runStoreSuite('memory', () => memoryStore());
