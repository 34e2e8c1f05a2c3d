// Builds the package: compiles src/ to dist/ with tsc, then copies the
// Handlebars templates beside the compiled emitters so they travel inside the
// published package (the emitters find them relative to their own URL).
//
// It builds into a fresh folder and swaps it in at the end, so a process that
// is running from dist/ meanwhile (a test run, a watch session) never sees a
// half-built package, and no file of a deleted source is left behind.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');

const dist = join(root, 'dist');
const next = join(root, `dist.next-${process.pid}`);
const old = join(root, `dist.old-${process.pid}`);
rmSync(next, { recursive: true, force: true });
try {
  execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.json'), '--outDir', next], { stdio: 'inherit', cwd: root });
  const templates = join(root, 'src', 'templates');
  if (existsSync(templates)) cpSync(templates, join(next, 'templates'), { recursive: true });
  if (existsSync(dist)) renameSync(dist, old);
  renameSync(next, dist);
} finally {
  rmSync(next, { recursive: true, force: true });
  rmSync(old, { recursive: true, force: true });
}
