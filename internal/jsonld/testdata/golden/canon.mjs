// node canon.mjs < doc.json : jsonld.js RDFC-1.0 canonical N-Quads (safe mode), or the error.
import jsonld from 'jsonld';
import {makeLoader} from './loader.mjs';
import fs from 'node:fs';
const extra = new Map();
for (const f of (process.env.EXTRA || '').split(',').filter(Boolean)) {
  const [url, file] = f.split('=');
  extra.set(url, JSON.parse(fs.readFileSync(file, 'utf8')));
}
const documentLoader = makeLoader({extra});
const doc = JSON.parse(fs.readFileSync(0, 'utf8'));
const safe = process.env.SAFE !== '0';
// RDF_DIRECTION=i18n-datatype: what the eddsa and ecdsa cryptosuites pass.
const rdfDirection = process.env.RDF_DIRECTION || undefined;
try {
  const out = await jsonld.canonize(doc, {algorithm: 'RDFC-1.0', format: 'application/n-quads', documentLoader, safe, rdfDirection});
  process.stdout.write(out);
} catch (e) {
  console.log('ERROR', e.name, e.message, JSON.stringify(e.details?.event?.code || e.details?.code || ''));
  process.exit(1);
}
