/* app.js: the router. Pages live in the URL's fragment (#/search?q=...,
 * #/entity/country:LY, #/doc/3?start=..&end=.., #/map, #/entities,
 * #/timeline, #/graph/ID) so the server only serves files; every view is in views.js
 * or map.js. */
'use strict';

(function () {
const {el, clear, append} = FL;

FL.route = function route(name, params) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== undefined && v !== null && v !== '' && k !== 'id') qs.set(k, v);
  const id = params && params.id !== undefined ? '/' + FL.enc_id(params.id) : '';
  return '#/' + name + id + (qs.toString() ? '?' + qs : '');
};

FL.go = function go(name, params) { location.hash = FL.route(name, params); };

function parse() {
  const h = location.hash.replace(/^#\/?/, '');
  const [path, query] = h.split('?');
  const parts = path.split('/');
  const params = Object.fromEntries(new URLSearchParams(query || ''));
  if (parts[1] !== undefined) params.id = decodeURIComponent(parts.slice(1).join('/'));
  return {name: parts[0] || 'search', params};
}

let generation = 0;
async function render() {
  const {name, params} = parse();
  const view = FL.views[name] || FL.views.search;
  document.body.dataset.view = FL.views[name] ? name : 'search';
  const main = clear(document.getElementById('main'));
  const mine = ++generation;
  document.querySelectorAll('nav a').forEach(a => a.classList.toggle('active', a.dataset.nav === name));
  document.title = 'flank — ' + name + (params.q ? ': ' + params.q : params.id ? ': ' + params.id : '');
  const box = el('div', {class: 'view view-' + name});
  append(main, [box]);
  document.body.dataset.state = 'loading';
  try { await view(box, params); } catch (e) { append(box, [FL.failure(e)]); }
  if (mine === generation) document.body.dataset.state = 'ready';
  if (name !== 'doc') window.scrollTo(0, 0);
}

window.addEventListener('hashchange', render);
/* The header's box: a query, or an entity from the suggestions (its dossier). */
const topq = document.getElementById('topq');
topq.insertAdjacentElement('afterend', FL.suggestBox(topq, s => { topq.value = ''; FL.go('entity', {id: s.id}); }));
document.getElementById('topsearch').addEventListener('submit', ev => {
  ev.preventDefault();
  FL.go('search', {q: document.getElementById('topq').value.trim()});
});
render();
})();
