import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exitCodes } from './exit-codes.js';
import type { OutputFlags } from './main.js';
import type { Terminal } from './terminal.js';

const example = `import type { Callback, Service } from 'contract-gen';

// A contract is plain TypeScript. Run \`npx contract-gen check\` after each edit,
// and \`npx contract-gen\` to (re)generate generated/.

/** A message as every subscriber sees it. Dates cross the wire as ISO strings. */
export interface Greeting {
  from: string;
  text: string;
  at: Date;
}

/**
 * Events the server sends to a client: one-way, so every method returns void.
 * Passing this interface to a service method is how a client subscribes.
 */
export interface GreeterEvents extends Callback {
  greeted(greeting: Greeting): void;
}

/** Methods a client calls on the server: each returns a Promise. */
export interface Greeter extends Service {
  /** Greets everyone listening and returns the greeting as sent. */
  greet(from: string, text: string): Promise<Greeting>;
  /** Subscribes \`events\` to every greeting; returns how many are listening. */
  listen(events: GreeterEvents): Promise<number>;
}
`;

const config = `${JSON.stringify({ contracts: 'contracts', out: 'generated' }, null, 2)}\n`;

const scripts: Record<string, string> = {
  generate: 'contract-gen generate',
  'generate:check': 'contract-gen generate --check',
};

/**
 * `contract-gen init`: a commented example contract, a config file and npm
 * scripts. Refuses to overwrite anything: if a file it would create exists,
 * it writes nothing and says which.
 */
export function runInit(args: OutputFlags, term: Terminal): number {
  const files = [
    { path: join('contracts', 'greeter.ts'), contents: example },
    { path: 'contract-gen.config.json', contents: config },
  ];
  const existing = files.filter((f) => existsSync(join(term.cwd, f.path))).map((f) => f.path);
  if (existing.length > 0) {
    term.err(
      `contract-gen init: not overwriting ${existing.join(', ')}. Remove ${existing.length === 1 ? 'it' : 'them'} or edit by hand.\n`,
    );
    return exitCodes.failed;
  }
  mkdirSync(join(term.cwd, 'contracts'), { recursive: true });
  for (const file of files) writeFileSync(join(term.cwd, file.path), file.contents);
  const added = addScripts(term.cwd);
  if (!args.quiet) {
    const lines = [
      ...files.map((f) => `  created ${f.path}`),
      ...added.map((s) => `  added npm script "${s}"`),
    ];
    term.err(
      `${lines.join('\n')}\nNext: npx contract-gen check, then npx contract-gen to generate ${'generated/'}.\n`,
    );
  }
  return exitCodes.ok;
}

/** Adds the scripts package.json lacks; one it already has is left as it is. */
function addScripts(cwd: string): string[] {
  const file = join(cwd, 'package.json');
  if (!existsSync(file)) return [];
  const text = readFileSync(file, 'utf8');
  const pkg = JSON.parse(text) as { scripts?: Record<string, string> };
  const current = pkg.scripts ?? {};
  const added = Object.keys(scripts).filter((name) => !(name in current));
  if (added.length === 0) return [];
  pkg.scripts = { ...current, ...Object.fromEntries(added.map((name) => [name, scripts[name]!])) };
  const indent = /^[ \t]+/m.exec(text)?.[0] ?? '  ';
  writeFileSync(file, `${JSON.stringify(pkg, null, indent)}\n`);
  return added;
}
