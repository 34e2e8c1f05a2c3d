// The client conformance suite in headless Chromium (Debian's chromium with
// playwright-core): the same cases as Node, bundled for the browser, tests
// "chromium: <case>". Outside CI a machine without chromium skips them, saying
// so; under CI=true a browser that cannot start fails every case.
import { chromiumSkipReason } from '../browser/launch-chromium.js';
import { chromiumRun } from './runners/chromium-runtime.js';
import { remoteConformanceSuite } from './runners/remote-suite.js';

remoteConformanceSuite('chromium', chromiumRun, { skip: chromiumSkipReason() });
