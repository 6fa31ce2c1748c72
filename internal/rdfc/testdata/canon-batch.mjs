// Reads a JSON array of N-Quads documents on standard input and writes, for
// each, rdf-canonize's RDFC-1.0 canonical N-Quads and issued identifier map
// (labels without "_:"), or the error it gave. Used by
// TestReferenceDifferential; it must run from a directory made by
// ../shared/interop/setup, where rdf-canonize is installed.
import * as canonize from 'rdf-canonize';
import {readFileSync} from 'node:fs';

const docs = JSON.parse(readFileSync(0, 'utf8'));
const out = [];
for (const doc of docs) {
  const map = new Map();
  try {
    const nq = await canonize.canonize(doc, {
      algorithm: 'RDFC-1.0', inputFormat: 'application/n-quads', format: 'application/n-quads',
      canonicalIdMap: map, maxWorkFactor: 3,
    });
    const m = {};
    for (const [k, v] of map) m[k.replace(/^_:/, '')] = v.replace(/^_:/, '');
    out.push({nq, map: m});
  } catch (e) {
    out.push({err: String(e)});
  }
}
process.stdout.write(JSON.stringify(out));
