import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
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
 */
export function runLsp(args: LspArgs): Promise<number> {
  const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  const flags: FlagOptions = { dir: args.dir, config: args.config };
  return new Promise((done) => {
    const server = createLspServer({
      write: (bytes) => process.stdout.write(bytes),
      locate: async (root) => {
        const options = await resolveOptions(flags, root);
        return {
          contractsDir: resolve(root, options.dir),
          ...(options.configFile ? { configFile: resolve(root, options.configFile) } : {}),
        };
      },
      cwd: process.cwd(),
      version,
      exit: (code) => {
        // Let go of stdin so the process can end once stdout has drained.
        process.stdin.off('data', onData);
        process.stdin.pause();
        process.stdin.unref?.();
        done(code);
      },
    });
    const onData = (chunk: Buffer) => server.push(chunk);
    process.stdin.on('data', onData);
    process.stdin.once('end', () => server.end());
    // The editor went away mid-write, or stopped the server with a signal:
    // end cleanly (the mirror folder in tmp is removed) rather than die.
    process.stdout.on('error', () => server.end());
    process.once('SIGTERM', () => server.end());
    process.once('SIGINT', () => server.end());
  });
}
