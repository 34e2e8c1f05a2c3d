// The admin page's script, as text (served at `{page}/admin.js`; no build
// step, no framework, nothing added to the client bundle). It speaks the
// protocol by hand: `_open`, `ContractAdmin.watch({"$cb":1})`, then long
// polls of `_events`, rendering the last `snapshot` of each answer. Every
// value reaches the page through `textContent`, never as markup, so a
// principal named `<img src=x onerror=...>` shows as those characters.

/** The script's text. */
export const adminScript = `'use strict';
(() => {
  const root = document.documentElement;
  const base = root.dataset.base || '';
  const byId = (id) => document.getElementById(id);
  let client;
  let after = 0;

  const setState = (name, text) => {
    const state = byId('state');
    state.dataset.state = name;
    state.textContent = text;
  };
  const cell = (text, className) => {
    const td = document.createElement('td');
    td.textContent = String(text);
    if (className) td.className = className;
    return td;
  };
  const ago = (at, then) => {
    const s = Math.max(0, Math.round((at - then) / 1000));
    return s < 120 ? s + ' s ago' : Math.round(s / 60) + ' min ago';
  };
  const size = (bytes) => (bytes < 1024 ? bytes + ' B' : (bytes / 1024).toFixed(1) + ' KiB');

  const render = (snap) => {
    const principals = new Map(snap.clients.map((c) => [c.id, c.principal]));
    const queue = snap.queue ? snap.queue.events + ' events (' + size(snap.queue.bytes) + ') queued' : '';
    const here = snap.process;
    byId('summary').textContent = [
      snap.totalClients + ' live clients',
      queue,
      'this process: sockets ' + here.sockets + ', parked polls ' + here.parked,
    ].filter(Boolean).join(' · ');
    byId('clients').replaceChildren(...snap.clients.map((c) => {
      const tr = document.createElement('tr');
      tr.dataset.client = c.id;
      tr.dataset.principal = c.principal || '';
      tr.dataset.transport = c.transport || '';
      tr.append(
        cell(c.id, 'id'),
        cell(c.principal || '\\u2014', 'principal'),
        cell(c.transport || '\\u2014', 'transport'),
        cell(c.events, 'events'),
        cell(size(c.bytes), 'bytes'),
        cell(c.callbacks, 'callbacks'),
        cell(ago(snap.at, c.lastSeen), 'seen'),
      );
      return tr;
    }));
    const shown = snap.clients.length;
    byId('clients-more').textContent = !snap.listed
      ? 'This store does not list its clients.'
      : shown < snap.totalClients ? 'Showing the ' + shown + ' most recently active of ' + snap.totalClients + '.' : '';
    byId('topics').replaceChildren(...snap.topics.map((t) => {
      const tr = document.createElement('tr');
      tr.dataset.topic = t.name;
      const list = document.createElement('ul');
      for (const m of t.members) {
        const li = document.createElement('li');
        li.dataset.client = m.client;
        const who = principals.get(m.client);
        li.textContent = (who ? who + ' ' : '') + m.client.slice(0, 8) + ' #' + m.callback + ' ' + m.iface;
        list.append(li);
      }
      if (t.members.length < t.size) list.append(Object.assign(document.createElement('li'), { textContent: '\\u2026 ' + (t.size - t.members.length) + ' more' }));
      const members = document.createElement('td');
      members.append(list);
      tr.append(cell(t.name, 'name'), cell(t.size, 'size'), members);
      return tr;
    }));
    byId('topics-more').textContent = snap.moreTopics ? 'More topics than shown.' : '';
    byId('logs').replaceChildren(...snap.logs.map((l) => {
      const tr = document.createElement('tr');
      tr.dataset.log = l.name;
      const kept = l.next - l.first;
      tr.append(
        cell(l.name, 'name'),
        cell(l.iface, 'iface'),
        cell(l.epoch, 'id'),
        cell(kept, 'size'),
        cell(kept > 0 ? l.first + '\u2013' + (l.next - 1) : '\u2014', 'offsets'),
        cell(l.next, 'size'),
      );
      return tr;
    }));
    byId('logs-more').textContent = snap.moreLogs
      ? 'More logs than shown.'
      : snap.logs.length === 0 ? 'This server has no logs.' : '';
    byId('updated').textContent = 'updated ' + new Date(snap.at).toLocaleTimeString();
    root.dataset.snapshots = String(Number(root.dataset.snapshots || 0) + 1);
  };

  const refusal = async (response) => {
    const body = await response.json().catch(() => ({}));
    const error = new Error((body.error && body.error.message) || response.statusText);
    error.status = response.status;
    return error;
  };
  const post = async (path, body) => {
    const headers = { 'content-type': 'application/json' };
    if (client) headers['x-contract-client'] = client;
    const response = await fetch(base + path, { method: 'POST', headers, body, cache: 'no-store' });
    if (!response.ok) throw await refusal(response);
    return response.json();
  };

  // One client's life: open, watch, poll until the server ends it (410) or something fails.
  const session = async () => {
    setState('connecting', 'connecting\\u2026');
    client = undefined;
    after = 0;
    client = (await post('/_open', '{}')).client;
    await post('/ContractAdmin/watch', '[{"$cb":1}]');
    setState('live', 'live');
    for (;;) {
      const response = await fetch(base + '/_events?after=' + after + '&wait=25000', {
        headers: { 'x-contract-client': client },
        cache: 'no-store',
      });
      if (!response.ok) throw await refusal(response);
      const body = await response.json();
      let last;
      for (const event of body.events) {
        after = event.seq;
        if (event.cb === 1 && event.method === 'snapshot') last = event.args[0];
      }
      if (body.gap && body.gap.to > after) after = body.gap.to;
      if (last) render(last);
    }
  };

  const run = async () => {
    for (;;) {
      try {
        await session();
      } catch (error) {
        const refused = error.status === 401 || error.status === 403;
        setState(refused ? 'refused' : 'retrying', refused ? 'refused: ' + error.message : 'reconnecting\\u2026');
        if (refused) return;
        await new Promise((resolve) => setTimeout(resolve, 2000));
      }
    }
  };

  addEventListener('pagehide', () => {
    if (client) fetch(base + '/_close', { method: 'POST', keepalive: true, headers: { 'x-contract-client': client } });
  });
  void run();
})();
`;
