import { ContractError } from '../protocol/contract-error.js';
import type { MethodRoute, RouteTable } from './route-table.js';

/**
 * The method `pathname` names (`{base}/{Service}/{method}`), or the 404 to
 * answer, saying whether the service or the method is unknown and what
 * exists instead. Names starting with `_` are the protocol's own endpoints
 * (`_open`, `_events`, `_release`), which this router does not serve yet.
 */
export function findRoute(
  table: RouteTable,
  base: string,
  pathname: string,
): MethodRoute | ContractError {
  const rest = pathname.startsWith(base) ? pathname.slice(base.length) : undefined;
  const slash = rest?.indexOf('/', 1) ?? -1;
  if (
    rest === undefined ||
    rest[0] !== '/' ||
    slash === -1 ||
    rest.indexOf('/', slash + 1) !== -1
  ) {
    return new ContractError(
      'NOT_FOUND',
      `No route for ${cut(pathname)}: calls are POST ${base}/{Service}/{method}.`,
    );
  }
  const service = segment(rest.slice(1, slash));
  const method = segment(rest.slice(slash + 1));
  const methods = table.get(service);
  if (methods === undefined) {
    return new ContractError(
      'NOT_FOUND',
      `Unknown service '${service}'. This server serves: ${list(table.keys())}.`,
    );
  }
  return (
    methods.get(method) ??
    new ContractError(
      'NOT_FOUND',
      `Service '${service}' has no method '${method}'. Its methods: ${list(methods.keys())}.`,
    )
  );
}

function segment(raw: string): string {
  let name = raw;
  if (raw.includes('%')) {
    try {
      name = decodeURIComponent(raw);
    } catch {
      // Not valid percent-encoding: look it up as written (it will not be found).
    }
  }
  return cut(name);
}

/** Names and paths are echoed in the 404 message; a URL-sized one is not worth echoing whole. */
function cut(name: string): string {
  return name.length > 100 ? `${name.slice(0, 100)}...` : name;
}

function list(names: Iterable<string>): string {
  const all = [...names];
  return all.length === 0 ? '(none)' : all.join(', ');
}
