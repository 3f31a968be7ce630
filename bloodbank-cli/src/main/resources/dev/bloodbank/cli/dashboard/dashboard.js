// The dashboard page. It reads only the JSON API and builds every node with createElement and
// textContent: no data ever goes through innerHTML, so a payload holding markup stays text.
'use strict';

const REFRESH_MS = 2000;
const SVG = 'http://www.w3.org/2000/svg';
const ROW = 20;
const COLUMNS = { key: 10, exchange: 330, queue: 560, consumer: 900 };
const WIDTH = { key: 280, exchange: 170, queue: 290, consumer: 260 };

const state = { graph: null, queueNodes: new Map(), edgesByQueue: new Map(), keyEdges: new Map(),
  consumerLayer: null, svg: null, deadCounts: new Map() };

function el(tag, attrs, text) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, value);
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function svg(tag, attrs, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, value);
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function token() {
  return document.getElementById('token').value.trim();
}

// The printed address carries the token in the fragment, which the browser never sends; keep it for this tab only.
function takeTokenFromAddress() {
  const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  const input = document.getElementById('token');
  if (match) {
    sessionStorage.setItem('bloodbank-token', decodeURIComponent(match[1]));
    history.replaceState(null, '', location.pathname);
  }
  input.value = sessionStorage.getItem('bloodbank-token') || '';
  input.addEventListener('change', () => sessionStorage.setItem('bloodbank-token', token()));
}

async function getJson(path) {
  const response = await fetch(path, { cache: 'no-store' });
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || response.statusText);
  return body;
}

function node(group, kind, x, y, width, label, title) {
  const g = svg('g', { class: kind });
  group.appendChild(g);
  g.appendChild(svg('rect', { x, y: y - 13, width, height: 17 }));
  g.appendChild(svg('text', { x: x + 5, y }, label));
  if (title) g.appendChild(svg('title', {}, title));
  return g;
}

function edge(layer, x1, y1, x2, y2) {
  const mid = (x1 + x2) / 2;
  const path = svg('path', { class: 'edge', d: `M${x1},${y1 - 5} C${mid},${y1 - 5} ${mid},${y2 - 5} ${x2},${y2 - 5}` });
  layer.appendChild(path);
  return path;
}

function renderGraph(graph) {
  const host = document.getElementById('graph');
  host.replaceChildren();
  state.graph = graph;
  document.getElementById('vhost').textContent = `vhost ${graph.vhost}`;
  const keys = graph.domains.reduce((n, d) => n + d.keys.length + 1, 0);
  const rows = Math.max(keys, graph.queues.length + 2, 6);
  const root = svg('svg', { width: COLUMNS.consumer + WIDTH.consumer + 20, height: rows * ROW + 30 });
  const edges = svg('g', {});
  const nodes = svg('g', {});
  state.consumerLayer = svg('g', {});
  root.append(edges, nodes, state.consumerLayer);
  state.svg = root;

  const exchangeY = new Map();
  graph.exchanges.forEach((name, i) => {
    const y = 40 + i * 3 * ROW;
    exchangeY.set(name, y);
    node(nodes, 'exchange', COLUMNS.exchange, y, WIDTH.exchange, name);
  });
  state.queueNodes.clear();
  const queueY = new Map();
  graph.queues.forEach((q, i) => {
    const y = 20 + i * 2 * ROW;
    queueY.set(q.queue, y);
    const g = node(nodes, `queue ${q.role}`, COLUMNS.queue, y, WIDTH.queue, `${q.role} ${q.owner}`,
      `${q.queue}\nbound with ${q.bindingKeys.join(', ')}\ndead letters in ${q.deadLetterQueue}`);
    g.setAttribute('data-queue', q.queue);
    const figures = svg('text', { class: 'figures', x: COLUMNS.queue + 5, y: y + 15 }, '');
    g.appendChild(figures);
    const link = edge(edges, COLUMNS.exchange + WIDTH.exchange, exchangeY.get(q.exchange), COLUMNS.queue, y);
    const rate = svg('text', { class: 'rate', x: COLUMNS.queue - 48, y: y - 8 }, '');
    edges.appendChild(rate);
    state.queueNodes.set(q.queue, { group: g, figures, link, rate, y });
  });

  let y = 20;
  state.keyEdges.clear();
  for (const domain of graph.domains) {
    nodes.appendChild(svg('text', { class: 'domain', x: COLUMNS.key, y }, domain.name));
    y += ROW;
    for (const k of domain.keys) {
      const unrouted = k.receivers.length === 0;
      const title = unrouted
        ? `${k.key} (${k.kind}): no ${k.kind === 'event' ? 'subscription' : 'worker'} receives it` + (k.keptOn ? `; kept on ${k.keptOn}` : '')
        : `${k.key} (${k.kind}) → ${k.receivers.join(', ')}`;
      const g = node(nodes, `key ${k.kind}${unrouted ? ' unrouted' : ''}`, COLUMNS.key + 10, y, WIDTH.key - 10, k.key, title);
      g.setAttribute('data-key', k.key);
      const toExchange = edge(edges, COLUMNS.key + WIDTH.key, y, COLUMNS.exchange, exchangeY.get(k.exchange));
      const lit = [toExchange, ...k.receivers.map(r => state.queueNodes.get(r)).filter(Boolean).map(n => n.link)];
      g.addEventListener('mouseenter', () => lit.forEach(p => p.classList.add('lit')));
      g.addEventListener('mouseleave', () => lit.forEach(p => p.classList.remove('lit')));
      y += ROW;
    }
  }
  host.appendChild(root);
}

function rate(value) {
  return value >= 10 ? value.toFixed(0) : value.toFixed(1);
}

function count(value) {
  return value === null || value === undefined ? '–' : String(value);
}

function renderGraphFigures(flow) {
  const layer = state.consumerLayer;
  if (!layer) return;
  layer.replaceChildren();
  let next = 20;
  for (const q of flow.queues) {
    const n = state.queueNodes.get(q.queue);
    if (!n) continue;
    n.group.setAttribute('class', ['queue', q.role, ...q.highlights.map(h => h.toLowerCase())].join(' '));
    n.figures.textContent = q.exists
      ? `ready ${count(q.ready)} · unacked ${count(q.unacked)} · dlq ${q.deadLetters}`
      : 'not on the broker (run bloodbank apply)';
    n.rate.textContent = q.publishRate > 0 ? `${rate(q.publishRate)}/s` : '';
    n.link.classList.toggle('flowing', q.publishRate > 0);
    for (const c of q.liveConsumers) {
      const y = Math.max(next, n.y);
      node(layer, 'consumer', COLUMNS.consumer, y, WIDTH.consumer, `${c.tag} · ${c.peerHost}`,
        `consumer ${c.tag}\non ${c.connection}, prefetch ${c.prefetch}${c.active ? '' : ', standby'}`);
      layer.appendChild(edge(layer, COLUMNS.queue + WIDTH.queue, n.y, COLUMNS.consumer, y));
      next = y + ROW;
    }
  }
  const needed = next + 20;
  if (Number(state.svg.getAttribute('height')) < needed) state.svg.setAttribute('height', needed);
}

function renderQueues(flow) {
  const body = document.querySelector('#queues tbody');
  const rows = [];
  for (const q of [...flow.queues, ...(flow.unrouted ? [flow.unrouted] : [])]) {
    const tr = el('tr', { 'data-queue': q.queue, class: q.highlights.map(h => h.toLowerCase()).join(' ') });
    const cells = [`${q.role === 'unrouted' ? '' : q.role + ' '}${q.owner}`, q.queue, count(q.ready), count(q.unacked),
      count(q.consumers), rate(q.publishRate), rate(q.deliverRate),
      q.role === 'unrouted' ? '–' : String(q.retrying), q.role === 'unrouted' ? '–' : String(q.deadLetters)];
    cells.forEach(text => tr.appendChild(el('td', {}, text)));
    const flags = el('td', {});
    q.highlights.forEach(h => flags.appendChild(el('span', { class: `flag ${h.toLowerCase()}` }, h.toLowerCase().replaceAll('_', ' '))));
    tr.appendChild(flags);
    rows.push(tr);
  }
  body.replaceChildren(...rows);
}

function renderDeadLetterQueues(flow) {
  const host = document.getElementById('dead-letters');
  const withLetters = flow.queues.filter(q => q.deadLetters > 0);
  document.getElementById('no-dead-letters').hidden = withLetters.length > 0;
  const wanted = new Set(withLetters.map(q => q.queue));
  for (const card of [...host.children]) {
    if (!wanted.has(card.dataset.queue)) { card.remove(); state.deadCounts.delete(card.dataset.queue); }
  }
  for (const q of withLetters) {
    // Browsing a dead-letter queue moves its messages; look again only when its count changed.
    if (state.deadCounts.get(q.queue) === q.deadLetters) continue;
    state.deadCounts.set(q.queue, q.deadLetters);
    loadDeadLetters(q.queue, `${q.role} ${q.owner}`);
  }
}

async function loadDeadLetters(queue, label) {
  const host = document.getElementById('dead-letters');
  let card = [...host.children].find(c => c.dataset.queue === queue);
  if (!card) {
    card = el('div', { class: 'dead-queue', 'data-queue': queue });
    host.appendChild(card);
  }
  try {
    const view = await getJson(`/api/dead-letters?queue=${encodeURIComponent(queue)}&max=20`);
    const title = el('h3', {});
    title.append(el('span', {}, `${label} — ${view.count} dead letter${view.count === 1 ? '' : 's'} in ${view.deadLetterQueue}`));
    const all = el('button', { class: 'replay-all' }, 'Replay all');
    all.addEventListener('click', () => replay(queue, [], all, card));
    title.appendChild(all);
    const letters = view.letters.map(letter => renderLetter(queue, letter, card));
    const notice = el('div', { class: 'notice' });
    card.replaceChildren(title, notice, ...letters);
    if (view.count > view.letters.length) card.appendChild(el('p', { class: 'muted' }, `showing the first ${view.letters.length}`));
  } catch (error) {
    card.replaceChildren(el('h3', {}, label), el('div', { class: 'notice' }, `cannot read the dead letters: ${error.message}`));
  }
}

function renderLetter(queue, letter, card) {
  const div = el('div', { class: 'letter', 'data-message-id': letter.messageId || '' });
  const error = letter.errorClass ? `${letter.errorClass.split('.').pop()}: ${letter.errorMessage}` : (letter.errorMessage || letter.reason);
  div.appendChild(el('div', { class: 'meta' },
    `${letter.messageId || '-'} · ${letter.type || '-'} · ${letter.reason} · ${letter.attempts} attempt${letter.attempts === 1 ? '' : 's'}`
    + (letter.failedAt ? ` · failed ${letter.failedAt}` : '')));
  div.appendChild(el('div', { class: 'error' }, error));
  div.appendChild(el('pre', { class: 'payload' }, letter.payload));
  if (letter.messageId) {
    const button = el('button', { class: 'replay' }, 'Replay');
    button.addEventListener('click', () => replay(queue, [letter.messageId], button, card));
    div.appendChild(button);
  }
  return div;
}

async function replay(queue, messageIds, button, card) {
  const notice = card.querySelector('.notice');
  button.disabled = true;
  try {
    const response = await fetch('/api/dead-letters/replay', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Bloodbank-Token': token() },
      body: JSON.stringify({ queue, messageIds })
    });
    const body = await response.json();
    if (!response.ok) throw new Error(body.error || response.statusText);
    if (notice) notice.textContent = `${body.replayed.length} replayed, ${body.remaining} left`
      + (body.failures.length ? `; not replayed: ${body.failures.join('; ')}` : '');
    state.deadCounts.delete(queue);
    for (const id of body.replayed) card.querySelector(`.letter[data-message-id="${CSS.escape(id)}"]`)?.remove();
    if (body.remaining === 0) card.querySelectorAll('.letter').forEach(l => l.remove());
  } catch (error) {
    if (notice) notice.textContent = `replay refused: ${error.message}`;
  } finally {
    button.disabled = false;
  }
}

// ---- The archive: per-key figures and the event browser ----

const EVENTS_MS = 1000;
// `live`: the list refreshes by itself only while the follower's recent events answer it; a scan
// of the stream (an old window, a rare key) runs once per click on "show".
const archiveState = { available: true, openEvent: null, live: true };

function millis(value) {
  if (value === null || value === undefined) return '–';
  return value < 1000 ? `${value} ms` : `${(value / 1000).toFixed(1)} s`;
}

function sparkline(perMinute) {
  const width = 120, height = 22, gap = 1;
  const most = Math.max(1, ...perMinute);
  const bar = width / perMinute.length;
  const chart = svg('svg', { class: 'spark', width, height, viewBox: `0 0 ${width} ${height}` });
  perMinute.forEach((n, i) => {
    const h = n === 0 ? 0 : Math.max(1, Math.round(n / most * height));
    chart.appendChild(svg('rect', { x: (i * bar).toFixed(1), y: height - h, width: Math.max(1, bar - gap).toFixed(1), height: h },
      null)).appendChild(svg('title', {}, `${n} events`));
  });
  return chart;
}

// The key table's rows by key, each with the figures it was drawn from: a refresh draws again only
// the rows whose figures changed (a few dozen of 600 keys every 2 s), not every row and sparkline.
const keyRows = new Map();

function keyRow(k) {
  const figures = JSON.stringify(k);
  const known = keyRows.get(k.key);
  if (known && known.figures === figures) return known.row;
  const row = el('tr', { 'data-key': k.key, class: k.unrouted > 0 ? 'unrouted' : '' });
  row.appendChild(el('td', {}, k.key));
  row.appendChild(el('td', {})).appendChild(sparkline(k.perMinute));
  row.appendChild(el('td', { class: 'total' }, k.total));
  row.appendChild(el('td', {}, k.perMinute[k.perMinute.length - 1]));
  row.appendChild(el('td', { title: `${k.latencySamples} events measured` }, millis(k.p50Millis)));
  row.appendChild(el('td', { title: `${k.latencySamples} events measured` }, millis(k.p99Millis)));
  row.appendChild(el('td', {}, k.unrouted));
  row.appendChild(el('td', { title: k.retried === null
    ? 'not counting now: the broker is away, or its topology has no retry exchange yet (bloodbank apply adds it)'
    : 'sent to a retry queue in the window since the dashboard started; Queues shows what waits in them' },
    k.retried === null ? 'n/a' : k.retried));
  row.appendChild(el('td', { title: k.deadLettered === null ? 'not counting now: the broker is away'
    : 'dead-lettered in the window since the dashboard started; the letters are in Dead letters' },
    k.deadLettered === null ? 'n/a' : k.deadLettered));
  row.addEventListener('click', () => {
    document.querySelector('#event-filter [name=pattern]').value = k.key;
    refreshEvents();
  });
  keyRows.set(k.key, { figures, row });
  return row;
}

function renderKeys(view) {
  const note = document.getElementById('keys-note');
  note.textContent = view.following
    ? `from the archive ${view.stream}, ${view.archived} events read`
    : `archive not read now: ${view.problem}`;
  const keys = [...view.keys].sort((a, b) => b.total - a.total || a.key.localeCompare(b.key));
  const rows = keys.map(keyRow);
  const shown = new Set(keys.map(k => k.key));
  for (const key of keyRows.keys()) if (!shown.has(key)) keyRows.delete(key);
  const body = document.querySelector('#keys tbody');
  const current = body.children;
  const same = current.length === rows.length && rows.every((row, i) => current[i] === row);
  if (!same) body.replaceChildren(...rows);
}

function eventQuery() {
  const form = document.getElementById('event-filter');
  const params = new URLSearchParams();
  for (const name of ['pattern', 'since', 'until', 'text']) {
    const value = form.elements[name].value.trim();
    if (value) params.set(name, value);
  }
  params.set('limit', '100');
  return params.toString();
}

function payloadText(envelope) {
  try {
    return JSON.stringify(JSON.parse(envelope).payload);
  } catch (error) {
    return envelope;
  }
}

function renderEvents(view) {
  archiveState.live = view.source === 'recent';
  document.getElementById('events-note').textContent = `${view.events.length} shown`
    + (view.source === 'archive' ? ', read from the archive; click show to read again' : '');
  const rows = document.createDocumentFragment();
  for (const e of view.events) {
    const row = el('tr', { 'data-event-id': e.eventId, 'data-key': e.key, class: e.eventId === archiveState.openEvent ? 'open' : '' });
    row.appendChild(el('td', { title: e.timestamp }, new Date(e.timestamp).toLocaleTimeString()));
    row.appendChild(el('td', {}, e.key));
    row.appendChild(el('td', {}, e.sourceApp));
    row.appendChild(el('td', { class: 'payload' }, payloadText(e.envelope).slice(0, 200)));
    row.addEventListener('click', () => openEvent(e.eventId));
    rows.appendChild(row);
  }
  document.querySelector('#events tbody').replaceChildren(rows);
}

function pretty(text) {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch (error) {
    return text;
  }
}

function traceList(node) {
  const list = el('ul');
  const item = el('li', { 'data-event-id': node.eventId });
  const link = el('a', {}, `${node.key}  ${node.eventId}`);
  link.addEventListener('click', () => openEvent(node.eventId));
  item.appendChild(link);
  item.appendChild(el('span', { class: 'muted' }, `  ${node.sourceApp}  ${node.timestamp}`));
  for (const child of node.caused) item.appendChild(traceList(child));
  list.appendChild(item);
  return list;
}

async function openEvent(eventId) {
  archiveState.openEvent = eventId;
  const view = document.getElementById('event-view');
  const trace = document.getElementById('event-trace');
  try {
    const e = await getJson(`/api/events/${encodeURIComponent(eventId)}`);
    view.hidden = false;
    document.getElementById('event-title').textContent = `${e.key}  ${e.eventId}  (offset ${e.offset})`;
    const headers = document.createDocumentFragment();
    for (const [name, value] of Object.entries(e.headers)) {
      const row = el('tr');
      row.appendChild(el('td', {}, name));
      row.appendChild(el('td', {}, value));
      headers.appendChild(row);
    }
    document.querySelector('#event-headers tbody').replaceChildren(headers);
    document.getElementById('event-envelope').textContent = pretty(e.envelope);
    trace.replaceChildren(el('span', { class: 'muted' }, 'reading the archive…'));
    const since = new Date(new Date(e.timestamp).getTime() - 60000).toISOString();
    const root = await getJson(`/api/trace/${encodeURIComponent(eventId)}?since=${encodeURIComponent(since)}`);
    trace.replaceChildren(root.caused.length ? traceList(root) : el('span', { class: 'muted' }, 'nothing so far'));
  } catch (error) {
    view.hidden = false;
    trace.replaceChildren(el('span', { class: 'notice' }, error.message));
  }
}

async function refreshEvents() {
  try {
    renderEvents(await getJson(`/api/events?${eventQuery()}`));
  } catch (error) {
    document.getElementById('events-note').textContent = error.message;
  }
}

async function followEvents() {
  if (archiveState.live) await refreshEvents();
  setTimeout(followEvents, EVENTS_MS);
}

async function refreshKeys() {
  if (!archiveState.available) return;
  const response = await fetch('/api/keys?minutes=15', { cache: 'no-store' });
  if (response.status === 404) {
    // The topology has no archive: neither view exists.
    archiveState.available = false;
    return;
  }
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || response.statusText);
  document.getElementById('keys-section').hidden = false;
  if (document.getElementById('events-section').hidden) {
    document.getElementById('events-section').hidden = false;
    document.getElementById('event-filter').addEventListener('submit', event => {
      event.preventDefault();
      refreshEvents();
    });
    followEvents();
  }
  renderKeys(body);
}

function showBanner(text) {
  const banner = document.getElementById('banner');
  banner.hidden = !text;
  banner.textContent = text || '';
}

async function refresh() {
  try {
    const flow = await getJson('/api/flow');
    if (!flow.brokerUp) {
      showBanner(`Broker unavailable: ${flow.problem}` + (flow.readAt ? ` — figures from ${flow.readAt}` : ''));
    } else {
      showBanner(null);
    }
    if (flow.readAt) {
      document.getElementById('updated').textContent = `updated ${new Date(flow.readAt).toLocaleTimeString()}`;
      renderGraphFigures(flow);
      renderQueues(flow);
      if (flow.brokerUp) renderDeadLetterQueues(flow);
    }
    await refreshKeys();
  } catch (error) {
    showBanner(`The dashboard server does not answer (${error.message}); retrying.`);
  } finally {
    setTimeout(refresh, REFRESH_MS);
  }
}

async function start() {
  takeTokenFromAddress();
  for (;;) {
    try {
      renderGraph(await getJson('/api/topology'));
      break;
    } catch (error) {
      showBanner(`The dashboard server does not answer (${error.message}); retrying.`);
      await new Promise(resolve => setTimeout(resolve, REFRESH_MS));
    }
  }
  refresh();
}

document.addEventListener('DOMContentLoaded', start);
