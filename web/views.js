/* views.js: the pages other than the map: search (with facets), document
 * (entities highlighted, the hit sentence marked), entity dossier, entity
 * list and timeline. Each view is an async function (main, params) that
 * fills MAIN through FL.el only. */
'use strict';

(function () {
const {el, api, append, failure, entityLink, docHref, highlighted} = FL;
const TYPES = ['country', 'region', 'organization', 'group', 'framework', 'place', 'person'];
const PRED = p => String(p || '').replace(/_/g, ' ');
/* A relation's predicate, its export classes (from the vocabulary, in
 * the API's answer) as the tooltip. */
const predSpan = r => el('span', {class: 'pred', title: [r.cameo ? 'CAMEO ' + r.cameo : '', r.plover ? 'PLOVER ' + r.plover : '']
  .filter(x => x).join(', ') || null}, PRED(r.predicate));
const V = FL.views = {};

function searchForm(p) {
  const q = el('input', {name: 'q', type: 'search', value: p.q || '', placeholder: 'Search the reporting',
                         'aria-label': 'query', id: 'q'});
  const since = el('input', {name: 'since', type: 'text', value: p.since || '', placeholder: 'since YYYY[-MM[-DD]]',
                             size: 16, 'aria-label': 'since'});
  const until = el('input', {name: 'until', type: 'text', value: p.until || '', placeholder: 'until', size: 12,
                             'aria-label': 'until'});
  const type = el('select', {name: 'type', 'aria-label': 'entity type'},
    el('option', {value: ''}, 'any entity type'),
    TYPES.map(t => el('option', {value: t, selected: p.type === t}, t)));
  const form = el('form', {class: 'searchform', role: 'search'}, q, type, since, until,
                  el('button', {type: 'submit'}, 'Search'));
  form.addEventListener('submit', ev => {
    ev.preventDefault();
    FL.go('search', {q: q.value.trim(), type: type.value, since: since.value.trim(), until: until.value.trim(),
                     entity: p.entity, source: p.source});
  });
  return form;
}

function facetList(title, items) {
  if (!items.length) return null;
  return el('section', {class: 'facet'}, el('h3', {}, title), el('ul', {}, items.map(i =>
    el('li', {class: i.active ? 'active' : null}, el('a', {href: i.href}, i.label),
       i.count !== undefined ? el('span', {class: 'count'}, String(i.count)) : null))));
}

/* Facets of the search answer (asked with facets=1): how many matching
 * documents mention each entity type and country, and were published each
 * year; counted over the newest 2,000 matches when more match. */
function facets(p, res) {
  const link = extra => FL.route('search', Object.assign({}, p, {offset: ''}, extra));
  const f = res.facets || {types: [], countries: [], years: [], documents: 0};
  const types = f.types.map(t => ({label: t.type, count: t.count, active: p.type === t.type,
    href: link({type: p.type === t.type ? '' : t.type})}));
  const countries = f.countries.map(c => ({label: c.name || c.id, count: c.count, active: p.entity === c.id,
    href: link({entity: p.entity === c.id ? '' : c.id})}));
  const years = f.years.map(y => ({label: y.year, count: y.count, active: p.since === y.year && p.until === y.year,
    href: link(p.since === y.year ? {since: '', until: ''} : {since: y.year, until: y.year})}));
  const over = f.documents < res.total ? ' (newest ' + f.documents + ')' : '';
  return el('aside', {class: 'facets', id: 'facets'},
    facetList('Entity type' + over, types), facetList('Country' + over, countries), facetList('Year' + over, years));
}

/* Where a piece of evidence comes from, next to it: its document's title
 * (a link to the sentence), publisher and publication date. */
function sourceRef(o, start, end) {
  const id = o.doc_id !== undefined ? o.doc_id : o.id;
  const about = [o.publisher, o.published].filter(Boolean).join(', ');
  return el('span', {class: 'srcref'},
    el('a', {href: docHref(id, start, end)}, o.title || 'document ' + id),
    about ? el('span', {class: 'srcmeta'}, ' (' + about + ')') : null);
}

function resultItem(doc) {
  return el('li', {class: 'result'},
    el('h2', {}, el('a', {href: docHref(doc.id), class: 'doclink'}, doc.title || '(untitled)')),
    el('div', {class: 'meta'}, doc.publisher ? doc.publisher + ' · ' : '', doc.published ? doc.published + ' · ' : '',
       doc.source || ''),
    el('ul', {class: 'hits'}, (doc.hits || []).map(h =>
      el('li', {}, el('a', {href: docHref(doc.id, h.start, h.end), class: 'snippet'},
                       highlighted(h.snippet, h.highlights))))),
    (doc.entities || []).length ? el('div', {class: 'ents'},
      doc.entities.slice(0, 12).map(e => entityLink(e.id, e.name, e.type))) : null);
}

V.search = async function (main, p) {
  append(main, searchForm(p));
  if (!p.q) {
    append(main, el('section', {class: 'intro'},
      el('h1', {}, 'Open-source reporting on NATO\'s southern neighbourhood'),
      el('p', {}, 'Search every sentence stored; open a document to see its entities, or an entity for its dossier: ' +
                  'relations with the sentences that state them, a timeline, claims and sources.'),
      el('p', {}, 'Syntax: words (all must appear), "a phrase", prefix*, OR, NOT, -word, parentheses.')));
    try {
      const h = await api('health');
      append(main, FL.message(h.documents + ' documents, ' + h.sentences + ' sentences stored.'));
    } catch (e) { append(main, failure(e)); }
    return;
  }
  const limit = 10, offset = parseInt(p.offset || '0', 10) || 0;
  let res;
  try {
    res = await api('search', {q: p.q, type: p.type, entity: p.entity, since: p.since, until: p.until,
                               source: p.source, limit, offset, facets: 1});
  } catch (e) { append(main, failure(e)); return; }
  const body = el('div', {class: 'withfacets'});
  const list = el('section', {class: 'results'});
  const filters = ['type', 'entity', 'since', 'until', 'source'].filter(k => p[k]).map(k => k + ': ' + p[k]);
  append(list, el('p', {class: 'summary', id: 'summary'}, (res.total_estimated ? 'about ' : '') + res.total +
    (res.total === 1 ? ' document' : ' documents') +
    (filters.length ? ' (' + filters.join(', ') + ')' : '')));
  if (!res.total) append(list, FL.message('No matches for ' + p.q + '.'));
  append(list, el('ol', {class: 'resultlist', start: offset + 1}, (res.results || []).map(resultItem)));
  const pager = el('nav', {class: 'pager'});
  if (offset > 0) append(pager, [el('a', {href: FL.route('search', Object.assign({}, p, {offset: Math.max(0, offset - limit)}))}, '← previous')]);
  const ranked = res.ranked_window ? Math.min(res.total, res.ranked_window) : res.total;   /* pages past the window are empty */
  if (offset + limit < ranked) append(pager, [el('a', {href: FL.route('search', Object.assign({}, p, {offset: offset + limit}))}, 'next →')]);
  append(list, pager);
  append(list, FL.exportLinks({q: p.q, entity: p.entity, since: p.since, until: p.until}));
  append(body, facets(p, res), list);
  append(main, body);
};

/* The document: metadata, then the main text by paragraphs, entity
 * mentions as links, the sentence a hit came from marked. */
V.doc = async function (main, p) {
  let d;
  try { d = await api('documents/' + encodeURIComponent(p.id)); } catch (e) { append(main, failure(e)); return; }
  const spans = [];
  for (const e of d.entities || [])
    for (const m of e.mentions || []) spans.push({start: m.start, end: m.end, entity: e});
  const mark = p.start !== undefined ? {start: +p.start, end: +p.end} : null;
  const text = d.text || '';
  const bytes = FL.enc.encode(text);
  // Paragraphs are separated by a blank line; keep their byte offsets.
  const paras = [];
  let pos = 0;
  const sep = FL.enc.encode('\n\n');
  while (pos <= bytes.length) {
    let i = pos;
    while (i < bytes.length && !(bytes[i] === sep[0] && bytes[i + 1] === sep[1])) i++;
    paras.push([pos, i]);
    pos = i + 2;
  }
  const textEl = el('article', {class: 'doctext', id: 'doctext'});
  let marked = null;
  for (const [a, b] of paras) {
    const ptext = FL.dec.decode(bytes.subarray(a, b));
    const local = spans.filter(s => s.start >= a && s.end <= b).map(s => Object.assign({}, s, {start: s.start - a, end: s.end - a}));
    if (mark && mark.start < b && mark.end > a) local.push({start: Math.max(0, mark.start - a), end: Math.min(b, mark.end) - a, hit: true});
    const pe = el('p', {});
    // Entity spans inside the marked sentence are shown as links inside it.
    const hit = local.find(s => s.hit);
    const ents = local.filter(s => !s.hit);
    const renderEnts = (str, base) => FL.splitBytes(str, ents.map(s => Object.assign({}, s, {start: s.start - base, end: s.end - base})))
      .map(x => x.span ? entityLink(x.span.entity.id, x.text, x.span.entity.type) : x.text);
    if (hit) {
      const pb = FL.enc.encode(ptext);
      const before = FL.dec.decode(pb.subarray(0, hit.start)), mid = FL.dec.decode(pb.subarray(hit.start, hit.end)),
            after = FL.dec.decode(pb.subarray(hit.end));
      marked = el('mark', {class: 'hitsentence', id: 'hit'}, renderEnts(mid, hit.start));
      append(pe, [renderEnts(before, 0), marked, renderEnts(after, hit.end)]);
    } else {
      append(pe, renderEnts(ptext, 0));
    }
    append(textEl, [pe]);
  }
  const meta = el('dl', {class: 'docmeta'},
    [['source', d.source], ['publisher', d.site_name], ['published', d.published], ['authors', (d.authors || []).join(', ')],
     ['language', d.language], ['sentences', d.n_sentences], ['sha256', d.sha256]]
      .filter(x => x[1]).map(([k, v]) => [el('dt', {}, k), el('dd', {}, String(v))]));
  const ents = (d.entities || []).slice().sort((a, b) => (b.mentions || []).length - (a.mentions || []).length);
  append(main, el('div', {class: 'docview'},
    el('h1', {id: 'doctitle'}, d.title || '(untitled)'), meta,
    d.url ? el('p', {}, 'Original: ', el('a', {href: d.url, rel: 'noopener noreferrer nofollow', target: '_blank'}, d.url)) : null,
    ents.length ? el('section', {class: 'ents'}, el('h3', {}, 'Entities'), ents.map(e => entityLink(e.id, e.name, e.type))) : null,
    textEl));
  if (marked) marked.scrollIntoView({block: 'center'});
};

function timelineList(events, self) {
  if (!events.length) return FL.message('No dated relations.');
  const byYear = {};
  for (const ev of events) (byYear[String(ev.date).slice(0, 4)] = byYear[String(ev.date).slice(0, 4)] || []).push(ev);
  return el('ol', {class: 'timeline', id: 'timeline'}, Object.keys(byYear).sort().map(y =>
    el('li', {class: 'year'}, el('span', {class: 'yearlabel'}, y), el('ul', {}, byYear[y].map(ev =>
      el('li', {class: 'event'}, el('span', {class: 'date'}, ev.date), ' ',
         ev.subject === self ? el('b', {}, ev.subject_name || ev.subject) : entityLink(ev.subject, ev.subject_name), ' ',
         predSpan(ev), ' ',
         ev.object ? (ev.object === self ? el('b', {}, ev.object_name || ev.object) : entityLink(ev.object, ev.object_name)) : null,
         ev.modality && ev.modality !== 'asserted' ? el('span', {class: 'modality'}, ev.modality) : null,
         ev.sentence ? el('div', {class: 'evidence'}, el('q', {}, ev.sentence), ' — ',
                          sourceRef(ev, ev.start, ev.end)) : null))))));
}

FL.predSpan = predSpan;
FL.sourceRef = sourceRef;
FL.timelineList = timelineList;

V.entities = async function (main, p) {
  const type = p.type || '';
  const input = el('input', {type: 'text', id: 'entityfind', value: p.find || '', 'aria-label': 'entity name',
                             placeholder: 'find by name or alias, any language'});
  const form = el('form', {class: 'searchform'}, input, el('button', {type: 'submit'}, 'Find'));
  form.addEventListener('submit', ev => { ev.preventDefault(); FL.go('entities', {find: input.value.trim()}); });
  append(main, el('h1', {}, 'Entities'), form, el('nav', {class: 'tabs'},
    [el('a', {href: FL.route('entities', {}), class: type || p.find ? null : 'active'}, 'all'),
     TYPES.map(t => el('a', {href: FL.route('entities', {type: t}), class: type === t ? 'active' : null}, t))]));
  if (p.find) {   // entities by name: exact matches first, then names holding it
    let f;
    try { f = await api('entities', {find: p.find}); } catch (e) { append(main, failure(e)); return; }
    append(main, (f.entities || []).length ? el('ul', {class: 'found', id: 'found'}, f.entities.map(e =>
      el('li', {}, entityLink(e.id, e.name, e.type), ' ', el('span', {class: 'etype'}, e.type),
         e.matched !== e.name ? el('span', {class: 'srcmeta'}, ' (as “' + e.matched + '”)') : null,
         el('span', {class: 'count'}, e.documents + ' documents'))))
      : FL.message('No entity has a name holding “' + p.find + '”.'));
    return;
  }
  let d;
  try { d = await api('entities', {type, limit: 200}); } catch (e) { append(main, failure(e)); return; }
  append(main, el('table', {class: 'entities', id: 'entitytable'},
    el('thead', {}, el('tr', {}, el('th', {}, 'entity'), el('th', {}, 'type'), el('th', {}, 'mentions'), el('th', {}, 'documents'))),
    el('tbody', {}, (d.entities || []).map(e => el('tr', {},
      el('td', {}, entityLink(e.id, e.name, e.type)), el('td', {}, e.type), el('td', {class: 'num'}, String(e.mentions)),
      el('td', {class: 'num'}, String(e.documents)))))));
};

V.timeline = async function (main, p) {
  const input = el('input', {type: 'text', value: p.entity || '', placeholder: 'entity id or name, e.g. country:RU or Russia', 'aria-label': 'entity'});
  const form = el('form', {class: 'searchform'}, input, el('button', {type: 'submit'}, 'Show'));
  form.addEventListener('submit', ev => { ev.preventDefault(); FL.go('timeline', {entity: input.value.trim()}); });
  const h1 = el('h1', {}, 'Timeline');
  append(main, h1, form);
  let d;
  try { d = await api('timeline', {entity: p.entity, since: p.since, until: p.until}); } catch (e) { append(main, failure(e)); return; }
  if (p.entity) {
    const ev = (d.events || []).find(e => e.subject === p.entity || e.object === p.entity);
    const name = ev ? (ev.subject === p.entity ? ev.subject_name : ev.object_name) : null;
    append(h1, ' of ', entityLink(p.entity, name || p.entity));
  }
  append(main, timelineList(d.events || [], p.entity));
};
})();
