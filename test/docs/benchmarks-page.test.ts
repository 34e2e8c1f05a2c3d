import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/cli.js';

// docs/benchmarks.md and docs/benchmarks.svg are generated from
// bench/results.json by bench/lib/write-report.mjs. These tests read the page
// and the chart back and compare them with the results file, so a figure
// edited in one and not the other (or a new results.json without a new page)
// fails here.

interface Result {
  name: string;
  unit: string;
  value: number;
  peer: string;
  peerValue: number;
  ratio: number;
  better: 'higher' | 'lower';
  goal: number;
  suite?: string;
}
interface Report {
  machine: { cores: number; cpu: string; memoryGiB: number; node: string; platform: string };
  date: string;
  results: Result[];
}

const report = JSON.parse(readFileSync(join(repoRoot, 'bench', 'results.json'), 'utf8')) as Report;
const page = readFileSync(join(repoRoot, 'docs', 'benchmarks.md'), 'utf8');
const chart = readFileSync(join(repoRoot, 'docs', 'benchmarks.svg'), 'utf8');

const met = (r: Result): boolean => (r.better === 'lower' ? r.ratio <= r.goal : r.ratio >= r.goal);

/** The rows of the page's results table, cells unescaped. */
function tableRows(): string[][] {
  const section = page.split('\n## Results\n')[1]?.split('\n## ')[0] ?? '';
  const lines = section.split('\n').filter((l) => l.startsWith('|'));
  return lines.slice(2).map((line) =>
    line
      .slice(1, -1)
      .split(/(?<!\\)\|/)
      .map((c) => c.trim().replaceAll('\\|', '|')),
  );
}

/**
 * Checks that `shown` (e.g. "184,124 events/s" or "0.08426") is `actual`
 * rounded to the decimals it shows: anything else means the figures differ.
 */
function expectShown(shown: string, actual: number, what: string): void {
  const match = /^-?[\d,]+(?:\.(\d+))?/.exec(shown);
  expect(match, `${what}: no number in '${shown}'`).not.toBeNull();
  const value = Number(match![0].replaceAll(',', ''));
  const half = 0.5 * 10 ** -(match![1]?.length ?? 0);
  expect(
    Math.abs(value - actual),
    `${what}: the page shows ${shown}, results.json holds ${actual}`,
  ).toBeLessThanOrEqual(half * (1 + 1e-9) + 1e-12);
}

describe('docs/benchmarks.md', () => {
  it('shows every result of bench/results.json, in order, with its figures', () => {
    const rows = tableRows();
    expect(rows.map((r) => r[1])).toEqual(report.results.map((r) => r.name));
    report.results.forEach((r, i) => {
      const [suite, , value, peer, peerValue, ratio, goal, ok] = rows[i]!;
      expect(suite).toBe(r.suite ?? '');
      expect(peer).toBe(r.peer);
      expectShown(value!, r.value, `${r.name}: value`);
      expect(value!.endsWith(` ${r.unit}`), `${r.name}: unit`).toBe(true);
      expectShown(peerValue!, r.peerValue, `${r.name}: peer value`);
      expect(peerValue!.endsWith(` ${r.unit}`), `${r.name}: peer unit`).toBe(true);
      expectShown(ratio!, r.ratio, `${r.name}: ratio`);
      expect(
        goal!.startsWith(r.better === 'lower' ? '≤ ' : '≥ '),
        `${r.name}: goal direction`,
      ).toBe(true);
      expectShown(goal!.slice(2), r.goal, `${r.name}: goal`);
      expect(ok, `${r.name}: met?`).toBe(met(r) ? 'yes' : '**no**');
    });
  });

  it('gives the date, the machine and the count of goals met of the results file', () => {
    const { machine } = report;
    expect(page).toContain(`- Date: ${report.date}\n`);
    expect(page).toContain(
      `- Machine: ${machine.cores} cores, ${machine.cpu}, ${machine.memoryGiB} GiB, ${machine.platform}, Node ${machine.node}\n`,
    );
    expect(page).toContain(
      `**${report.results.filter(met).length} of ${report.results.length} results meet their goal.**`,
    );
  });

  it('shows the chart, which has one bar per result with its ratio and goal', () => {
    expect(page).toContain('](benchmarks.svg)');
    const bars = [
      ...chart.matchAll(
        /<rect class="bar (met|missed)" data-name="([^"]*)" data-ratio="([^"]*)" data-goal="([^"]*)"/g,
      ),
    ];
    const unescape = (s: string): string =>
      s
        .replaceAll('&quot;', '"')
        .replaceAll('&lt;', '<')
        .replaceAll('&gt;', '>')
        .replaceAll('&amp;', '&');
    expect(bars.map((b) => unescape(b[2]!))).toEqual(report.results.map((r) => r.name));
    report.results.forEach((r, i) => {
      const [, state, , ratio, goal] = bars[i]!;
      expect(Number(ratio), `${r.name}: ratio in the chart`).toBe(r.ratio);
      expect(Number(goal), `${r.name}: goal in the chart`).toBe(r.goal);
      expect(state, `${r.name}: colour in the chart`).toBe(met(r) ? 'met' : 'missed');
    });
  });

  it('is exactly what bench/lib/write-report.mjs makes of bench/results.json (regenerate, never edit)', () => {
    // Exits 1, naming the stale file, when the page or the chart is not what the results file gives.
    const check = spawnSync(
      process.execPath,
      [join(repoRoot, 'bench', 'lib', 'write-report.mjs'), '--check'],
      { cwd: repoRoot, encoding: 'utf8' },
    );
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });
});
