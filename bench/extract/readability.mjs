// readability.mjs: Readability.js (Firefox reader view) over the same pages,
// for comparison with flank's extractor. Parses each page with linkedom,
// writes {ID: {"articleBody": textContent}} and prints pages/s.
//   node readability.mjs OUT.json PAGE.html.gz...
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { basename } from 'node:path';
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';

const [out, ...pages] = process.argv.slice(2);
const preds = {};
let total = 0;
for (const path of pages) {
  const bytes = readFileSync(path);
  const html = (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
  const t0 = process.hrtime.bigint();
  let body = '';
  try {
    const { document } = parseHTML(html);
    const article = new Readability(document).parse();
    body = article && article.textContent ? article.textContent : '';
  } catch (e) {
    body = '';
  }
  total += Number(process.hrtime.bigint() - t0) / 1e6;
  preds[basename(path).replace(/\.html(\.gz)?$/, '')] = { articleBody: body };
}
writeFileSync(out, JSON.stringify(preds));
console.log(`pages=${pages.length} ms_per_page=${(total / pages.length).toFixed(2)} ` +
            `pages_per_s=${(pages.length * 1000 / total).toFixed(1)} ` +
            `heap_used_mb=${(process.memoryUsage().heapUsed / 1048576).toFixed(1)}`);
