import { readFileSync } from 'node:fs';
import yargs from 'yargs';
import { exitCodes } from './exit-codes.js';
import type { DiagnosticFormat } from './format-diagnostics.js';
import { reportInternalError } from './report-internal-error.js';
import { terminal } from './terminal.js';

const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

interface CommonArgs {
  dir: string;
  format: DiagnosticFormat;
  debug: boolean;
  quiet: boolean;
}

/**
 * Runs the command line and resolves with the exit code. The commands import
 * the generator lazily: ts-morph takes a while to load, `--help` must not.
 */
export async function main(argv: readonly string[]): Promise<number> {
  let code: number = exitCodes.ok;
  let debug = argv.includes('--debug');
  const parser = yargs([...argv])
    .scriptName('contract-gen')
    .version(version)
    .strict()
    .usage('$0 [command] [dir] [options]\n\nTyped contracts with one-way callbacks: checks contracts/ and emits generated/.')
    .option('format', { choices: ['text', 'json', 'github'] as const, default: 'text' as const, describe: 'How diagnostics are printed' })
    .option('quiet', { type: 'boolean', default: false, describe: 'Print only problems' })
    .option('debug', { type: 'boolean', default: false, describe: 'Print stack traces of internal errors' })
    .command(
      ['generate [dir]', '$0 [dir]'],
      'Check the contracts and emit code (the default command)',
      (y) =>
        y
          .positional('dir', { type: 'string', default: 'contracts', describe: 'The contracts folder' })
          .option('out', { type: 'string', default: 'generated', describe: 'The output folder' })
          .option('check', { type: 'boolean', default: false, describe: 'Write nothing; exit 1 when the output is missing, stale or orphaned' })
          .option('target', { choices: ['both', 'server', 'client'] as const, default: 'both' as const, describe: 'Which half to emit' })
          .option('runtime', { type: 'string', default: 'contract-gen', describe: 'The package generated code imports its runtime from' }),
      async (args) => {
        debug = args.debug;
        const { runGenerate } = await import('./run-generate.js');
        code = await runGenerate({ ...(args as CommonArgs), out: args.out, check: args.check, target: args.target, runtime: args.runtime }, terminal());
      },
    )
    .command(
      'check [dir]',
      'Check the contracts and print diagnostics; emit nothing',
      (y) => y.positional('dir', { type: 'string', default: 'contracts', describe: 'The contracts folder' }),
      async (args) => {
        debug = args.debug;
        const { runCheck } = await import('./run-generate.js');
        code = await runCheck(args as CommonArgs, terminal());
      },
    )
    .fail((message, error) => {
      // Throwing stops yargs from running the command anyway.
      throw error ?? new UsageError(message);
    })
    .help()
    .alias('h', 'help')
    .alias('v', 'version');
  try {
    await parser.parseAsync();
    return code;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`contract-gen: ${error.message}\nRun 'contract-gen --help' for usage.\n`);
      return exitCodes.usage;
    }
    return reportInternalError(error, debug);
  }
}

/** A wrong command line: exit 2 with yargs' message, never a stack trace. */
class UsageError extends Error {}
