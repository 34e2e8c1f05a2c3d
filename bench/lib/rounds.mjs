// Alternates the project and its peers, round after round.
import { summarize } from './stats.mjs';

/**
 * Runs each contestant once per round, `rounds` times, and returns
 * `{ [name]: { median, min, max, samples } }`. Each contestant is an async
 * function resolving with one measurement (a number). The order rotates every
 * round (A B C, B C A, C A B, ...) so no contestant always runs first or
 * right after a particular other one. `warmup` extra rounds run first and are
 * discarded (file cache, JIT, lazy installs). `onSample(name, value, round)`
 * is called after each kept measurement, for progress output.
 */
export async function alternate(contestants, { rounds, warmup = 0, onSample } = {}) {
  const names = Object.keys(contestants);
  if (names.length === 0) throw new Error('alternate: no contestants');
  if (!(rounds >= 1)) throw new Error('alternate: rounds must be at least 1');
  const samples = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = -warmup; round < rounds; round++) {
    const shift = ((round % names.length) + names.length) % names.length;
    const order = [...names.slice(shift), ...names.slice(0, shift)];
    for (const name of order) {
      const value = await contestants[name]();
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw new Error(`alternate: contestant '${name}' measured ${value}, not a finite number`);
      }
      if (round >= 0) {
        samples[name].push(value);
        onSample?.(name, value, round);
      }
    }
  }
  return Object.fromEntries(names.map((name) => [name, summarize(samples[name])]));
}
