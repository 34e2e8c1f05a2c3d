// Builds the package: compiles src/ to dist/ with tsc, then copies the
// Handlebars templates beside the compiled emitters so they travel inside the
// published package (the emitters find them relative to their own URL).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');

rmSync(join(root, 'dist'), { recursive: true, force: true });
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.json')], { stdio: 'inherit', cwd: root });
const templates = join(root, 'src', 'templates');
if (existsSync(templates)) cpSync(templates, join(root, 'dist', 'templates'), { recursive: true });
