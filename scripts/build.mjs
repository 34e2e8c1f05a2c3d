// Builds both packages: the runtime (runtime/src → runtime/dist) first, since
// the generator imports its protocol constants, then the generator (src →
// dist) with the Handlebars templates copied beside the compiled emitters so
// they travel inside the published package (the emitters find them relative
// to their own URL).
//
// Each package is built into a fresh folder that is swapped in at the end, so
// a process running from dist/ meanwhile (a test run, a watch session) never
// sees a half-built package, and no file of a deleted source is left behind.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');

/** Compiles the package in `dir` into `dir/dist`; `extra(next)` adds files before the swap. */
function buildPackage(dir, extra = () => {}) {
  const dist = join(dir, 'dist');
  const next = join(dir, `dist.next-${process.pid}`);
  const old = join(dir, `dist.old-${process.pid}`);
  rmSync(next, { recursive: true, force: true });
  try {
    execFileSync(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json'), '--outDir', next], {
      stdio: 'inherit',
      cwd: dir,
    });
    extra(next);
    if (existsSync(dist)) renameSync(dist, old);
    renameSync(next, dist);
  } finally {
    rmSync(next, { recursive: true, force: true });
    rmSync(old, { recursive: true, force: true });
  }
}

buildPackage(join(root, 'runtime'));
buildPackage(root, (next) => {
  const templates = join(root, 'src', 'templates');
  if (existsSync(templates)) cpSync(templates, join(next, 'templates'), { recursive: true });
});
