/* dom.js: the only way the UI builds the page. Everything that comes from
 * a document or the database becomes text (textContent, text nodes),
 * never markup: no innerHTML anywhere. Links are checked by safeHref.
 * Also: fetching the API, and byte-offset helpers (the API's offsets are
 * UTF-8 byte offsets, JavaScript strings are UTF-16). */
'use strict';

const FL = window.FL = {};

/* el('a', {href: '#/x', class: 'c'}, 'text', childNode, [more]) */
FL.el = function el(tag, attrs, ...kids) {
  const svg = ['svg', 'g', 'path', 'circle', 'title', 'line', 'text', 'rect'].includes(tag);
  const n = svg ? document.createElementNS('http://www.w3.org/2000/svg', tag) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) { n.addEventListener(k.slice(2), v); continue; }
    if (k === 'href') { n.setAttribute('href', FL.safeHref(v)); continue; }
    n.setAttribute(k, String(v));
  }
  FL.append(n, kids);
  return n;
};

FL.append = function append(n, ...kids) {
  for (const k of kids.flat(Infinity)) {
    if (k === null || k === undefined || k === false) continue;
    n.appendChild(k instanceof Node ? k : document.createTextNode(String(k)));
  }
  return n;
};

/* Internal routes (#/...) and http(s) URLs only: javascript:, data: and
 * anything else becomes an inert '#'. */
FL.safeHref = function safeHref(u) {
  u = String(u);
  if (u.startsWith('#/')) return u;
  try {
    const p = new URL(u, 'http://invalid/');
    if ((p.protocol === 'http:' || p.protocol === 'https:') && /^https?:\/\//i.test(u)) return p.href;
  } catch (e) { /* not a URL */ }
  return '#';
};

FL.clear = function clear(n) { while (n.firstChild) n.removeChild(n.firstChild); return n; };

FL.api = async function api(path, params) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== undefined && v !== null && v !== '') qs.set(k, v);
  const url = '/api/' + path + (qs.toString() ? '?' + qs : '');
  const r = await fetch(url, {headers: {Accept: 'application/json'}});
  let body = null;
  try { body = await r.json(); } catch (e) { body = null; }
  if (!r.ok) {
    const msg = body && body.error ? body.error.message : r.status + ' ' + r.statusText;
    const err = new Error(msg);
    err.status = r.status;
    throw err;
  }
  return body;
};

FL.enc = new TextEncoder();
FL.dec = new TextDecoder();

/* Splits TEXT at the byte ranges SPANS ([{start, end, ...}], sorted or
 * not, overlaps dropped) and returns [{text, span|null}] pieces. */
FL.splitBytes = function splitBytes(text, spans) {
  const bytes = FL.enc.encode(text);
  const sorted = spans.filter(s => s.end > s.start && s.start >= 0 && s.end <= bytes.length)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const out = [];
  let pos = 0;
  for (const s of sorted) {
    if (s.start < pos) continue;
    if (s.start > pos) out.push({text: FL.dec.decode(bytes.subarray(pos, s.start)), span: null});
    out.push({text: FL.dec.decode(bytes.subarray(s.start, s.end)), span: s});
    pos = s.end;
  }
  if (pos < bytes.length) out.push({text: FL.dec.decode(bytes.subarray(pos)), span: null});
  return out;
};

/* A snippet with its highlight ranges ([[start, end], ...]) as <mark>. */
FL.highlighted = function highlighted(snippet, ranges) {
  const spans = (ranges || []).map(r => ({start: r[0], end: r[1]}));
  return FL.splitBytes(snippet || '', spans).map(p => p.span ? FL.el('mark', {}, p.text) : p.text);
};

FL.enc_id = id => encodeURIComponent(id).replace(/%3A/gi, ':');
FL.entityHref = id => '#/entity/' + FL.enc_id(id);
FL.docHref = (id, start, end) => '#/doc/' + encodeURIComponent(id) +
  (start !== undefined && start !== null ? '?start=' + start + '&end=' + end : '');
FL.entityLink = (id, name, type) =>
  FL.el('a', {href: FL.entityHref(id), class: 'ent ent-' + (type || String(id).split(':')[0])}, name || id);

/* Download links for what a page shows, one per export format (GET
 * /api/export with the page's filters, docs/export.md). */
FL.EXPORTS = [['jsonl', 'JSONL'], ['csv', 'CSV'], ['stix', 'STIX 2.1'], ['gexf', 'GEXF'], ['graphml', 'GraphML'],
              ['md', 'Markdown brief'], ['html', 'HTML brief']];
FL.exportLinks = function exportLinks(params) {
  const links = FL.EXPORTS.map(([format, label]) => {
    const qs = new URLSearchParams({format});
    for (const [k, v] of Object.entries(params)) if (v) qs.set(k, v);
    return FL.el('a', {href: location.origin + '/api/export?' + qs, download: '', class: 'export', 'data-format': format}, label);
  });
  return FL.el('p', {class: 'exports', id: 'exports'}, 'Download: ', links.map((a, i) => i ? [' · ', a] : a));
};

FL.message = function message(text, cls) { return FL.el('p', {class: cls || 'note'}, text); };

/* Shows an API failure in place; a 404 on a knowledge endpoint means the
 * library in this build lacks it. */
FL.failure = function failure(e) {
  return FL.el('div', {class: 'error', role: 'alert'}, e.message || String(e));
};
