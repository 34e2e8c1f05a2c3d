/**
 * Top-level schema constructions are marked `/*@__PURE__*\/`, so a bundler
 * drops the schemas an app does not use (the generated module still runs its
 * `s.requireRuntime` call). The mark covers one call and not the calls in its
 * arguments, which a bundler keeps as possible side effects (esbuild does not
 * carry `@__NO_SIDE_EFFECTS__` across modules either: evanw/esbuild#4369).
 * So a construction with calls inside is built by an arrow function called
 * once, `/*@__PURE__*\/ (() => s.object({ a: s.string() }))()`, and one
 * without, such as `s.enum([...])`, is marked as it is.
 */
export interface PureWrap {
  readonly open: string;
  readonly close: string;
}

const pureCall: PureWrap = { open: '/*@__PURE__*/ ', close: '' };
const pureThunk: PureWrap = { open: '/*@__PURE__*/ (() => ', close: ')()' };

/** How to mark a construction that has (`true`) or has not calls in its arguments. */
export function pureWrap(callsInside: boolean): PureWrap {
  return callsInside ? pureThunk : pureCall;
}

/** A schema expression marked for bundlers; a bare constant (an alias of another schema) needs no mark. */
export function markPure(expression: string): string {
  const calls = countCalls(expression);
  if (calls === 0) return expression;
  const { open, close } = pureWrap(calls > 1);
  return `${open}${expression}${close}`;
}

/**
 * How many calls an expression printed by the emitter makes: `(` after a
 * name (`s.lazy(() => X)` is one call, the arrow's `()` is none), outside
 * single-quoted strings, which is how the emitter quotes.
 */
export function countCalls(expression: string): number {
  let calls = 0;
  let quoted = false;
  for (let i = 0; i < expression.length; i++) {
    const c = expression[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === "'") quoted = false;
    } else if (c === "'") quoted = true;
    else if (c === '(' && /[\w$]/.test(expression[i - 1] ?? '')) calls++;
  }
  return calls;
}
