/* search.js: the search page and the start page. One search box with entity
 * suggestions as one types (GET /api/suggest; arrow keys, Enter, Escape);
 * facets (entity type, country, year) that combine, each active one a
 * removable chip; result rows with date, publisher, snippets and the
 * document's top entities (GET /api/document-entities). With neither a
 * query nor a filter, the start page: what the database holds
 * (GET /api/overview) and the saved searches with their new-match counts
 * (GET /api/alerts). Built with FL.el only. */
'use strict';

(function () {
const {el, api, append, failure, entityLink, docHref, highlighted} = FL;
const FILTERS = ['entity', 'type', 'since', 'until', 'source'];
const plural = (n, one) => n + ' ' + (n === 1 ? one : one + 's');

/* Suggestions under INPUT (a combobox, WAI-ARIA 1.2): PICK(suggestion) is
 * called on Enter or a click on one; Enter without one submits the form. */
FL.suggestBox = function suggestBox(input, pick) {
  const list = el('ul', {class: 'suggestions', id: input.id + '-suggestions', role: 'listbox', hidden: ''});
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', list.id);
  let items = [], active = -1, timer = null, asked = 0;
  const close = () => { list.hidden = true; input.setAttribute('aria-expanded', 'false');
                        input.removeAttribute('aria-activedescendant'); active = -1; };
  const mark = i => {
    active = i;
    [...list.children].forEach((li, k) => li.setAttribute('aria-selected', k === i ? 'true' : 'false'));
    if (i >= 0) input.setAttribute('aria-activedescendant', list.children[i].id);
    else input.removeAttribute('aria-activedescendant');
  };
  const show = sugg => {
    FL.clear(list);
    items = sugg;
    sugg.forEach((s, i) => {
      const li = el('li', {role: 'option', id: list.id + '-' + i, 'aria-selected': 'false', 'data-id': s.id},
        el('span', {class: 'ent ent-' + s.type}, s.name), ' ', el('span', {class: 'etype'}, s.type),
        s.matched !== s.name ? el('span', {class: 'srcmeta'}, ' “' + s.matched + '”') : null,
        el('span', {class: 'count'}, plural(s.documents, 'document')));
      li.addEventListener('mousedown', ev => { ev.preventDefault(); close(); pick(s); });
      list.appendChild(li);
    });
    list.hidden = !sugg.length;
    input.setAttribute('aria-expanded', sugg.length ? 'true' : 'false');
    active = -1;
  };
  input.addEventListener('input', () => {
    clearTimeout(timer);
    const q = input.value.trim();
    if (q.length < 2 || /["*()]/.test(q)) { close(); return; }
    timer = setTimeout(async () => {
      const mine = ++asked;
      try {
        const r = await api('suggest', {q, limit: 8});
        if (mine === asked && input.value.trim() === q) show(r.suggestions || []);
      } catch (e) { close(); }
    }, 120);
  });
  input.addEventListener('keydown', ev => {
    if (list.hidden) return;
    if (ev.key === 'ArrowDown') { ev.preventDefault(); mark((active + 1) % items.length); }
    else if (ev.key === 'ArrowUp') { ev.preventDefault(); mark(active <= 0 ? items.length - 1 : active - 1); }
    else if (ev.key === 'Escape') { ev.preventDefault(); close(); }
    else if (ev.key === 'Enter' && active >= 0) { ev.preventDefault(); const s = items[active]; close(); pick(s); }
  });
  input.addEventListener('blur', () => setTimeout(close, 150));
  return list;
};

/* The one search box: a query, or an entity picked from the suggestions
 * (it becomes the entity filter, the query left as it was before it). */
function searchForm(p) {
  const q = el('input', {name: 'q', type: 'search', value: p.q || '', id: 'q', autocomplete: 'off',
                         placeholder: 'Search the reporting, or pick an entity', 'aria-label': 'search'});
  const list = FL.suggestBox(q, s => FL.go('search', Object.assign({}, p, {q: '', entity: s.id, ename: s.name, offset: ''})));
  const form = el('form', {class: 'searchform', role: 'search', id: 'searchform'},
                  el('div', {class: 'combo'}, q, list), el('button', {type: 'submit'}, 'Search'));
  form.addEventListener('submit', ev => {
    ev.preventDefault();
    FL.go('search', Object.assign({}, p, {q: q.value.trim(), offset: ''}));
  });
  return form;
}

/* Each active filter as a chip whose button removes it. */
function chips(p, names) {
  const label = {entity: 'entity', type: 'type', since: 'since', until: 'until', source: 'source'};
  const active = FILTERS.filter(k => p[k]);
  if (!active.length) return null;
  return el('ul', {class: 'chips', id: 'chips', 'aria-label': 'active filters'}, active.map(k => {
    const shown = k === 'entity' ? (names[p.entity] || p.ename || p.entity) : p[k];
    const drop = Object.assign({}, p, {[k]: '', offset: ''}, k === 'entity' ? {ename: ''} : {});
    return el('li', {class: 'chip', 'data-filter': k}, el('span', {class: 'chiplabel'}, label[k] + ': '), shown,
      el('a', {href: FL.route('search', drop), class: 'chipx', 'aria-label': 'remove filter ' + label[k] + ' ' + shown,
               role: 'button'}, '×'));
  }));
}

function facetList(title, items) {
  if (!items.length) return null;
  return el('section', {class: 'facet'}, el('h3', {}, title), el('ul', {}, items.map(i =>
    el('li', {class: i.active ? 'active' : null}, el('a', {href: i.href, 'aria-current': i.active ? 'true' : null}, i.label),
       i.count !== undefined ? el('span', {class: 'count'}, String(i.count)) : null))));
}

/* Facets of the answer (facets=1): documents by entity type, country and
 * year; a click adds the filter to those set (or removes it when set). */
function facets(p, res) {
  const link = extra => FL.route('search', Object.assign({}, p, {offset: ''}, extra));
  const f = res.facets || {types: [], countries: [], years: [], documents: 0};
  const types = f.types.map(t => ({label: t.type, count: t.count, active: p.type === t.type,
    href: link({type: p.type === t.type ? '' : t.type})}));
  const countries = f.countries.map(c => ({label: c.name || c.id, count: c.count, active: p.entity === c.id,
    href: link(p.entity === c.id ? {entity: '', ename: ''} : {entity: c.id, ename: c.name})}));
  const years = f.years.map(y => ({label: y.year, count: y.count, active: p.since === y.year && p.until === y.year,
    href: link(p.since === y.year ? {since: '', until: ''} : {since: y.year, until: y.year})}));
  const over = f.documents < res.total ? ' (newest ' + f.documents + ')' : '';
  return el('aside', {class: 'facets', id: 'facets', 'aria-label': 'refine'},
    facetList('Entity type' + over, types), facetList('Country' + over, countries), facetList('Year' + over, years));
}

function resultItem(doc, ents) {
  return el('li', {class: 'result'},
    el('h2', {}, el('a', {href: docHref(doc.id), class: 'doclink'}, doc.title || '(untitled)')),
    el('div', {class: 'meta'},
      doc.published ? el('time', {class: 'pubdate'}, doc.published) : el('span', {class: 'pubdate undated'}, 'undated'),
      doc.publisher ? [' · ', el('span', {class: 'publisher'}, doc.publisher)] : null,
      doc.source ? [' · ', el('span', {class: 'srcpath'}, doc.source)] : null),
    el('ul', {class: 'hits'}, (doc.hits || []).map(h =>
      el('li', {}, el('a', {href: docHref(doc.id, h.start, h.end), class: 'snippet'},
                       highlighted(h.snippet, h.highlights))))),
    ents && ents.length ? el('div', {class: 'ents topents', 'aria-label': 'entities most mentioned'},
      ents.map(e => entityLink(e.id, e.name, e.type))) : null);
}

/* The saved searches (flank alert add), each a link to its search (to the
 * map for a predicate alone) with what is new since the last look. None:
 * nothing shown. */
function savedSearches(alerts) {
  if (!alerts || !alerts.length) return null;
  const href = a => a.query || a.entity ? FL.route('search', {q: a.query, entity: a.entity})
                                        : FL.route('map', {predicate: a.predicate});
  return el('section', {class: 'ovbox ovwide', id: 'alerts'}, el('h2', {}, 'Saved searches'),
    el('ul', {class: 'alertlist'}, alerts.map(a => {
      const n = a.new_documents + a.new_relations;
      return el('li', {'data-alert': a.name, class: n ? 'hasnew' : null},
        el('a', {href: href(a)}, a.name), ' ',
        el('span', {class: 'srcmeta'}, [a.query, a.entity, a.predicate ? a.predicate.replace(/_/g, ' ') : '']
          .filter(Boolean).join(' · ')), ' ',
        el('span', {class: 'count newcount'}, n ? [a.new_documents ? plural(a.new_documents, 'new document') : '',
          a.new_relations ? plural(a.new_relations, 'new relation') : ''].filter(Boolean).join(', ') : 'nothing new'));
    })),
    el('p', {class: 'note'}, 'New since the last “flank alerts”; “flank alert add” saves a search.'));
}

/* The start page: what the database holds, and the saved searches. */
async function overview(main) {
  let o, alerts = null;
  const saved = api('alerts').catch(() => null);   /* an older server: no box */
  try { o = await api('overview'); } catch (e) { append(main, failure(e)); return; }
  alerts = await saved;
  const top = t => t && t.entities && t.entities.length ? el('section', {class: 'ovbox'},
    el('h2', {}, 'Most mentioned in ' + t.period),
    el('ol', {class: 'toplist'}, t.entities.map(e => el('li', {}, entityLink(e.id, e.name, e.type), ' ',
      el('a', {href: FL.route('search', {entity: e.id, ename: e.name}), class: 'count'}, plural(e.documents, 'document')))))) : null;
  append(main, el('section', {class: 'overview', id: 'overview'},
    el('p', {class: 'holds', id: 'holds'}, plural(o.documents, 'document'), ' from ', plural(o.sources, 'source'),
      o.first_published ? ', published ' + o.first_published + ' to ' + o.last_published : '',
      o.last_ingest ? '; last ingest ' + o.last_ingest.replace('T', ' ').replace('Z', ' UTC') : '', '.'),
    el('div', {class: 'ovgrid'}, savedSearches(alerts), top(o.top_year), top(o.top_month),
      (o.latest_relations || []).length ? el('section', {class: 'ovbox ovwide', id: 'latest'},
        el('h2', {}, 'Latest dated relations'),
        el('ul', {class: 'latest'}, o.latest_relations.map(r => el('li', {},
          el('span', {class: 'date'}, r.date), ' ', entityLink(r.subject, r.subject_name), ' ', FL.predSpan(r), ' ',
          r.object ? entityLink(r.object, r.object_name) : null, ' — ', FL.sourceRef(r, r.start, r.end))))) : null),
    el('p', {class: 'note'}, 'Syntax: words (all must appear), "a phrase", prefix*, OR, NOT, -word, parentheses. ' +
       'Type two letters for entity suggestions.')));
}

FL.views.search = async function (main, p) {
  append(main, searchForm(p));
  const filtered = FILTERS.some(k => p[k]);
  if (!p.q && !filtered) {
    append(main, el('h1', {class: 'intro'}, 'Open-source reporting on NATO\'s southern neighbourhood'));
    await overview(main);
    return;
  }
  const limit = 10, offset = parseInt(p.offset || '0', 10) || 0;
  let res;
  try {
    res = await api('search', {q: p.q, type: p.type, entity: p.entity, since: p.since, until: p.until,
                               source: p.source, limit, offset, facets: 1});
  } catch (e) { append(main, failure(e)); return; }
  const ids = (res.results || []).map(d => d.id);
  let ents = {};
  if (ids.length) try { ents = (await api('document-entities', {ids: ids.join(','), limit: 6})).documents || {}; } catch (e) { ents = {}; }
  const names = {};
  for (const c of (res.facets || {}).countries || []) names[c.id] = c.name;
  const list = el('section', {class: 'results', 'aria-label': 'results'});
  append(list, chips(p, names), el('p', {class: 'summary', id: 'summary'}, (res.total_estimated ? 'about ' : '') +
    plural(res.total, 'document') + (p.q ? '' : ', newest first')));
  if (!res.total) append(list, FL.message('Nothing matches' + (p.q ? ' ' + p.q : '') + '.'));
  append(list, el('ol', {class: 'resultlist', start: offset + 1}, (res.results || []).map(d => resultItem(d, ents[d.id]))));
  const pager = el('nav', {class: 'pager', 'aria-label': 'pages'});
  if (offset > 0) append(pager, [el('a', {href: FL.route('search', Object.assign({}, p, {offset: Math.max(0, offset - limit)}))}, '← previous')]);
  const ranked = res.ranked_window ? Math.min(res.total, res.ranked_window) : res.total;   /* pages past the window are empty */
  if (offset + limit < ranked) append(pager, [el('a', {href: FL.route('search', Object.assign({}, p, {offset: offset + limit}))}, 'next →')]);
  append(list, pager, FL.exportLinks({q: p.q, entity: p.entity, since: p.since, until: p.until}));
  append(main, el('div', {class: 'withfacets'}, list, facets(p, res)));
};
})();
