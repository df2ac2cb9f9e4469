/* map.js: the map page. Natural Earth country shapes (npm world-atlas,
 * vendored in web/vendor/ by scripts/install-web.sh) drawn with d3-geo over
 * North Africa, the Sahel, the Middle East and Europe; countries shaded by
 * mentions or by the relations of a chosen predicate (GET /api/map), bases
 * and places as points. The predicates of the menu are the server's
 * vocabulary (GET /api/predicates), never a list of this file's. Clicking
 * opens the entity. Numeric Natural Earth ids are mapped to flank's
 * alpha-2 ids with Debian's iso-codes table. */
'use strict';

(function () {
const {el, api, append, failure} = FL;
const W = 960, H = 620;
let shapes = null;   // {features, alpha2ByNumeric}
let predicates = null;   // the relation vocabulary: [{name, meaning, cameo, plover}]

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

FL.views.map = async function (main, p) {
  let preds = [], predErr = null;
  try { preds = await loadPredicates(); } catch (e) { predErr = e; }
  const metric = el('select', {'aria-label': 'shade by', id: 'metric'},
    el('option', {value: ''}, 'mentions'),
    preds.map(x => el('option', {value: x.name, selected: p.predicate === x.name,
                                 title: x.meaning + (x.plover ? ' (PLOVER ' + x.plover + ')' : '')},
                      'relations: ' + x.name.replace(/_/g, ' '))));
  const since = el('input', {type: 'text', size: 10, value: p.since || '', placeholder: 'since YYYY', 'aria-label': 'since'});
  const until = el('input', {type: 'text', size: 10, value: p.until || '', placeholder: 'until YYYY', 'aria-label': 'until'});
  const form = el('form', {class: 'searchform'}, 'Shade countries by ', metric, since, until, el('button', {type: 'submit'}, 'Apply'));
  form.addEventListener('submit', ev => { ev.preventDefault(); FL.go('map', {predicate: metric.value, since: since.value.trim(), until: until.value.trim()}); });
  metric.addEventListener('change', () => form.requestSubmit());
  append(main, el('h1', {}, 'Map'), form, predErr ? failure(predErr) : null);

  let geo;
  try { geo = await loadShapes(); } catch (e) { append(main, failure(e)); return; }
  let data = {countries: [], places: []}, dataErr = null;
  try { data = await api('map', {predicate: p.predicate, since: p.since, until: p.until}); } catch (e) { dataErr = e; }

  const field = p.predicate ? 'relations' : 'mentions';
  const byIso = {};
  for (const c of data.countries || []) byIso[String(c.iso2 || String(c.id).replace(/^country:/, '')).toUpperCase()] = c;
  const max = Math.max(0, ...(data.countries || []).map(c => c[field] || 0));

  const frame = {type: 'MultiPoint', coordinates: [[-18, 4], [60, 4], [-18, 58], [60, 58], [21, 62], [21, 3]]};
  const proj = d3.geoConicConformal().parallels([20, 50]).rotate([-22, 0]).fitExtent([[8, 8], [W - 8, H - 8]], frame);
  const path = d3.geoPath(proj);
  const svg = el('svg', {id: 'map', viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-label': 'map of countries shaded by ' + field});
  const gC = el('g', {class: 'countries'});
  let shaded = 0;
  for (const f of geo.features) {
    const iso2 = geo.alpha2ByNumeric[f.id];
    const c = iso2 ? byIso[iso2] : null;
    const v = c ? (c[field] || 0) : 0;
    if (v > 0) shaded++;
    const d = path(f);
    if (!d) continue;
    const name = (c && c.name) || f.properties.name;
    const node = el('path', {d, class: 'country' + (v > 0 ? ' shaded' : ''), fill: shade(v, max),
                             'data-iso': iso2 || '', 'data-value': v, tabindex: iso2 ? 0 : null},
                    el('title', {}, name + ': ' + v + ' ' + (p.predicate ? p.predicate.replace(/_/g, ' ') + ' relations' : 'mentions')));
    if (iso2) {
      const open = () => FL.go('entity', {id: 'country:' + iso2});
      node.addEventListener('click', open);
      node.addEventListener('keydown', ev => { if (ev.key === 'Enter') open(); });
    }
    gC.appendChild(node);
  }
  const gP = el('g', {class: 'places'});
  const pmax = Math.max(1, ...(data.places || []).map(x => x.mentions || 0));
  for (const pl of data.places || []) {
    if (typeof pl.lat !== 'number' || typeof pl.lon !== 'number') continue;
    const xy = proj([pl.lon, pl.lat]);
    if (!xy || xy[0] < 0 || xy[0] > W || xy[1] < 0 || xy[1] > H) continue;
    const c = el('circle', {cx: xy[0].toFixed(1), cy: xy[1].toFixed(1), r: (3 + 6 * Math.sqrt((pl.mentions || 0) / pmax)).toFixed(1),
                            class: 'place', tabindex: 0, 'data-id': pl.id}, el('title', {}, (pl.name || pl.id) + ': ' + (pl.mentions || 0) + ' mentions'));
    c.addEventListener('click', () => FL.go('entity', {id: pl.id}));
    gP.appendChild(c);
  }
  svg.appendChild(gC);
  svg.appendChild(gP);
  const top = (data.countries || []).filter(c => c[field] > 0).sort((a, b) => b[field] - a[field]).slice(0, 15);
  append(main, el('div', {class: 'mapwrap'}, svg,
    el('aside', {class: 'legend'}, el('h3', {}, p.predicate ? p.predicate.replace(/_/g, ' ') : 'mentions'),
      dataErr ? failure(dataErr) : null,
      el('p', {class: 'note', id: 'mapnote'}, shaded + ' countries shaded'),
      el('ol', {}, top.map(c => el('li', {}, FL.entityLink(c.id || 'country:' + c.iso2, c.name || c.iso2, 'country'),
                                    el('span', {class: 'count'}, String(c[field]))))),
      FL.exportLinks({predicate: p.predicate, since: p.since, until: p.until}))));
};
})();
