/**
 * This runtime's version, kept equal to `version` in runtime/package.json (a
 * test holds them together). Generated code names the version of contract-gen
 * that wrote it; `requireRuntime` compares the two at import.
 */
export const RUNTIME_VERSION = '0.1.0';
