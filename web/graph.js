/* graph.js: the relations graph, an entity's neighbourhood (GET
 * /api/graph: one or two hops, filtered by predicate and time) laid out
 * with d3-force (vendored d3, run to rest before drawing, so the same data
 * draws the same picture), panned and zoomed with d3-zoom. Nodes are
 * links to their dossiers, reachable by keyboard; the same edges follow
 * as a table. Built with FL.el only. */
'use strict';

(function () {
const {el, api, append, failure, entityLink} = FL;
const W = 900, H = 600;
const COLOURS = {country: '#3b78b5', organization: '#3f8f4f', org: '#3f8f4f', group: '#b53b3b', place: '#b5873b',
                 person: '#7d4fb5', framework: '#2f8f8a', region: '#777777', document: '#555555'};
const words = p => String(p || '').replace(/_/g, ' ');

function layout(nodes, edges) {
  const sim = d3.forceSimulation(nodes)
    .force('link', d3.forceLink(edges).id(n => n.id).distance(e => e.target.hop === 2 || e.source.hop === 2 ? 60 : 110))
    .force('charge', d3.forceManyBody().strength(-260))
    .force('center', d3.forceCenter(W / 2, H / 2))
    .force('collide', d3.forceCollide(22))
    .stop();
  const root = nodes.find(n => n.hop === 0);
  if (root) { root.fx = W / 2; root.fy = H / 2; }
  for (let i = 0; i < 300; i++) sim.tick();
}

FL.views.graph = async function (main, p) {
  let preds = [];
  try { preds = (await api('predicates')).predicates || []; } catch (e) { preds = []; }
  const who = el('input', {type: 'search', id: 'gentity', value: p.name || p.id || '', autocomplete: 'off',
                           placeholder: 'entity, e.g. Wagner Group', 'aria-label': 'entity'});
  let chosen = p.id || '';
  who.addEventListener('input', () => { chosen = ''; });
  const hops = el('select', {id: 'hops', 'aria-label': 'hops'},
    el('option', {value: '1', selected: p.hops !== '2'}, '1 hop'), el('option', {value: '2', selected: p.hops === '2'}, '2 hops'));
  const pred = el('select', {id: 'gpredicate', 'aria-label': 'relation'}, el('option', {value: ''}, 'any relation'),
    preds.map(x => el('option', {value: x.name, selected: p.predicate === x.name}, words(x.name))));
  const since = el('input', {type: 'text', id: 'gsince', size: 8, value: p.since || '', placeholder: 'since YYYY', 'aria-label': 'since'});
  const until = el('input', {type: 'text', id: 'guntil', size: 8, value: p.until || '', placeholder: 'until YYYY', 'aria-label': 'until'});
  const go = name => FL.go('graph', {id: chosen || who.value.trim(), name: name || '', hops: hops.value === '2' ? '2' : '',
                                     predicate: pred.value, since: since.value.trim(), until: until.value.trim()});
  const form = el('form', {class: 'searchform', id: 'graphform'},
    el('span', {class: 'combo'}, who, FL.suggestBox(who, s => { who.value = s.name; chosen = s.id; go(s.name); })),
    hops, pred, since, until, el('button', {type: 'submit'}, 'Draw'));
  form.addEventListener('submit', ev => { ev.preventDefault(); go(); });
  [hops, pred].forEach(s => s.addEventListener('change', () => go()));
  append(main, el('h1', {}, 'Relations graph'), form);
  if (!p.id) { append(main, FL.message('Choose an entity to draw its relations.')); return; }

  let g;
  try {
    g = await api('graph', {entity: p.id, hops: p.hops || 1, predicate: p.predicate, since: p.since, until: p.until});
  } catch (e) { append(main, failure(e)); return; }
  const nodes = g.nodes.map(n => Object.assign({}, n));
  const edges = g.edges.map(e => Object.assign({}, e));
  const byId = Object.fromEntries(nodes.map(n => [n.id, n]));
  if (!edges.length) { append(main, FL.message('No relation of ' + (byId[g.entity] || {}).name + ' matches.')); return; }
  layout(nodes, edges);
  const maxDocs = Math.max(1, ...edges.map(e => e.documents));
  const svg = el('svg', {id: 'graph', viewBox: '0 0 ' + W + ' ' + H, role: 'group', 'aria-label': 'relations graph of ' + (byId[g.entity] || {}).name});
  const zoomed = el('g', {class: 'zoomed'});
  const gE = el('g', {class: 'edges'}), gN = el('g', {class: 'nodes'});
  for (const e of edges) {
    gE.appendChild(el('line', {x1: e.source.x.toFixed(1), y1: e.source.y.toFixed(1), x2: e.target.x.toFixed(1), y2: e.target.y.toFixed(1),
      class: 'edge', 'stroke-width': (1 + 3 * e.documents / maxDocs).toFixed(1), 'data-predicate': e.predicate},
      el('title', {}, e.source.name + ' ' + words(e.predicate) + ' ' + e.target.name + ' (' + e.documents + ' documents)')));
  }
  for (const n of nodes) {
    const node = el('g', {class: 'node hop' + n.hop, transform: 'translate(' + n.x.toFixed(1) + ',' + n.y.toFixed(1) + ')',
                          tabindex: 0, role: 'link', 'aria-label': n.name + ' (' + n.type + ')', 'data-id': n.id},
      el('circle', {r: n.hop === 0 ? 14 : n.hop === 1 ? 9 : 6, fill: COLOURS[n.type] || '#555'}),
      el('text', {x: 12, y: 4, class: 'nodelabel'}, n.name));
    const open = () => FL.go('entity', {id: n.id});
    node.addEventListener('click', open);
    node.addEventListener('keydown', ev => { if (ev.key === 'Enter') open(); });
    gN.appendChild(node);
  }
  zoomed.appendChild(gE);
  zoomed.appendChild(gN);
  svg.appendChild(zoomed);
  const zoom = d3.zoom().scaleExtent([0.3, 8]).on('zoom', ev => {
    zoomed.setAttribute('transform', ev.transform.toString());
    zoomed.style.setProperty('--k', ev.transform.k);
  });
  d3.select(svg).call(zoom);
  const types = [...new Set(nodes.map(n => n.type))];
  const key = el('ul', {class: 'graphkey'}, types.map(t => {
    const dot = el('span', {class: 'dot'});
    dot.style.background = COLOURS[t] || '#555';
    return el('li', {}, dot, t);
  }));
  append(main, el('div', {class: 'graphbox'}, svg), key,
    el('p', {class: 'note', id: 'graphnote'}, nodes.length + ' entities, ' + edges.length + ' relations; wider lines: more documents. ' +
       'Drag to pan, wheel to zoom; a node opens its dossier.'),
    el('div', {class: 'tablewrap'}, el('table', {class: 'entities', id: 'edgetable'},
      el('thead', {}, el('tr', {}, ['subject', 'relation', 'object', 'documents', 'dates'].map(h => el('th', {}, h)))),
      el('tbody', {}, edges.map(e => el('tr', {},
        el('td', {}, entityLink(e.source.id, e.source.name, e.source.type)), el('td', {}, FL.predSpan(e)),
        el('td', {}, entityLink(e.target.id, e.target.name, e.target.type)), el('td', {class: 'num'}, String(e.documents)),
        el('td', {}, e.first ? e.first + (e.last !== e.first ? '–' + e.last : '') : '')))))));
};
})();
