import type { MethodRoute } from '../route-table.js';

/**
 * The service and method a call reaches, as the router serves them: the
 * names after percent-decoding (`/Ticker/%61dd` and a frame naming
 * `"%61dd"` both reach `Ticker.add`), so a rule written against them cannot
 * be passed by spelling a name another way.
 */
export interface CallName {
  readonly service: string;
  readonly method: string;
}

/** One frozen name per route, made on first use: the hook sees a plain object, not the router's route. */
const names = new WeakMap<MethodRoute, CallName>();

/** The name of `route`, the same object every time. */
export function callNameOf(route: MethodRoute): CallName {
  let name = names.get(route);
  if (name === undefined)
    names.set(route, (name = Object.freeze({ service: route.service, method: route.method })));
  return name;
}

/** The path a call reaches: `{base}/{Service}/{method}` with its decoded names. */
export function callPath(base: string, call: CallName): string {
  return `${base}/${call.service}/${call.method}`;
}
