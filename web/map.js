/* map.js: the map page, "who is where". Natural Earth country shapes (npm
 * world-atlas, vendored in web/vendor/ by scripts/install-web.sh) drawn
 * with d3-geo over North Africa, the Sahel, the Middle East and Europe,
 * panned and zoomed with d3-zoom (wheel, drag, the +/− buttons).
 * Choose an actor (any entity, with suggestions), a predicate (the
 * server's vocabulary, GET /api/predicates, never a list of this file's)
 * and a time window (two sliders over the corpus's years): countries are
 * shaded by the number of distinct sources stating such a relation there,
 * the bases and places a relation names are drawn and labelled, and the
 * list beside the map opens each sentence (GET /api/map's
 * relations_list). Without actor or predicate, countries are shaded by
 * the share of documents mentioning them, optionally only the region's.
 * Numeric Natural Earth ids are mapped to flank's alpha-2 ids with
 * Debian's iso-codes table. */
'use strict';

(function () {
const {el, api, append, failure, entityLink} = FL;
const W = 960, H = 620;
const REGION = {lon: [-18, 60], lat: [4, 58]};   // the frame drawn; "region only" keeps countries centred in it
let shapes = null;   // {features, alpha2ByNumeric}
let predicates = null;   // the relation vocabulary: [{name, meaning, cameo, plover}]
const plural = (n, one, many) => n + ' ' + (n === 1 ? one : many || one + 's');
const words = p => String(p || '').replace(/_/g, ' ');

async function loadPredicates() {
  if (!predicates) predicates = (await api('predicates')).predicates || [];
  return predicates;
}

async function loadShapes() {
  if (shapes) return shapes;
  const [world, iso] = await Promise.all([
    fetch('vendor/countries-50m.json').then(r => { if (!r.ok) throw new Error('vendor/countries-50m.json: ' + r.status + ' (run scripts/install-web.sh)'); return r.json(); }),
    fetch('vendor/iso_3166-1.json').then(r => r.ok ? r.json() : {'3166-1': []})]);
  const alpha2ByNumeric = {};
  for (const c of iso['3166-1']) alpha2ByNumeric[c.numeric] = c.alpha_2;
  const features = topojson.feature(world, world.objects.countries).features;
  shapes = {features, alpha2ByNumeric};
  return shapes;
}

/* Light grey for nothing, then pale to deep blue by the square root. */
function shade(v, max) {
  if (!v || !max) return '#ecebe6';
  const t = Math.sqrt(v / max);
  const lerp = (a, b) => Math.round(a + (b - a) * t);
  return 'rgb(' + lerp(198, 8) + ',' + lerp(219, 48) + ',' + lerp(239, 107) + ')';
}

const inRegion = f => {
  const [lon, lat] = d3.geoCentroid(f);
  return lon >= REGION.lon[0] && lon <= REGION.lon[1] && lat >= REGION.lat[0] && lat <= REGION.lat[1];
};

/* The relations of the answer by the country they put the actor in (a
 * place counts for its country): {key: {id, name, sources: Set, rows}}. */
function byPlace(list, placeById) {
  const out = new Map();
  const add = (id, name, r) => {
    if (!out.has(id)) out.set(id, {id, name, sources: new Set(), rows: []});
    const o = out.get(id);
    o.sources.add(r.publisher || 'doc ' + r.doc_id);
    o.rows.push(r);
  };
  for (const r of list) {
    add(r.object, r.object_name || r.object, r);
    const pl = placeById[r.object];
    if (pl && pl.country) add(pl.country, null, r);
  }
  return out;
}

/* Two sliders (from, to) over YEARS; moving one keeps from <= to. */
function yearSliders(years, p) {
  const [lo, hi] = years;
  const from = el('input', {type: 'range', min: lo, max: hi, step: 1, value: p.since || lo, id: 'since', 'aria-label': 'from year'});
  const to = el('input', {type: 'range', min: lo, max: hi, step: 1, value: p.until || hi, id: 'until', 'aria-label': 'to year'});
  const out = el('output', {id: 'years', for: 'since until'});
  const show = () => { out.textContent = from.value + '–' + to.value; };
  from.addEventListener('input', () => { if (+from.value > +to.value) to.value = from.value; show(); });
  to.addEventListener('input', () => { if (+to.value < +from.value) from.value = to.value; show(); });
  show();
  return {node: el('span', {class: 'years'}, from, to, out), from, to, lo, hi};
}

function relationList(groups, p) {
  if (!groups.length) return FL.message('No relation of this kind in the documents' + (p.since ? ' in this window' : '') + '.');
  return el('ol', {class: 'maplist', id: 'maplist'}, groups.map(g => el('li', {},
    el('details', {},
      el('summary', {}, g.name ? g.name : g.id, ' ', el('span', {class: 'sources'}, plural(g.sources.size, 'source')),
         el('span', {class: 'count'}, plural(g.rows.length, 'sentence'))),
      el('p', {}, entityLink(g.id, g.name || g.id)),
      el('ul', {class: 'evidence'}, g.rows.slice(0, 20).map(r => el('li', {},
        p.actor ? null : [entityLink(r.subject, r.subject_name), ' '], FL.predSpan(r), ' ',
        entityLink(r.object, r.object_name), r.date ? el('span', {class: 'date'}, r.date) : null, ' ',
        el('q', {}, r.sentence), ' — ', FL.sourceRef(r, r.start, r.end))))))));
}

FL.views.map = async function (main, p) {
  let preds = [], predErr = null, ov = {};
  try { preds = await loadPredicates(); } catch (e) { predErr = e; }
  try { ov = await api('overview'); } catch (e) { ov = {}; }
  const year = s => s ? parseInt(String(s).slice(0, 4), 10) : null;
  const now = new Date().getFullYear();
  const years = [Math.min(year(ov.first_dated) || now, year(ov.first_published) || now),
                 Math.max(year(ov.last_dated) || 0, year(ov.last_published) || 0, year(ov.first_dated) || now)];

  const actor = el('input', {type: 'search', id: 'actor', value: p.aname || p.actor || '', autocomplete: 'off',
                             placeholder: 'actor, e.g. Russia', 'aria-label': 'actor'});
  let actorId = p.actor || '';
  actor.addEventListener('input', () => { actorId = ''; });
  const metric = el('select', {'aria-label': 'relation', id: 'metric'},
    el('option', {value: ''}, p.actor ? 'any relation' : 'mentions (no relation)'),
    preds.map(x => el('option', {value: x.name, selected: p.predicate === x.name,
                                 title: x.meaning + (x.plover ? ' (PLOVER ' + x.plover + ')' : '')}, words(x.name))));
  const sliders = yearSliders(years, p);
  const region = el('input', {type: 'checkbox', id: 'region', checked: p.region === '1'});
  const form = el('form', {class: 'searchform mapform'},
    el('span', {class: 'combo'}, actor, FL.suggestBox(actor, s => { actor.value = s.name; actorId = s.id; submit(s.name); })),
    metric, sliders.node,
    el('label', {class: 'check'}, region, ' region only'),
    el('button', {type: 'submit'}, 'Show'));
  function submit(aname) {
    const since = +sliders.from.value > sliders.lo ? sliders.from.value : '';
    const until = +sliders.to.value < sliders.hi ? sliders.to.value : '';
    const a = actorId || actor.value.trim();
    FL.go('map', {actor: a, aname: a ? (aname || actor.value.trim()) : '', predicate: metric.value, since, until,
                  region: region.checked ? '1' : ''});
  }
  form.addEventListener('submit', ev => { ev.preventDefault(); submit(); });
  metric.addEventListener('change', () => submit());
  region.addEventListener('change', () => submit());
  const title = p.actor || p.predicate
    ? [p.actor ? (p.aname || p.actor) : 'Anyone', ' — ', p.predicate ? words(p.predicate) : 'any relation']
    : 'Where the reporting is about';
  append(main, el('h1', {id: 'maptitle'}, title), form, predErr ? failure(predErr) : null);

  let geo;
  try { geo = await loadShapes(); } catch (e) { append(main, failure(e)); return; }
  let data = {countries: [], places: []}, dataErr = null;
  try { data = await api('map', {predicate: p.predicate, subject: p.actor, since: p.since, until: p.until}); } catch (e) { dataErr = e; }

  const relMode = !!(p.predicate || p.actor);
  const placeById = {};
  for (const pl of data.places || []) placeById[pl.id] = pl;
  const groups = relMode ? byPlace(data.relations_list || [], placeById) : new Map();
  const byIso = {};
  for (const c of data.countries || []) byIso[String(c.iso2 || String(c.id).replace(/^country:/, '')).toUpperCase()] = c;
  const total = data.total_documents || 0;
  const value = (c, f) => {
    if (!c || (!relMode && region.checked && !inRegion(f))) return 0;
    if (relMode) { const g = groups.get(c.id); return g ? g.sources.size : 0; }
    return total ? (c.documents || 0) / total : 0;
  };
  const valueOf = new Map(geo.features.map(f => [f, value(byIso[geo.alpha2ByNumeric[f.id]], f)]));
  const max = Math.max(0, ...valueOf.values());
  const label = v => relMode ? plural(v, 'source') : Math.round(v * 1000) / 10 + '% of documents';

  const frame = {type: 'MultiPoint', coordinates: [[REGION.lon[0], REGION.lat[0]], [REGION.lon[1], REGION.lat[0]],
    [REGION.lon[0], REGION.lat[1]], [REGION.lon[1], REGION.lat[1]], [21, 62], [21, 3]]};
  const proj = d3.geoConicConformal().parallels([20, 50]).rotate([-22, 0]).fitExtent([[8, 8], [W - 8, H - 8]], frame);
  const path = d3.geoPath(proj);
  const svg = el('svg', {id: 'map', viewBox: '0 0 ' + W + ' ' + H, role: 'group',
                         'aria-label': 'map of countries shaded by ' + (relMode ? 'sources' : 'share of documents')});
  const zoomed = el('g', {class: 'zoomed'});
  const gC = el('g', {class: 'countries'});
  let shaded = 0;
  for (const f of geo.features) {
    const iso2 = geo.alpha2ByNumeric[f.id];
    const c = iso2 ? byIso[iso2] : null;
    const v = valueOf.get(f);
    if (v > 0) shaded++;
    const d = path(f);
    if (!d) continue;
    const name = (c && c.name) || f.properties.name;
    const node = el('path', {d, class: 'country' + (v > 0 ? ' shaded' : ''), fill: shade(v, max),
                             'data-iso': iso2 || '', 'data-value': v, tabindex: v > 0 ? 0 : null,
                             role: v > 0 ? 'link' : null, 'aria-label': v > 0 ? name + ': ' + label(v) : null},
                    el('title', {}, name + ': ' + label(v)));
    if (iso2) {
      const open = () => FL.go('entity', {id: 'country:' + iso2});
      node.addEventListener('click', open);
      node.addEventListener('keydown', ev => { if (ev.key === 'Enter') open(); });
    }
    gC.appendChild(node);
  }
  /* Places: with a relation shown, only those it names, labelled. */
  const gP = el('g', {class: 'places'});
  const shownPlaces = relMode ? (data.places || []).filter(pl => groups.has(pl.id)) : [];
  const pmax = Math.max(1, ...shownPlaces.map(pl => groups.get(pl.id).sources.size));
  for (const pl of shownPlaces) {
    const xy = proj([pl.lon, pl.lat]);
    if (!xy) continue;
    const n = groups.get(pl.id).sources.size;
    const c = el('circle', {cx: xy[0].toFixed(1), cy: xy[1].toFixed(1), r: (4 + 5 * Math.sqrt(n / pmax)).toFixed(1),
                            class: 'place', tabindex: 0, role: 'link', 'data-id': pl.id, 'aria-label': pl.name + ': ' + plural(n, 'source')},
                 el('title', {}, pl.name + ': ' + plural(n, 'source')));
    c.addEventListener('click', () => FL.go('entity', {id: pl.id}));
    c.addEventListener('keydown', ev => { if (ev.key === 'Enter') FL.go('entity', {id: pl.id}); });
    gP.appendChild(c);
    gP.appendChild(el('text', {x: (xy[0] + 8).toFixed(1), y: (xy[1] + 4).toFixed(1), class: 'placelabel'}, pl.name));
  }
  zoomed.appendChild(gC);
  zoomed.appendChild(gP);
  svg.appendChild(zoomed);

  const zoom = d3.zoom().scaleExtent([1, 12]).translateExtent([[0, 0], [W, H]])
    .on('zoom', ev => {
      zoomed.setAttribute('transform', ev.transform.toString());
      zoomed.style.setProperty('--k', ev.transform.k);
    });
  const sel = d3.select(svg).call(zoom);
  const zbtn = (text, lab, fn) => el('button', {type: 'button', class: 'zbtn', 'aria-label': lab, onclick: fn}, text);
  const controls = el('div', {class: 'zoomctl'},
    zbtn('+', 'zoom in', () => sel.transition().duration(200).call(zoom.scaleBy, 1.6)),
    zbtn('−', 'zoom out', () => sel.transition().duration(200).call(zoom.scaleBy, 1 / 1.6)),
    zbtn('⟲', 'reset zoom', () => sel.transition().duration(200).call(zoom.transform, d3.zoomIdentity)));

  const ramp = el('span', {class: 'ramp', 'aria-hidden': 'true'}, [0.05, 0.25, 0.5, 0.75, 1].map(() => el('span', {class: 'step'})));
  [0.05, 0.25, 0.5, 0.75, 1].forEach((t, i) => { ramp.children[i].style.background = shade(t, 1); });
  const legend = el('p', {class: 'scale', id: 'legend'}, ramp, ' ', relMode
    ? 'countries: distinct sources stating it there (1 to ' + max + '); dots: the places named'
    : 'share of the documents mentioning each country (up to ' + label(max) + ')' + (region.checked ? ', region only' : ''));

  const sorted = [...groups.values()].filter(g => g.id.startsWith('country:') || placeById[g.id])
    .sort((a, b) => b.sources.size - a.sources.size || b.rows.length - a.rows.length);
  const topMentions = (data.countries || []).filter(c => c.documents > 0)
    .filter(c => !region.checked || geo.features.some(f => geo.alpha2ByNumeric[f.id] === c.iso2 && inRegion(f)))
    .sort((a, b) => b.documents - a.documents).slice(0, 15);
  append(main, el('div', {class: 'mapwrap'},
    el('div', {class: 'mapbox'}, svg, controls, legend),
    el('aside', {class: 'legend', 'aria-label': 'list'},
      dataErr ? failure(dataErr) : null,
      el('p', {class: 'note', id: 'mapnote'}, plural(shaded, 'country', 'countries') + ' shaded' +
        (relMode ? ', ' + plural(shownPlaces.length, 'place') + ' named' : ', of ' + plural(total, 'document'))),
      relMode ? relationList(sorted, p)
        : el('ol', {class: 'maplist', id: 'maplist'}, topMentions.map(c => el('li', {},
            entityLink(c.id, c.name, 'country'), ' ', el('span', {class: 'count'}, Math.round(1000 * c.documents / (total || 1)) / 10 + '%')))),
      FL.exportLinks({predicate: p.predicate, entity: p.actor, since: p.since, until: p.until}))));
};
})();
