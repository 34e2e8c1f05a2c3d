import { configKeys, type ContractGenConfig } from './config.js';

/** A config file that cannot be used: the CLI prints it and exits 2. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
  }
}

const choices: Partial<Record<keyof ContractGenConfig, readonly string[]>> = {
  target: ['both', 'server', 'client'],
  importExtension: ['.js', '.ts', ''],
  contractTypes: ['import', 'copy'],
};

/** Checks a loaded config's shape, naming the first bad key and what it may be. */
export function validateConfig(value: unknown, file: string): ContractGenConfig {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError(
      file,
      'the config must be an object (export default defineConfig({ ... })).',
    );
  }
  for (const [key, field] of Object.entries(value)) {
    if (!(configKeys as readonly string[]).includes(key)) {
      throw new ConfigError(
        file,
        `unknown option '${key}'. Known options: ${configKeys.join(', ')}.`,
      );
    }
    const allowed = choices[key as keyof ContractGenConfig];
    if (allowed ? !allowed.includes(field as string) : typeof field !== 'string') {
      const expected = allowed
        ? `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`
        : 'a string';
      throw new ConfigError(
        file,
        `option '${key}' must be ${expected}, not ${JSON.stringify(field)}.`,
      );
    }
  }
  return value;
}
