import { ContractError } from '../../protocol/contract-error.js';
import type { Principal } from '../auth/principal.js';
import type { CallInput, CallOutput } from '../call-input.js';
import { errorOutput } from '../outputs.js';
import type { ResolvedAdmin } from './admin-options.js';
import { adminScript } from './admin-script.js';
import { adminStyle } from './admin-style.js';

/**
 * The page's policy, instead of the router's `default-src 'none'`: its own
 * script, style sheet and requests (same origin) and nothing else; no inline
 * script or style, no frames, no forms, no `<base>`.
 */
export const ADMIN_PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * Serves the admin page (`{base}{path}`) and its script and style sheet
 * (`{page}/admin.js`, `{page}/admin.css`) to principals of the allowed
 * groups; the router's auth hook ran before (anonymous callers got its 401).
 * Every other principal gets 403 `FORBIDDEN`, whatever the path under it.
 */
export class AdminPage {
  /** `{base}{path}`. */
  readonly page: string;
  readonly #html: string;

  constructor(
    base: string,
    private readonly admin: ResolvedAdmin,
  ) {
    this.page = base + admin.path;
    this.#html = adminHtml(base, this.page);
  }

  /** Whether `pathname` is the page or under it. */
  owns(pathname: string): boolean {
    return (
      pathname.startsWith(this.page) &&
      (pathname.length === this.page.length || pathname.charCodeAt(this.page.length) === 47) /* / */
    );
  }

  answer(input: CallInput, principal: Principal): CallOutput {
    const groups = principal.groups ?? [];
    if (!this.admin.allow.some((group) => groups.includes(group)))
      return errorOutput(
        new ContractError('FORBIDDEN', 'The admin page is only for the groups admin.allow names.'),
      );
    if (input.httpMethod !== 'GET' && input.httpMethod !== 'HEAD')
      return errorOutput(
        new ContractError(
          'METHOD_NOT_ALLOWED',
          `The admin page answers GET, not ${input.httpMethod}.`,
        ),
        { allow: 'GET, HEAD' },
      );
    switch (input.pathname.slice(this.page.length)) {
      case '':
        return asset(this.#html, 'text/html; charset=utf-8');
      case '/admin.js':
        return asset(adminScript, 'text/javascript; charset=utf-8');
      case '/admin.css':
        return asset(adminStyle, 'text/css; charset=utf-8');
      default:
        return errorOutput(
          new ContractError(
            'NOT_FOUND',
            `No such file under ${this.page}: it serves admin.js and admin.css.`,
          ),
        );
    }
  }
}

function asset(body: string, contentType: string): CallOutput {
  return { status: 200, body, contentType, csp: ADMIN_PAGE_CSP, noStore: true };
}

/** The page: its text lives in the script, which fills the tables from each snapshot. */
function adminHtml(base: string, page: string): string {
  return `<!doctype html>
<html lang="en" data-base="${escapeHtml(base)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>contract-gen admin</title>
<link rel="stylesheet" href="${escapeHtml(page)}/admin.css">
<script src="${escapeHtml(page)}/admin.js" defer></script>
</head>
<body>
<header><h1>contract-gen admin</h1><span id="state" data-state="connecting">connecting…</span><span id="updated"></span></header>
<p id="summary"></p>
<h2>Clients</h2>
<table><thead><tr><th>client</th><th>principal</th><th>transport</th><th>events</th><th>bytes</th><th>callbacks</th><th>last seen</th></tr></thead>
<tbody id="clients"></tbody></table>
<p id="clients-more" class="note"></p>
<h2>Topics</h2>
<table><thead><tr><th>topic</th><th>members</th><th>first members</th></tr></thead>
<tbody id="topics"></tbody></table>
<p id="topics-more" class="note"></p>
<h2>Logs</h2>
<table><thead><tr><th>log</th><th>callback interface</th><th>epoch</th><th>events kept</th><th>offsets kept</th><th>next offset</th></tr></thead>
<tbody id="logs"></tbody></table>
<p id="logs-more" class="note"></p>
<footer>Transports are as this server process sees them: a client that reads through another process shows none here.</footer>
</body>
</html>
`;
}

/** `text` safe in HTML text and in a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
