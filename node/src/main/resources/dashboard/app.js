// The validator's dashboard (spec 12.1): reads GET /api/v1/dashboard every few seconds and
// applies the WebSocket /ws events (signatures, deposits, network) as they come. No framework.
'use strict';

const REFRESH_MS = 5000;
const MAX_EVENTS = 50;
const $ = (id) => document.getElementById(id);

function text(id, value) {
  $(id).textContent = value;
}

function duration(ms) {
  if (ms === null || ms === undefined) return '-';
  const s = Math.round(ms / 1000);
  if (s < 60) return s + 's';
  const m = Math.floor(s / 60);
  if (m < 60) return m + 'm ' + (s % 60) + 's';
  return Math.floor(m / 60) + 'h ' + (m % 60) + 'm';
}

function ago(iso, nowMs) {
  if (!iso) return 'never';
  return duration(Math.max(0, nowMs - Date.parse(iso))) + ' ago';
}

function validatorRow(v) {
  let row = document.querySelector('#validators tr[data-id="' + v.id + '"]');
  if (!row) {
    row = document.createElement('tr');
    row.dataset.id = v.id;
    for (const cls of ['id', 'state', 'uptime', 'seen']) {
      const td = document.createElement('td');
      td.className = cls;
      row.appendChild(td);
    }
    row.querySelector('.id').textContent = '[' + v.id + ']';
    const rows = [...document.querySelectorAll('#validators tbody tr')];
    const next = rows.find((r) => Number(r.dataset.id) > v.id);
    $('validators').tBodies[0].insertBefore(row, next || null);
  }
  return row;
}

function setOnline(row, online, excluded) {
  row.dataset.online = String(online);
  row.classList.toggle('online', online);
  row.classList.toggle('offline', !online);
  row.querySelector('.state').textContent =
    (online ? 'online' : 'offline') + (excluded ? ' (excluded: ' + excluded + ')' : '');
}

function countOnline() {
  const rows = document.querySelectorAll('#validators tbody tr');
  const online = [...rows].filter((r) => r.dataset.online === 'true').length;
  const pct = rows.length ? Math.round((100 * online) / rows.length) : 0;
  text('online', online + '/' + rows.length + ' (' + pct + '%)');
  const t = Number($('threshold').dataset.value || 0);
  if (t) text('capacity', Math.round((100 * online) / t) + '%');
}

function addSignature(s) {
  const list = $('recent');
  if (list.querySelector('li[data-request="' + CSS.escape(s.request_id) + '"]')) return;
  list.querySelector('.empty')?.remove();
  const li = document.createElement('li');
  li.dataset.request = s.request_id;
  li.dataset.txid = s.txid;
  li.innerHTML = '<b></b>: signed <code></code> <span class="muted"></span>';
  li.querySelector('b').textContent = s.request_id;
  li.querySelector('code').textContent = s.txid;
  li.querySelector('span').textContent =
    '(' + duration(s.duration_ms) + ', ' + new Date(s.at || s.timestamp).toLocaleTimeString() + ')';
  list.insertBefore(li, list.firstChild);
  while (list.children.length > 20) list.lastChild.remove();
}

function render(d) {
  const now = Date.parse(d.generated_at);
  text('self', d.validator);
  $('threshold').dataset.value = d.network.threshold;
  text('threshold', d.network.threshold + ' required (of ' + d.network.total + ')');
  for (const v of d.validators) {
    const row = validatorRow(v);
    row.classList.toggle('self', v.self);
    setOnline(row, v.online, v.excluded);
    row.querySelector('.uptime').textContent = v.uptime_percent.toFixed(1) + '%';
    row.querySelector('.seen').textContent = v.online ? 'now' : ago(v.last_seen, now);
  }
  countOnline();
  const g = d.signing;
  text('sig-count', g.count + ' (' + g.signed + ' signed, ' + g.failed + ' failed)');
  text('sig-rate', g.count ? (100 * g.success_rate).toFixed(1) + '%' : '-');
  text('sig-mean', g.signed ? duration(g.mean_ms) : '-');
  text('sig-p95', g.signed ? duration(g.p95_ms) : '-');
  text('sig-p99', g.signed ? duration(g.p99_ms) : '-');
  text('queue-pending', d.queue.pending + ' requests');
  text('queue-oldest', d.queue.oldest_seconds === null ? '-' : duration(d.queue.oldest_seconds * 1000));
  for (const s of [...d.recent_signatures].reverse()) addSignature(s);
  const b = d.bitcoin;
  text('btc-height', b.connected ? b.height.toLocaleString('en-US') : '-');
  text('btc-state', b.connected ? (b.synced ? 'synced' : 'syncing (headers ' + b.headers + ')') : 'not connected');
  text('stx-state', d.stacks.connected ? 'connected' : 'not connected (' + d.stacks.reason + ')');
  const deps = $('deposits');
  deps.replaceChildren();
  const li = document.createElement('li');
  li.className = 'muted';
  li.textContent = d.deposits.source
    ? d.deposits.pending.length + ' pending'
    : 'not tracked (' + d.deposits.reason + ')';
  deps.appendChild(li);
  text('updated', 'updated ' + new Date(now).toLocaleTimeString());
}

async function refresh() {
  try {
    const r = await fetch('/api/v1/dashboard', { cache: 'no-store' });
    if (r.ok) render(await r.json());
  } catch (e) {
    text('updated', 'summary unavailable: ' + e.message);
  }
}

function logEvent(e) {
  const li = document.createElement('li');
  const what = e.type === 'network_event'
    ? 'validator ' + e.peer_id + ' ' + e.status + (e.reason ? ' (' + e.reason + ')' : '')
    : e.type + ' ' + (e.request_id || '') + (e.txid ? ' txid ' + e.txid : '') + (e.reason ? ' (' + e.reason + ')' : '');
  li.textContent = new Date(e.timestamp).toLocaleTimeString() + ' ' + what;
  const list = $('events');
  list.insertBefore(li, list.firstChild);
  while (list.children.length > MAX_EVENTS) list.lastChild.remove();
}

function onEvent(e) {
  switch (e.type) {
    case 'subscribed':
      return;
    case 'error':
      logEvent({ type: 'error', timestamp: new Date().toISOString(), reason: e.where + ': ' + e.error });
      return;
    case 'network_event': {
      const row = validatorRow({ id: e.peer_id });
      if (e.status === 'connected') setOnline(row, true);
      else if (e.status === 'disconnected') setOnline(row, false);
      else if (e.status === 'excluded') setOnline(row, row.dataset.online === 'true', e.reason);
      if (e.status === 'disconnected') row.querySelector('.seen').textContent = 'just now';
      countOnline();
      break;
    }
    case 'signature_completed':
      addSignature(e);
      break;
  }
  logEvent(e);
}

function connect() {
  const ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws');
  ws.onopen = () => {
    $('live').className = 'badge on';
    $('live').textContent = 'live';
    ws.send(JSON.stringify({ type: 'subscribe', topics: ['signatures', 'deposits', 'network'] }));
  };
  ws.onmessage = (m) => onEvent(JSON.parse(m.data));
  ws.onclose = () => {
    $('live').className = 'badge off';
    $('live').textContent = 'live: reconnecting';
    setTimeout(connect, 2000);
  };
}

refresh();
setInterval(refresh, REFRESH_MS);
connect();
