/** The admin page's style sheet (served at `{page}/admin.css`, so the page's policy allows no inline style). */
export const adminStyle = `:root { color-scheme: light; font: 14px/1.4 system-ui, sans-serif; color: #1d2330; background: #f6f7f9; }
body { margin: 0 auto; max-width: 1100px; padding: 16px 24px; }
header { display: flex; align-items: baseline; gap: 12px; }
h1 { font-size: 20px; margin: 0; }
h2 { font-size: 16px; margin: 20px 0 6px; }
#state { padding: 1px 8px; border-radius: 10px; background: #ddd; font-size: 12px; }
#state[data-state="live"] { background: #cdeccf; color: #1b5e20; }
#state[data-state="refused"], #state[data-state="retrying"] { background: #f8d7d4; color: #8a1c12; }
#updated, .note, footer { color: #5b6475; font-size: 12px; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #e3e6eb; vertical-align: top; }
th { background: #eef0f4; font-weight: 600; }
td.id { font-family: ui-monospace, monospace; font-size: 12px; }
td.events, td.bytes, td.callbacks, td.size { text-align: right; font-variant-numeric: tabular-nums; }
ul { margin: 0; padding-left: 16px; }
footer { margin-top: 20px; }
`;
