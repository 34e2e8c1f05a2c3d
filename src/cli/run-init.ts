import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { exitCodes } from './exit-codes.js';
import * as files from './init-files.js';
import { mergePackageJson } from './init-package-json.js';
import type { OutputFlags } from './main.js';
import type { Terminal } from './terminal.js';

/**
 * `contract-gen init`: a project that runs — an example contract, a config
 * generating into `src/generated/`, a strict tsconfig with `rootDir: "src"`,
 * a server and a client on the generated code, and package.json with
 * `"type": "module"`, the npm scripts and the dependencies.
 *
 * Never overwrites: if the contract or the config exists, it writes nothing
 * and says which; an existing tsconfig.json, src/server.ts, src/client.ts or
 * .gitignore is kept as it is, and package.json only gains the fields it lacks.
 */
export function runInit(args: OutputFlags, term: Terminal): number {
  const required = [
    { path: join('contracts', 'greeter.ts'), contents: files.contract },
    { path: 'contract-gen.config.json', contents: files.config },
  ];
  const optional = [
    { path: 'tsconfig.json', contents: files.tsconfig },
    { path: join('src', 'server.ts'), contents: files.server },
    { path: join('src', 'client.ts'), contents: files.client },
    { path: '.gitignore', contents: files.gitignore },
  ];
  const exists = (path: string) => existsSync(join(term.cwd, path));
  const existing = required.filter((f) => exists(f.path)).map((f) => f.path);
  if (existing.length > 0) {
    term.err(
      `contract-gen init: not overwriting ${existing.join(', ')}. Remove ${existing.length === 1 ? 'it' : 'them'} or edit by hand.\n`,
    );
    return exitCodes.failed;
  }
  const lines: string[] = [];
  for (const file of [...required, ...optional]) {
    if (exists(file.path)) {
      lines.push(`  kept ${file.path} (exists)`);
      continue;
    }
    mkdirSync(dirname(join(term.cwd, file.path)), { recursive: true });
    writeFileSync(join(term.cwd, file.path), file.contents);
    lines.push(`  created ${file.path}`);
  }
  const pkg = mergePackageJson(term.cwd);
  lines.push(...pkg.lines);
  if (!args.quiet) {
    term.err(
      [
        ...lines,
        '',
        'Next:',
        '  npm install',
        '  npm run build      # contract-gen generate (into src/generated/), then tsc (into build/)',
        '  npm start          # the server, on http://localhost:3000',
        '  npm run client     # in another terminal: subscribes, greets, prints the event it gets',
        'Or run the sources without building: npm run generate && npx tsx src/server.ts',
        '',
      ].join('\n'),
    );
  }
  for (const warning of pkg.warnings) term.err(`contract-gen init: ${warning}\n`);
  return exitCodes.ok;
}
