import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createConnection } from 'vscode-languageserver/node';
import { createLspServer } from '../lsp/lsp-server.js';
import { resolveOptions, type FlagOptions } from './resolve-options.js';

export interface LspArgs {
  readonly dir?: string | undefined;
  readonly config?: string | undefined;
}

/**
 * `contract-gen lsp`: a language server on stdin/stdout until the client
 * sends `exit` (or closes stdin). The contracts folder is found as
 * `contract-gen check` finds it, from the workspace root the client names
 * (flags > config file > `contracts`). Nothing but LSP messages may reach
 * stdout, so the server's own notes go to the client as log messages.
 *
 * The connection is vscode-languageserver's: it ends the process itself on
 * `exit` (0 after `shutdown`, 1 without, as the spec says), when stdin
 * closes, and when the client process named in `initialize` is gone; so
 * the returned promise never settles. Nothing is left behind to clean up.
 */
export function runLsp(args: LspArgs): Promise<number> {
  const version = (
    JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    }
  ).version;
  const flags: FlagOptions = { dir: args.dir, config: args.config };
  createLspServer(createConnection(process.stdin, process.stdout), {
    locate: async (root) => {
      const options = await resolveOptions(flags, root);
      return {
        contractsDir: resolve(root, options.dir),
        ...(options.configFile ? { configFile: resolve(root, options.configFile) } : {}),
      };
    },
    cwd: process.cwd(),
    version,
  });
  return new Promise(() => {});
}
