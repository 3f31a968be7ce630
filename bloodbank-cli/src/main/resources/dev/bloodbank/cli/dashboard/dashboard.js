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
