import { format, resolveConfig, type Options } from 'prettier';

/** What generated code is formatted with when the user has no prettier config. */
const defaults: Options = { singleQuote: true, printWidth: 100 };

/**
 * Formats generated TypeScript in-process, with the user's prettier config for
 * the output path when there is one, so `--check` compares what would really
 * be written and generated files never fight the user's formatter.
 */
export async function formatSource(source: string, outputFile: string): Promise<string> {
  const config = await resolveConfig(outputFile, { editorconfig: false });
  return format(source, { ...defaults, ...config, parser: 'typescript', filepath: outputFile });
}
