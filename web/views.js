/* views.js: the document page (entities highlighted, the hit sentence
 * marked, its relations, claims and dates beside), the entity list, the
 * claims and the timeline; helpers the other views share (FL.predSpan, FL.sourceRef,
 * FL.timelineList). Each view is an async function (main, params) that
 * fills MAIN through FL.el only. */
'use strict';

(function () {
const {el, api, append, failure, entityLink, docHref} = FL;
const TYPES = FL.TYPES = ['country', 'region', 'organization', 'group', 'framework', 'place', 'person'];
const PRED = p => String(p || '').replace(/_/g, ' ');
/* A relation's predicate, its export classes (from the vocabulary, in
 * the API's answer) as the tooltip. */
const predSpan = r => el('span', {class: 'pred', title: [r.cameo ? 'CAMEO ' + r.cameo : '', r.plover ? 'PLOVER ' + r.plover : '']
  .filter(x => x).join(', ') || null}, PRED(r.predicate));
const V = FL.views = {};

/* Where a piece of evidence comes from, next to it: its document's title
 * (a link to the sentence), publisher and publication date. */
function sourceRef(o, start, end) {
  const id = o.doc_id !== undefined ? o.doc_id : o.id;
  const about = [o.publisher, o.published].filter(Boolean).join(', ');
  return el('span', {class: 'srcref'},
    el('a', {href: docHref(id, start, end)}, o.title || 'document ' + id),
    about ? el('span', {class: 'srcmeta'}, ' (' + about + ')') : null);
}

/* Beside the text: the document's relations, claims and dates, each a
 * link to its sentence (the one marked now is shown so). */
function docAside(d, mark) {
  const names = {};
  for (const e of d.entities || []) names[e.id] = e;
  const ent = id => id ? entityLink(id, names[id] ? names[id].name : id, names[id] ? names[id].type : null) : null;
  const at = (x, ...kids) => el('li', {class: mark && mark.start === x.start && mark.end === x.end ? 'here' : null},
    kids, ' ', el('a', {href: docHref(d.id, x.start, x.end), class: 'tosentence', 'aria-label': 'show the sentence'}, '¶'));
  const box = (title, id, items, empty) => el('details', {class: 'docbox', id, open: ''},
    el('summary', {}, title + ' (' + items.length + ')'), items.length ? el('ul', {}, items) : FL.message(empty));
  return el('aside', {class: 'docaside', 'aria-label': 'what the document states'},
    box('Relations', 'docrelations', (d.relations || []).map(r => at(r, ent(r.subject), ' ', predSpan(r), ' ', ent(r.object),
      r.date ? el('span', {class: 'date'}, r.date) : null,
      r.modality && r.modality !== 'asserted' ? el('span', {class: 'modality'}, r.modality) : null)), 'No relations found.'),
    box('Claims', 'docclaims', (d.claims || []).map(c => at(c, el('span', {class: 'kind'}, c.kind), ' ',
      c.speaker ? [ent(c.speaker), ': '] : null, el('q', {}, c.text))), 'No claims found.'),
    box('Dates', 'docdates', (d.dates || []).map(x => at(x, el('span', {class: 'date'}, x.value), ' ',
      el('span', {class: 'srcmeta'}, '“' + (x.text || '') + '”'))), 'No dates found.'));
}

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
    el('div', {class: 'docbody'}, textEl, docAside(d, mark))));
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

/* Claims: quotes, assessments and recommendations (GET /api/claims),
 * filtered by kind, by speaker and by an entity they mention, each with
 * its speaker, what it is about and its source. The two entity boxes
 * suggest as one types; a typed name is passed on as the API resolves it. */
V.claims = async function (main, p) {
  const kind = el('select', {id: 'claimkind', 'aria-label': 'kind of claim'}, el('option', {value: ''}, 'any kind'),
    ['quote', 'assessment', 'recommendation'].map(k => el('option', {value: k, selected: p.kind === k}, k)));
  const chosen = {};
  const box = (id, value, label) => {
    const input = el('input', {type: 'search', id, value: value || '', placeholder: label, 'aria-label': label, autocomplete: 'off'});
    return [input, el('span', {class: 'combo'}, input, FL.suggestBox(input, s => { input.value = s.name; chosen[id] = s.id; go(); }))];
  };
  const [by, byBox] = box('claimby', p.byname || p.by, 'said by (a person)');
  const [about, aboutBox] = box('claimabout', p.aboutname || p.about, 'about (any entity)');
  const pick = (input, id) => chosen[id] || (input.value.trim() === (p[id === 'claimby' ? 'byname' : 'aboutname'] || '')
    ? p[id === 'claimby' ? 'by' : 'about'] : input.value.trim());
  const go = () => FL.go('claims', {kind: kind.value, by: pick(by, 'claimby'), byname: by.value.trim(),
                                    about: pick(about, 'claimabout'), aboutname: about.value.trim()});
  const form = el('form', {class: 'searchform', id: 'claimform'}, kind, byBox, aboutBox, el('button', {type: 'submit'}, 'Show'));
  form.addEventListener('submit', ev => { ev.preventDefault(); go(); });
  kind.addEventListener('change', go);
  append(main, el('h1', {}, 'Claims'), form);
  let d;
  try { d = await api('claims', {kind: p.kind, by: p.by, about: p.about, limit: 200}); } catch (e) { append(main, failure(e)); return; }
  const cs = d.claims || [];
  append(main, cs.length ? el('ul', {class: 'claims', id: 'claimlist'}, cs.map(c =>
    el('li', {class: 'claim', 'data-kind': c.kind}, el('span', {class: 'kind'}, c.kind), ' ',
       c.speaker ? [entityLink(c.speaker, c.speaker_name), ': '] : null, el('q', {}, c.text), ' — ', sourceRef(c, c.start, c.end),
       (c.about || []).length ? el('div', {class: 'about'}, 'about ', c.about.map((a, i) =>
         [i ? ', ' : null, entityLink(a.id, a.name, a.type)])) : null)))
    : FL.message('No claim matches.'));
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
