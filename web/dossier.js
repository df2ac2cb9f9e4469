/* dossier.js: the entity page. A header (name, type, the pack's one-line
 * description, aliases folded, mentions over time as a small bar chart);
 * relations grouped by predicate, then by counterpart (most independent
 * sources first), each sentence once with its title, publisher and date;
 * the pack's facts beside what the documents say, disagreements flagged;
 * timeline, claims, co-mentions ("in N documents"), sources; identifiers
 * last; how many sentences each relation keeps (5, 20, 50). Everything
 * from GET /api/entities/{id} (docs/api.md), built with FL.el only. */
'use strict';

(function () {
const {el, api, append, failure, entityLink} = FL;
const SHOWN = 3;   // sentences shown under a counterpart before "more"

const plural = (n, one, many) => n + ' ' + (n === 1 ? one : many || one + 's');

/* Bars of documents per month, the months between the first and the last. */
FL.monthChart = function monthChart(rows, label) {
  if (!rows || !rows.length) return null;
  const W = 240, H = 60;
  const max = Math.max(...rows.map(r => r.documents));
  const bw = W / rows.length;
  const bars = rows.map((r, i) => {
    const h = Math.max(2, Math.round((H - 14) * r.documents / max));
    return el('rect', {x: (i * bw + 1).toFixed(1), y: H - 12 - h, width: Math.max(1, bw - 2).toFixed(1), height: h,
                       class: 'bar'}, el('title', {}, r.month + ': ' + plural(r.documents, 'document')));
  });
  return el('figure', {class: 'chart', id: 'mentionchart'},
    el('svg', {viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-label': label + ', ' + rows[0].month + ' to ' +
               rows[rows.length - 1].month},
       bars, el('text', {x: 0, y: H - 1, class: 'axis'}, rows[0].month),
       el('text', {x: W, y: H - 1, class: 'axis', 'text-anchor': 'end'}, rows[rows.length - 1].month)),
    el('figcaption', {}, label));
};

function evidenceItem(ev) {
  return el('li', {},
    el('q', {}, ev.sentence), ' — ', FL.sourceRef(ev, ev.start, ev.end),
    ev.date && ev.date !== ev.published ? el('span', {class: 'date'}, 'dated ' + ev.date) : null,
    ev.modality && ev.modality !== 'asserted' ? el('span', {class: 'modality'}, ev.modality) : null,
    ev.repeats ? el('span', {class: 'count'}, '(stated ' + (ev.repeats + 1) + ' times)') : null);
}

/* Counterparts of one predicate stated by exactly the same sentences (a
 * list of members in one sentence) become one row, the sentences once. */
function mergeSameEvidence(counterparts) {
  const rows = [], byKey = new Map();
  for (const g of counterparts) {
    const key = g.role + '|' + (g.evidence || []).map(e => e.doc_id + ':' + e.start).join(',');
    const row = byKey.get(key);
    if (row && g.id) { row.others.push(g); continue; }
    const fresh = Object.assign({}, g, {others: [g]});
    if (g.id) byKey.set(key, fresh);
    rows.push(fresh);
  }
  return rows;
}

/* "asserted by A (source, date), denied by B (source, date)": who holds
 * what stance toward the relation, each holder and stance once per source. */
function stanceLine(stances) {
  if (!stances || !stances.length) return null;
  const seen = new Set();
  const items = stances.filter(s => {
    const key = s.stance + '|' + (s.holder || '') + '|' + s.doc_id;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return el('p', {class: 'stances'}, items.map((s, i) => [i ? ', ' : '',
    el('span', {class: 'stance stance-' + s.stance}, s.stance), ' by ',
    s.holder ? entityLink(s.holder, s.holder_name || s.holder) : el('span', {class: 'note'}, 'unnamed'),
    ' (', el('a', {href: FL.route('doc', {id: s.doc_id})}, s.publisher || s.title || 'document ' + s.doc_id),
    s.published ? ', ' + s.published : '', ')']));
}

function counterpartRow(g, pred, ent) {
  const self = el('b', {}, ent.name || ent.id);
  const other = g.id ? g.others.map((o, i) => [i ? (i === g.others.length - 1 ? ' and ' : ', ') : '', entityLink(o.id, o.name)])
    : el('span', {class: 'note'}, '(no counterpart)');
  const mods = Object.entries(g.modalities || {}).filter(([m]) => m !== 'asserted');
  const ev = g.evidence || [];
  return el('li', {class: 'counterpart'},
    el('div', {class: 'reltitle'},
      g.role === 'object' ? [self, ' ', FL.predSpan(pred), ' ', other] : [other, ' ', FL.predSpan(pred), ' ', self],
      el('span', {class: 'sources', title: 'independent sources: distinct publishers'}, plural(g.sources, 'source')),
      g.documents !== g.sources ? el('span', {class: 'count'}, plural(g.documents, 'document')) : null,
      g.latest ? el('span', {class: 'date'}, 'latest ' + g.latest) : null,
      mods.map(([m, n]) => el('span', {class: 'modality'}, m + (n > 1 ? ' ×' + n : '')))),
    stanceLine(g.stances),
    el('ul', {class: 'evidence'}, ev.slice(0, SHOWN).map(evidenceItem)),
    ev.length > SHOWN ? el('details', {class: 'more'}, el('summary', {}, plural(ev.length - SHOWN, 'more sentence')),
                           el('ul', {class: 'evidence'}, ev.slice(SHOWN).map(evidenceItem))) : null);
}

function relationGroups(groups, ent) {
  if (!groups || !groups.length) return FL.message('No relations found in the documents.');
  return groups.map(g => el('section', {class: 'relgroup', 'data-predicate': g.predicate},
    el('h3', {}, FL.predSpan(g), el('span', {class: 'count'}, plural(g.counterparts.length, 'counterpart'))),
    el('ul', {class: 'relations'}, mergeSameEvidence(g.counterparts).map(c => counterpartRow(c, g, ent)))));
}

/* The pack's facts beside the documents': a table with a flag column. */
function factsTable(background, ent) {
  if (!background || !background.length) return null;
  const flag = b => b.agrees === false ? el('span', {class: 'flag differs'}, 'differs')
    : b.agrees === true ? el('span', {class: 'flag agrees'}, 'agrees')
    : el('span', {class: 'note'}, b.documents && b.documents.sources ? 'undated in documents' : 'not in documents');
  return el('div', {class: 'tablewrap'}, el('table', {class: 'facts', id: 'facts'},
    el('thead', {}, el('tr', {}, el('th', {}, 'fact'), el('th', {}, 'knowledge pack'), el('th', {}, 'documents'),
                                  el('th', {}, ''))),
    el('tbody', {}, background.map(b => el('tr', {class: b.agrees === false ? 'differs' : null},
      el('td', {}, b.subject === ent.id ? el('b', {}, b.subject_name) : entityLink(b.subject, b.subject_name), ' ',
         FL.predSpan(b), ' ', b.object === ent.id ? el('b', {}, b.object_name) : entityLink(b.object, b.object_name)),
      el('td', {}, b.start ? 'since ' + b.start : '', b.end ? ' until ' + b.end : '',
         b.source ? [' ', el('a', {href: b.source, rel: 'noopener noreferrer nofollow', target: '_blank'}, 'source')] : null),
      el('td', {}, b.documents && b.documents.sources ? [plural(b.documents.sources, 'source'),
         b.documents.earliest ? ', earliest ' + b.documents.earliest : ''] : '—'),
      el('td', {}, flag(b)))))));
}

/* How many sentences each relation keeps (the API's evidence=N): a big
 * entity's answer grows with it (5 by default, 50 at most). */
const KEEP = [5, 20, 50];
function keepControl(ent, kept) {
  return el('p', {class: 'keep', id: 'keep'}, 'Sentences kept per relation: ',
    KEEP.map((n, i) => [i ? ' · ' : '', n === kept ? el('b', {'aria-current': 'true'}, String(n))
      : el('a', {href: FL.route('entity', {id: ent.id, evidence: n === KEEP[0] ? null : n})}, String(n))]));
}

FL.views.entity = async function (main, p) {
  let d;
  const kept = KEEP.includes(Number(p.evidence)) ? Number(p.evidence) : KEEP[0];
  try {
    d = await api('entities/' + encodeURIComponent(p.id), kept === KEEP[0] ? {} : {evidence: kept});
  } catch (e) { append(main, failure(e)); return; }
  const ent = d.entity || {id: p.id};
  let tl = [];
  try { tl = (await api('timeline', {entity: ent.id})).events || []; } catch (e) { tl = []; }
  const attrs = Object.entries(ent.attributes || {});
  const aliases = (ent.aliases || []).filter(a => a !== ent.name);
  const sec = (title, id, ...kids) => el('section', {class: 'dsec', id}, el('h2', {}, title), kids);
  append(main, el('div', {class: 'dossier'},
    el('header', {class: 'dhead'},
      el('div', {},
        el('h1', {id: 'entityname'}, ent.name || ent.id, ' ', el('span', {class: 'etype ent-' + ent.type}, ent.type || '')),
        ent.description ? el('p', {class: 'description', id: 'description'}, ent.description) : null,
        aliases.length ? el('details', {class: 'aliases'}, el('summary', {}, 'Also known as (' + aliases.length + ')'),
                            el('p', {}, aliases.join(' · '))) : null,
        el('p', {class: 'meta'}, ent.in_pack === false ? [el('span', {class: 'notpack'}, 'not in the knowledge pack'), ' · '] : null,
           el('a', {href: FL.route('search', {entity: ent.id})}, 'documents mentioning it'),
           ' · ', el('a', {href: FL.route('graph', {id: ent.id, name: ent.name})}, 'relations graph'),
           ' · ', el('a', {href: FL.route('map', {actor: ent.id, aname: ent.name})}, 'on the map'),
           ' · ', el('a', {href: FL.route('timeline', {entity: ent.id})}, 'timeline view'))),
      FL.monthChart(d.mentions_by_month, 'documents mentioning it, by month of publication')),
    sec('Relations', 'relations', keepControl(ent, kept), relationGroups(d.groups, ent)),
    (d.background || []).length ? sec('Knowledge pack and documents', 'background', factsTable(d.background, ent)) : null,
    sec('Timeline', 'dtimeline', FL.timelineList(tl, ent.id)),
    ['by', 'about'].map(role => {
      const cs = (d.claims || []).filter(c => c.role === role);
      if (role === 'by' && !cs.length && ent.type !== 'person') return null;   /* a country says nothing itself */
      return sec('Said ' + role + ' ' + (ent.name || ent.id), role === 'by' ? 'claimsby' : 'claims', cs.length
        ? el('ul', {class: 'claims'}, cs.map(c =>
          el('li', {}, el('span', {class: 'kind'}, c.kind), ' ', c.speaker ? [entityLink(c.speaker, c.speaker_name), ': '] : null,
             el('q', {}, c.text), ' — ', FL.sourceRef(c, c.start, c.end))))
        : FL.message(role === 'by' ? 'No claims by it.' : 'No claims about it.'),
        cs.length ? el('p', {}, el('a', {href: FL.route('claims', {[role]: ent.id, [role + 'name']: ent.name}), class: 'allclaims'},
                                   'all claims ' + role + ' ' + (ent.name || ent.id) + ', by kind')) : null);
    }),
    sec('Mentioned with', 'comentions', el('ul', {class: 'cmlist'}, (d.co_mentions || []).map(c =>
      el('li', {class: 'cm'}, entityLink(c.id, c.name, c.type), ' ',
         el('span', {class: 'count'}, 'in ' + plural(c.documents, 'document')))))),
    sec('Sources', 'sources', el('ul', {}, (d.sources || []).map(s =>
      el('li', {}, FL.sourceRef(Object.assign({}, s, {title: s.title || s.source})),
         s.mentions ? el('span', {class: 'count'}, plural(s.mentions, 'mention')) : null)))),
    FL.exportLinks({entity: ent.id}),
    el('details', {class: 'ids'}, el('summary', {}, 'Identifiers and attributes'),
      el('dl', {class: 'attrs'}, [['id', ent.id], ...attrs].map(([k, v]) =>
        [el('dt', {}, k), el('dd', {}, typeof v === 'object' ? JSON.stringify(v) : String(v))])))));
};
})();
