import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { Argv } from 'yargs';
import { closestName } from '../text/closest-name.js';
import { exitCodes } from './exit-codes.js';
import type { DiagnosticFormat } from './format-diagnostics.js';
import { reportInternalError } from './report-internal-error.js';
import { terminal } from './terminal.js';

const version = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

/**
 * yargs' CommonJS build: its help layout wraps with wrap-ansi, at word
 * boundaries. The ES module build ships a stand-in that cuts lines at the
 * column, mid-word ("docu" / "ments" when the help is piped).
 */
const yargs = createRequire(import.meta.url)('yargs/yargs') as (args: string[]) => Argv;

/** The commands, for "did you mean" on a mistyped one. */
const commandNames = ['generate', 'check', 'docs', 'breaking', 'init', 'lsp'];

/** Flags every command shares. */
export interface OutputFlags {
  readonly format: DiagnosticFormat;
  readonly quiet: boolean;
}

/**
 * Runs the command line and resolves with the exit code. The commands import
 * the generator lazily: ts-morph takes a while to load, `--help` must not.
 * Defaults of options that a config file may set are applied after it is
 * read (flags > config > defaults), so yargs itself holds none.
 */
export async function main(argv: readonly string[]): Promise<number> {
  let code: number = exitCodes.ok;
  let debug = argv.includes('--debug');
  const term = terminal();
  const typo = mistypedCommand(argv, term.cwd);
  if (typo) {
    term.err(
      `contract-gen: Unknown command '${typo.typed}'. Did you mean '${typo.meant}'?\nRun 'contract-gen --help' for usage.\n`,
    );
    return exitCodes.usage;
  }
  const parser = yargs([...argv])
    .scriptName('contract-gen')
    .wrap(Math.min(100, process.stdout.columns || 100))
    .version(version)
    .strict()
    .usage(
      '$0 [command] [dir] [options]\n\nTyped contracts with one-way callbacks: checks contracts/ and emits generated/.',
    )
    .option('format', {
      choices: ['text', 'json', 'github'] as const,
      default: 'text' as const,
      describe: 'How diagnostics are printed',
    })
    .option('quiet', {
      alias: 'q',
      type: 'boolean',
      default: false,
      describe: 'Print only problems',
    })
    .option('debug', {
      type: 'boolean',
      default: false,
      describe: 'Print stack traces of internal errors',
    })
    .option('config', {
      type: 'string',
      describe: 'A config file (default: the nearest contract-gen.config.{ts,mjs,js,json})',
    })
    .command(
      ['generate [dir]', '$0 [dir]'],
      'Check the contracts and emit code (the default command)',
      (y) => generateOptions(y),
      async (args) => {
        const { runGenerate } = await import('./run-generate.js');
        code = await runGenerate(args, term);
      },
    )
    .command(
      'check [dir]',
      'Check the contracts and print diagnostics; emit nothing',
      (y) =>
        y.positional('dir', {
          type: 'string',
          describe: 'The contracts folder [default: contracts]',
        }),
      async (args) => {
        const { runCheck } = await import('./run-generate.js');
        code = await runCheck(args, term);
      },
    )
    .command(
      'docs [dir]',
      'Write the OpenAPI 3.1 (calls) and AsyncAPI 3.0 (callback events) documents of the contracts',
      (y) =>
        y
          .positional('dir', {
            type: 'string',
            describe: 'The contracts folder [default: contracts]',
          })
          .option('out', { type: 'string', default: 'docs/api', describe: 'The output folder' })
          .option('title', {
            type: 'string',
            describe: 'info.title [default: name in the nearest package.json]',
          })
          .option('api-version', {
            type: 'string',
            describe: 'info.version [default: version in the nearest package.json]',
          })
          .option('server', {
            type: 'string',
            default: 'http://localhost:3000',
            describe: 'The server URL, base path included',
          })
          .option('check', {
            type: 'boolean',
            default: false,
            describe: 'Write nothing; exit 1 when the documents are missing or stale',
          }),
      async (args) => {
        const { runDocs } = await import('./run-docs.js');
        code = await runDocs(args, term);
      },
    )
    .command(
      'breaking [dir]',
      'Report changes that break existing clients or servers, against a git ref or a saved model (exit 1 if any)',
      (y) =>
        y
          .positional('dir', {
            type: 'string',
            describe: 'The contracts folder [default: contracts]',
          })
          .option('against', {
            type: 'string',
            describe: 'A git ref (HEAD, origin/main, v1.2.0) or a model file saved with --save',
          })
          .option('save', {
            type: 'string',
            describe: "Save the contracts' model as JSON to this file, to compare against later",
          })
          .check((args) => {
            if (Boolean(args.against) === Boolean(args.save))
              throw new UsageError(
                'breaking needs exactly one of --against <git-ref | model file> and --save <file>.',
              );
            return true;
          }),
      async (args) => {
        const { runBreaking } = await import('./run-breaking.js');
        code = await runBreaking(args, term);
      },
    )
    .command(
      'init',
      'Set up a project that runs: an example contract, config, tsconfig, a server and a client, package.json',
      (y) => y,
      async (args) => {
        const { runInit } = await import('./run-init.js');
        code = runInit(args, term);
      },
    )
    .command(
      'lsp [dir]',
      'Run a language server on stdin/stdout: live diagnostics of the contracts in an editor (see docs/editors.md)',
      (y) =>
        y.positional('dir', {
          type: 'string',
          describe:
            'The contracts folder, from the workspace root [default: from the config, else contracts]',
        }),
      async (args) => {
        const { runLsp } = await import('./run-lsp.js');
        code = await runLsp(args);
      },
    )
    .fail((message, error) => {
      // Throwing stops yargs from running the command anyway.
      throw error ?? new UsageError(withSuggestions(message, knownFlags(parser)));
    })
    .help()
    .alias('h', 'help')
    .alias('v', 'version');
  try {
    debug = Boolean((await parser.parseAsync()).debug) || debug;
    return code;
  } catch (error) {
    if (error instanceof UsageError || (error as Error | undefined)?.name === 'ConfigError') {
      term.err(`contract-gen: ${(error as Error).message}\nRun 'contract-gen --help' for usage.\n`);
      return exitCodes.usage;
    }
    return reportInternalError(error, debug);
  }
}

/**
 * A first word that is no command and no file or folder, but one edit or two
 * from a command (`chek`): a typo, not a contracts folder. The default
 * command takes a folder as its first word, so this is looked at before yargs
 * would read it as one.
 */
function mistypedCommand(
  argv: readonly string[],
  cwd: string,
): { typed: string; meant: string } | undefined {
  const first = argv[0];
  if (first === undefined || first.startsWith('-') || commandNames.includes(first))
    return undefined;
  const meant = closestName(first, commandNames);
  if (!meant || existsSync(resolve(cwd, first))) return undefined;
  return { typed: first, meant };
}

/** The long flags (and their aliases) yargs knows at the point it failed. */
function knownFlags(parser: Argv): string[] {
  const options = (
    parser as unknown as {
      getOptions(): { key: Record<string, unknown>; alias: Record<string, string[]> };
    }
  ).getOptions();
  const names = new Set(Object.keys(options.key));
  for (const aliases of Object.values(options.alias)) aliases.forEach((a) => names.add(a));
  return [...names].filter((name) => name.length > 1 && name !== '$0');
}

/** yargs' "Unknown argument(s): quite" with "did you mean --quiet?" for each that is a near miss of a flag or command. */
function withSuggestions(message: string, flags: readonly string[]): string {
  const match = /^Unknown arguments?: (.*)$/.exec(message);
  if (!match) return message;
  const hints: string[] = [];
  for (const typed of match[1]!.split(', ')) {
    const flag = closestName(typed, flags);
    const command = flag ? undefined : closestName(typed, commandNames);
    if (flag) hints.push(`Did you mean --${flag} (not --${typed})?`);
    else if (command) hints.push(`Did you mean the command '${command}' (not '${typed}')?`);
  }
  return [message, ...hints].join('\n');
}

function generateOptions<T>(y: Argv<T>) {
  return y
    .positional('dir', { type: 'string', describe: 'The contracts folder [default: contracts]' })
    .option('out', { type: 'string', describe: 'The output folder [default: generated]' })
    .option('check', {
      type: 'boolean',
      default: false,
      describe: 'Write nothing; exit 1 when the output is missing, stale or orphaned',
    })
    .option('watch', {
      alias: 'w',
      type: 'boolean',
      default: false,
      describe: 'Regenerate on every change of the contracts or the config',
    })
    .check((args) => {
      if (args.watch && args.check)
        throw new UsageError('--watch and --check do not go together: --check runs once, for CI.');
      return true;
    })
    .option('target', {
      choices: ['both', 'server', 'client'] as const,
      describe: 'Which half to emit [default: both]',
    })
    .option('runtime', {
      type: 'string',
      describe:
        'The package generated code imports its runtime from [default: @contract-gen/runtime]',
    })
    .option('import-extension', {
      choices: ['.js', '.ts', ''] as const,
      describe: 'How generated relative imports end [default: from tsconfig, else .js]',
    })
    .option('contract-types', {
      choices: ['import', 'copy'] as const,
      describe:
        'import the contract types from contracts/, or copy them into <name>.types.ts [default: import]',
    });
}

/** A wrong command line: exit 2 with yargs' message, never a stack trace. */
class UsageError extends Error {}
