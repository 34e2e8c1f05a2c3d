// `contract-gen check` on 300 generated contract files (10,000 methods) beside
// `tsc --noEmit` on the same files, with TypeScript 6 (the engine ts-morph
// bundles) and TypeScript 7 (the native compiler). Whole processes, wall clock.
import { existsSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { generateContracts } from '../lib/generate-contracts.mjs';
import { repoRoot, workDir } from '../lib/paths.mjs';
import { timeCommand } from '../lib/process.mjs';
import { result, round4 } from '../lib/result.mjs';
import { alternate } from '../lib/rounds.mjs';
import { median } from '../lib/stats.mjs';

export const name = 'check';

const FILES = 300;
const METHODS = 10_000;
const require = createRequire(import.meta.url);

export async function run({ quick = false, rounds, log = console.log } = {}) {
  const bin = join(repoRoot, 'dist', 'cli', 'bin.js');
  if (!existsSync(bin))
    throw new Error(
      `${relative(repoRoot, bin)} is missing: run 'npm run build' (or 'npm run bench', which builds first)`,
    );
  const tsc6 = tscPath('typescript', 6);
  const tsc7 = tscPath('typescript7', 7);

  // The input: contracts, a stub for `contract-gen`, and a tsconfig for tsc.
  const work = workDir();
  const contractsDir = join(work, `contracts-${FILES}`);
  const stats = generateContracts(contractsDir, { files: FILES, methods: METHODS });
  writeFileSync(
    join(workDir('stub'), 'contract-gen.d.ts'),
    'export interface Service {}\nexport interface Callback {}\n',
  );
  const tsconfig = join(work, `tsconfig.contracts-${FILES}.json`);
  writeFileSync(
    tsconfig,
    `${JSON.stringify(
      {
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: 'es2022',
          lib: ['es2022'],
          types: [],
          module: 'nodenext',
          moduleResolution: 'nodenext',
          paths: { 'contract-gen': ['./stub/contract-gen.d.ts'] },
        },
        include: [`contracts-${FILES}/**/*.ts`],
      },
      null,
      2,
    )}\n`,
  );
  const rel = relative(repoRoot, contractsDir);
  log(
    `generated ${rel}: ${stats.files} files, ${stats.methods} methods, ${stats.services} services, ${stats.callbacks} callback interfaces, ${stats.types} data types`,
  );

  // Check the input before timing anything: tsc must see every file and report
  // no error; contract-gen must read every method and report no error.
  // A --quick run skips all of this: each is one more cold start of a
  // compiler, and its timed runs assert the same exit status (0: no error).
  // The folder and the tsconfig are deterministic; a full run checks them.
  if (!quick) {
    const listed = await timeCommand(
      process.execPath,
      [tsc7.path, '-p', tsconfig, '--listFilesOnly'],
      { cwd: work, label: 'tsc 7 --listFilesOnly' },
    );
    const seen = listed.stdout
      .split('\n')
      .filter((line) => line.includes(`contracts-${FILES}/`)).length;
    if (seen !== FILES || !listed.stdout.includes('stub/contract-gen.d.ts')) {
      throw new Error(
        `tsc's program holds ${seen} of the ${FILES} contract files (stub included: ${listed.stdout.includes('stub/contract-gen.d.ts')}); the tsconfig is wrong`,
      );
    }
    for (const tsc of [tsc6, tsc7]) {
      await timeCommand(process.execPath, [tsc.path, '-p', tsconfig], {
        cwd: work,
        label: `tsc ${tsc.version} -p ${relative(repoRoot, tsconfig)} (the generated contracts must type-check)`,
      });
    }
    const verified = await verifyWithGenerator(contractsDir);
    if (verified.methods !== METHODS) {
      throw new Error(
        `contract-gen's model has ${verified.methods} methods (${verified.services} services, ${verified.callbacks} callback interfaces), the folder declares ${METHODS}`,
      );
    }
    log(
      `verified: tsc ${tsc6.version} and tsc ${tsc7.version} report no error; contract-gen reads ${verified.methods} methods, ` +
        `${verified.errors} errors, ${verified.warnings} warnings`,
    );
  }

  // Wall clock is the figure; CPU time (user + system) is logged beside it to judge a run on a busy machine.
  const cpu = { check: [], tsc6: [], tsc7: [] };
  const lastCpu = {};
  const timed = (who, command, args, options) => async () => {
    const r = await timeCommand(command, args, options);
    lastCpu[who] = r.cpuMs;
    return r.ms;
  };
  const contestants = {
    check: timed('check', process.execPath, [bin, 'check', rel], {
      cwd: repoRoot,
      label: `node dist/cli/bin.js check ${rel}`,
    }),
    tsc6: timed('tsc6', process.execPath, [tsc6.path, '-p', tsconfig], {
      cwd: work,
      label: `tsc ${tsc6.version} --noEmit`,
    }),
    tsc7: timed('tsc7', process.execPath, [tsc7.path, '-p', tsconfig], {
      cwd: work,
      label: `tsc ${tsc7.version} --noEmit`,
    }),
  };
  const n = rounds ?? (quick ? 1 : 7);
  const warmup = quick ? 0 : 1;
  log(
    `${n} rounds${warmup ? ` after ${warmup} warm-up` : ''}, alternating check, tsc ${tsc6.version}, tsc ${tsc7.version}`,
  );
  const m = await alternate(contestants, {
    rounds: n,
    warmup,
    onSample: (who, value, round) => {
      if (lastCpu[who] !== undefined) cpu[who].push(lastCpu[who]);
      log(
        `  round ${round + 1}: ${who.padEnd(5)} ${secs(value)} s${lastCpu[who] === undefined ? '' : `  (cpu ${secs(lastCpu[who])} s)`}`,
      );
    },
  });
  for (const [who, s] of Object.entries(m)) {
    const c = cpu[who].length > 0 ? `; cpu median ${secs(median(cpu[who]))} s` : '';
    log(`${who.padEnd(5)} median ${secs(s.median)} s (min ${secs(s.min)}, max ${secs(s.max)})${c}`);
  }

  const seconds = (v) => round4(v / 1000);
  return [
    result({
      name: 'check vs tsc 6',
      unit: 's',
      value: seconds(m.check.median),
      peer: `tsc ${tsc6.version} --noEmit`,
      peerValue: seconds(m.tsc6.median),
      better: 'lower',
      goal: 1.0,
    }),
    result({
      name: 'check vs tsc 7',
      unit: 's',
      value: seconds(m.check.median),
      peer: `tsc ${tsc7.version} --noEmit`,
      peerValue: seconds(m.tsc7.median),
      better: 'lower',
      goal: 3.0,
    }),
  ];
}

function secs(ms) {
  return (ms / 1000).toFixed(3);
}

/** Each package's `tsc`, by path: both packages declare a `tsc` bin, so node_modules/.bin/tsc is one or the other. */
function tscPath(pkg, major) {
  let manifest;
  try {
    manifest = require.resolve(`${pkg}/package.json`);
  } catch {
    throw new Error(`the devDependency '${pkg}' is not installed: run 'npm install'`);
  }
  const version = require(manifest).version;
  if (!version.startsWith(`${major}.`))
    throw new Error(`${pkg} is ${version}, expected TypeScript ${major}.x`);
  return { path: join(manifest, '..', 'bin', 'tsc'), version };
}

/** Reads and checks the folder through the programmatic core (in a child process) and counts what it saw. */
async function verifyWithGenerator(contractsDir) {
  const script = `
    const { generate } = await import(${JSON.stringify(new URL('dist/generator.js', `file://${repoRoot}/`).href)});
    const { diagnostics, contract } = await generate({ contractsDir: ${JSON.stringify(contractsDir)}, checkOnly: true });
    const count = (list) => (list ?? []).reduce((n, i) => n + i.methods.length, 0);
    console.log(JSON.stringify({
      methods: count(contract?.services) + count(contract?.callbacks),
      services: contract?.services?.length ?? 0,
      callbacks: contract?.callbacks?.length ?? 0,
      errors: diagnostics.filter((d) => d.severity === 'error').length,
      warnings: diagnostics.filter((d) => d.severity !== 'error').length,
      first: diagnostics.slice(0, 20),
    }));`;
  const out = await timeCommand(process.execPath, ['--input-type=module', '-e', script], {
    cwd: repoRoot,
    label: 'generate({ checkOnly: true }) on the generated contracts',
  });
  const report = JSON.parse(out.stdout.trim().split('\n').pop());
  if (report.errors > 0) {
    throw new Error(
      `contract-gen reports ${report.errors} errors on the generated contracts; the benchmark must not time an error path:\n` +
        report.first
          .map(
            (d) =>
              `  ${d.span?.file ?? ''}:${d.span?.line ?? ''}:${d.span?.column ?? ''} ${d.code} ${d.message}`,
          )
          .join('\n'),
    );
  }
  return report;
}
