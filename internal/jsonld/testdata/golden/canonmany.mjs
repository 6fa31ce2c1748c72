// node canonmany.mjs < docs.json : [{nq} | {err}] for each document, jsonld.js safe mode.
import jsonld from 'jsonld';
import {makeLoader} from './loader.mjs';
import fs from 'node:fs';
const extra = new Map();
for (const f of (process.env.EXTRA || '').split(',').filter(Boolean)) {
  const [url, file] = f.split('=');
  extra.set(url, JSON.parse(fs.readFileSync(file, 'utf8')));
}
const documentLoader = makeLoader({extra});
const docs = JSON.parse(fs.readFileSync(0, 'utf8'));
const out = [];
for (const doc of docs) {
  try {
    out.push({nq: await jsonld.canonize(doc, {algorithm: 'RDFC-1.0', format: 'application/n-quads', documentLoader, safe: true})});
  } catch (e) {
    out.push({err: String(e.message) + ' ' + JSON.stringify(e.details?.event?.code || e.details?.code || '')});
  }
}
process.stdout.write(JSON.stringify(out));
