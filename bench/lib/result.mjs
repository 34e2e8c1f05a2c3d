// The result records suites return, and the table run.mjs prints.

/**
 * One comparison of the project against a peer, as written to results.json.
 * `better` says which way is good for `value`; `goal` is the ratio
 * (value / peerValue) we aim for: at most `goal` when lower is better, at
 * least `goal` when higher is better.
 */
export function result({ name, unit, value, peer, peerValue, better, goal }) {
  if (better !== 'higher' && better !== 'lower')
    throw new Error(`result '${name}': better must be 'higher' or 'lower'`);
  for (const [key, v] of [
    ['value', value],
    ['peerValue', peerValue],
    ['goal', goal],
  ]) {
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw new Error(`result '${name}': ${key} must be a finite number, got ${v}`);
  }
  return { name, unit, value, peer, peerValue, ratio: round4(value / peerValue), better, goal };
}

/** True when the result's ratio meets its goal. */
export function met(r) {
  return r.better === 'lower' ? r.ratio <= r.goal : r.ratio >= r.goal;
}

/** Rounds a measurement for results.json: 4 significant digits. */
export function round4(n) {
  return Number(n.toPrecision(4));
}

/** A plain-text table of results, one row each. */
export function formatTable(results) {
  const header = ['name', 'value', 'peer', 'peer value', 'ratio', 'goal', 'met?'];
  const rows = results.map((r) => [
    r.name,
    `${fmt(r.value)} ${r.unit}`,
    r.peer,
    `${fmt(r.peerValue)} ${r.unit}`,
    `${r.ratio.toFixed(2)}x`,
    `${r.better === 'lower' ? '<=' : '>='} ${r.goal.toFixed(2)}x`,
    met(r) ? 'yes' : 'NO',
  ]);
  const right = [false, true, false, true, true, true, false];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells) =>
    cells
      .map((c, i) => (right[i] ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function fmt(n) {
  const abs = Math.abs(n);
  if (abs >= 1000) return Math.round(n).toLocaleString('en-US');
  if (abs >= 100) return n.toFixed(1);
  if (abs >= 1) return n.toFixed(3);
  return n.toPrecision(3);
}
