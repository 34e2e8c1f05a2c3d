#!/usr/bin/env node
// The benchmark runner: `npm run bench [-- --quick] [-- --only <suite>]`.
//
// Runs every module in bench/suites/*.mjs (each exports `name` and
// `async run({ quick, rounds, log }) → Result[]`, see lib/result.mjs), prints
// one table and writes the results with the machine and date. See
// bench/README.md.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { benchDir, repoRoot, workRoot } from './lib/paths.mjs';
import { formatTable, met } from './lib/result.mjs';
import { writeReport } from './lib/write-report.mjs';

const usage = `usage: node bench/run.mjs [--quick] [--only <suite>[,<suite>...]] [--rounds <n>] [--out <file>] [--list]

  --quick         fewer rounds and smaller inputs: a smoke check, under 2 minutes in all
  --only <names>  run only these suites (repeatable or comma-separated)
  --rounds <n>    override every suite's number of measured rounds
  --out <file>    where to write results (default bench/results.json, or
                  bench/.work/results.quick.json with --quick); with --only,
                  the other suites' results already in that file are kept
  --list          print the suite names and exit`;

let options;
try {
  ({ values: options } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string', multiple: true, default: [] },
      rounds: { type: 'string' },
      out: { type: 'string' },
      list: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }));
} catch (error) {
  console.error(`bench: ${error.message}\n${usage}`);
  process.exit(2);
}
if (options.help) {
  console.log(usage);
  process.exit(0);
}
const rounds = options.rounds === undefined ? undefined : Number(options.rounds);
if (rounds !== undefined && !(Number.isInteger(rounds) && rounds >= 1)) {
  console.error(`bench: --rounds must be a positive integer, got '${options.rounds}'`);
  process.exit(2);
}

const suitesDir = join(benchDir, 'suites');
const suites = [];
for (const file of readdirSync(suitesDir)
  .filter((f) => f.endsWith('.mjs'))
  .sort()) {
  const mod = await import(pathToFileURL(join(suitesDir, file)).href);
  if (typeof mod.name !== 'string' || typeof mod.run !== 'function') {
    console.error(
      `bench: ${relative(repoRoot, join(suitesDir, file))} must export 'name' (string) and 'run' (async function)`,
    );
    process.exit(2);
  }
  suites.push({ name: mod.name, run: mod.run, file });
}
if (options.list) {
  for (const s of suites) console.log(`${s.name}\t(bench/suites/${s.file})`);
  process.exit(0);
}
const only = options.only
  .flatMap((o) => o.split(','))
  .map((o) => o.trim())
  .filter(Boolean);
const unknown = only.filter((o) => !suites.some((s) => s.name === o));
if (unknown.length > 0) {
  console.error(
    `bench: no suite named ${unknown.map((u) => `'${u}'`).join(', ')}; suites: ${suites.map((s) => s.name).join(', ')}`,
  );
  process.exit(2);
}
const selected = only.length > 0 ? suites.filter((s) => only.includes(s.name)) : suites;

const machine = {
  cores:
    typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length,
  cpu: os.cpus()[0]?.model?.trim() ?? 'unknown',
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  platform: `${process.platform}-${process.arch}`,
  // The 1-minute load average when the run started: other work on the machine skews every figure.
  loadAverage: Number(os.loadavg()[0].toFixed(2)),
};
console.log(
  `bench: ${selected.length} suite${selected.length === 1 ? '' : 's'}${options.quick ? ' (quick)' : ''} on ` +
    `${machine.cores} cores, ${machine.cpu}, Node ${machine.node}, ${machine.platform}`,
);

if (machine.loadAverage > machine.cores / 2) {
  console.log(
    `bench: WARNING: load average ${machine.loadAverage} on ${machine.cores} cores; something else is running, figures will be skewed`,
  );
}

const started = Date.now();
const results = [];
const failures = [];
for (const suite of selected) {
  const t0 = Date.now();
  console.log(`\n== ${suite.name}`);
  const log = (message) => console.log(`   ${message}`);
  try {
    const out = await suite.run({ quick: options.quick, rounds, log });
    if (!Array.isArray(out))
      throw new Error(`suite '${suite.name}' returned ${typeof out}, not an array of results`);
    results.push(...out.map((r) => ({ ...r, suite: suite.name })));
    console.log(`   done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  } catch (error) {
    failures.push(suite.name);
    console.error(
      `\nbench: suite '${suite.name}' FAILED:\n${error?.stack && !error.result ? error.stack : (error?.message ?? error)}\n`,
    );
  }
}

console.log('');
if (results.length > 0) console.log(formatTable(results));
const total = ((Date.now() - started) / 1000).toFixed(1);
const missed = results.filter((r) => !met(r)).length;
console.log(
  `\n${results.length} result${results.length === 1 ? '' : 's'}, ${missed} below goal, in ${total} s`,
);

if (os.loadavg()[0] > machine.cores / 2) {
  console.log(
    `bench: WARNING: load average ${os.loadavg()[0].toFixed(2)} at the end; figures may be skewed`,
  );
}
if (failures.length > 0) {
  console.error(
    `bench: ${failures.length} suite(s) failed (${failures.join(', ')}); results not written.`,
  );
  process.exit(1);
}
const out = resolve(
  options.out ??
    (options.quick ? join(workRoot, 'results.quick.json') : join(benchDir, 'results.json')),
);
mkdirSync(dirname(out), { recursive: true });
// With --only, the other suites' results already in the file are kept.
const carried = [];
if (selected.length < suites.length && existsSync(out)) {
  try {
    const previous = JSON.parse(readFileSync(out, 'utf8'));
    const ran = new Set(selected.map((s) => s.name));
    carried.push(...(previous.results ?? []).filter((r) => r.suite && !ran.has(r.suite)));
  } catch {
    // an unreadable previous file is simply replaced
  }
}
// ...and when it ended: a run that started quiet may not have stayed so.
machine.loadAverageEnd = Number(os.loadavg()[0].toFixed(2));
const report = {
  machine,
  date: new Date().toISOString(),
  quick: options.quick,
  results: [...carried, ...results].sort((a, b) => a.suite.localeCompare(b.suite)),
};
writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
console.log(`Wrote ${relative(process.cwd(), out) || out}`);
// The page shows bench/results.json only: a quick run or results written elsewhere never touch docs/.
if (!options.quick && out === join(benchDir, 'results.json')) {
  for (const written of writeReport(out))
    console.log(`Wrote ${relative(process.cwd(), written) || written}`);
}
