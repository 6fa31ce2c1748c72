// node extra.mjs sign SUITE SEEDHEX CONTEXTS.json < unsigned.json   |   node extra.mjs verify CONTEXTS.json < signed.json
// Like sign.mjs / verify.mjs, with extra JSON-LD contexts ({"url": "file path", ...}) added to the reference loader.
import * as vc from '@digitalbazaar/vc';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import {cryptosuite as eddsa} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import {cryptosuite as ecdsa} from '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {Ed25519VerificationKey2020} from '@digitalbazaar/ed25519-verification-key-2020';
import {Ed25519Signature2020} from '@digitalbazaar/ed25519-signature-2020';
import {makeLoader} from './loader.mjs';
import fs from 'node:fs';

const [mode, ...rest] = process.argv.slice(2);
const contextsFile = mode === 'sign' ? rest[2] : rest[0];
const extra = new Map(Object.entries(JSON.parse(fs.readFileSync(contextsFile, 'utf8')))
  .map(([url, file]) => [url, JSON.parse(fs.readFileSync(file, 'utf8'))]));
const documentLoader = makeLoader({extra});
const doc = JSON.parse(fs.readFileSync(0, 'utf8'));
if (mode === 'sign') {
  const [suiteName, seedHex] = rest;
  const seed = Uint8Array.from(Buffer.from(seedHex, 'hex'));
  const kp = suiteName.startsWith('ecdsa')
    ? await EcdsaMultikey.generate({curve: suiteName.endsWith('p384') ? 'P-384' : 'P-256'})
    : suiteName === 'Ed25519Signature2020' ? await Ed25519VerificationKey2020.generate({seed})
    : await Ed25519Multikey.generate({seed});
  const did = 'did:key:' + kp.publicKeyMultibase;
  kp.controller = did; kp.id = did + '#' + kp.publicKeyMultibase;
  if (typeof doc.issuer === 'object') doc.issuer.id = did; else doc.issuer = did;
  const suite = suiteName === 'Ed25519Signature2020' ? new Ed25519Signature2020({key: kp})
    : new DataIntegrityProof({signer: kp.signer(), cryptosuite: suiteName.startsWith('ecdsa') ? ecdsa : eddsa});
  process.stdout.write(JSON.stringify(await vc.issue({credential: doc, suite, documentLoader}), null, 2) + '\n');
} else {
  const suite = [new DataIntegrityProof({cryptosuite: eddsa}), new DataIntegrityProof({cryptosuite: ecdsa}), new Ed25519Signature2020()];
  const r = await vc.verifyCredential({credential: doc, suite, documentLoader, checkStatus: async () => ({verified: true})});
  if (!r.verified) { console.error(JSON.stringify(r, (k, v) => v instanceof Error ? {message: v.message} : v).slice(0, 2000)); process.exit(1); }
  console.log('verified');
}
