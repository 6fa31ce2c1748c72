// node acc.mjs < batch.json > results.json
// One node process runs a whole batch of reference-stack jobs, to keep node start-ups few.
// batch: {"contexts": {"url": "file", ...}, "jobs": [{"name": ..., "op": ..., ...}]}
// ops:
//   sign    {suite, seed, doc, date?, bareVM?, diContext?, purpose?, vmId?, issuerId?}  Data Integrity proof by @digitalbazaar/vc; the issuer
//           becomes the key's did:key (suite: eddsa-rdfc-2022 | ecdsa-rdfc-2019-p256 | ecdsa-rdfc-2019-p384 |
//           Ed25519Signature2020). date is passed verbatim as proof.created; bareVM makes the verification
//           method the bare did:key, without fragment.
//   verify  {doc, diContext?}                             "verified" or an error
//   jwt     {form, alg, seed, doc, header, strip?}      form: ob (OB 3.0 VC-JWT) | vc11 (vc claim) | vcjose (vc+jwt) | vpjose (vp+jwt, holder = the key's did:key);
//           header: kid (did:key URL) | jwk; alg EdDSA | ES256 | ES384. Signed with the jose package.
//           header didjwk: kid is did:jwk:...#0 and the issuer that did:jwk; keepIssuer leaves the issuer as is;
//           override: members merged into the payload after the registered claims are set.
//           strip (vc11): leave issuer, issuanceDate, id and subject id to the iss, nbf, jti and sub claims.
//   present {seed, credentials, challenge, domain}  a signed Verifiable Presentation (see present below)
// results: {"name": {"ok": value} | {"error": message}}
import * as vc from '@digitalbazaar/vc';
import * as jose from 'jose';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import {cryptosuite as eddsa} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import {cryptosuite as ecdsa} from '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {Ed25519VerificationKey2020} from '@digitalbazaar/ed25519-verification-key-2020';
import {Ed25519Signature2020} from '@digitalbazaar/ed25519-signature-2020';
import jsigs from 'jsonld-signatures';
import {makeLoader} from './loader.mjs';
import fs from 'node:fs';

const batch = JSON.parse(fs.readFileSync(0, 'utf8'));
const extra = new Map(Object.entries(batch.contexts || {})
  .map(([url, file]) => [url, JSON.parse(fs.readFileSync(file, 'utf8'))]));
const documentLoader = makeLoader({extra});
const out = {};
const seedOf = hex => Uint8Array.from(Buffer.from(hex || '00'.repeat(32), 'hex'));

async function keyPair(kind, seed) {
  if (kind.endsWith('p256') || kind === 'ES256') return EcdsaMultikey.generate({curve: 'P-256'});
  if (kind.endsWith('p384') || kind === 'ES384') return EcdsaMultikey.generate({curve: 'P-384'});
  if (kind === 'Ed25519Signature2020') return Ed25519VerificationKey2020.generate({seed: seedOf(seed)});
  return Ed25519Multikey.generate({seed: seedOf(seed)});
}

function setIssuer(doc, did) {
  if (typeof doc.issuer === 'object' && doc.issuer !== null) doc.issuer.id = did; else doc.issuer = did;
}

// "$job:NAME" stands for the result of an earlier job of the batch; "$tampered:NAME" for it with a changed name.
function resolveRefs(v) {
  if (typeof v === 'string' && (v.startsWith('$job:') || v.startsWith('$tampered:'))) {
    const [kind, name] = v.split(':');
    const d = structuredClone(out[name].ok);
    if (kind === '$tampered') d.name = 'A name the issuer never signed';
    return d;
  }
  if (Array.isArray(v)) return v.map(resolveRefs);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolveRefs(x)]));
  return v;
}

async function sign(job) {
  const kp = await keyPair(job.suite, job.seed);
  const did = 'did:key:' + kp.publicKeyMultibase;
  kp.controller = did;
  kp.id = job.bareVM ? did : did + '#' + kp.publicKeyMultibase;
  // vmId / issuerId: a key published elsewhere (did:web, an https controller document, a 1EdTech-style
  // "<issuer>#<multikey>" fragment) for an issuer that is not a did:key.
  if (job.vmId) kp.id = job.vmId.replace('{mb}', kp.publicKeyMultibase);
  const doc = resolveRefs(job.doc);
  if (job.issuerId) setIssuer(doc, job.issuerId);
  else if (!job.keepIssuer) setIssuer(doc, did);
  const suite = job.suite === 'Ed25519Signature2020' ? new Ed25519Signature2020({key: kp, date: job.date})
    : new DataIntegrityProof({signer: kp.signer(), date: job.date,
      cryptosuite: job.suite.startsWith('ecdsa') ? ecdsa : eddsa});
  // DataIntegrityProof adds data-integrity/v2 to a VC 1.1 document that lacks it; diContext names the context
  // the document already carries instead (real VC 1.1 issuers use data-integrity/v1).
  if (job.diContext) suite.contextUrl = job.diContext;
  // purpose "authentication" signs with the wrong proof purpose for a credential (OB 3.0 requires assertionMethod).
  const purpose = job.purpose === 'authentication'
    ? new jsigs.purposes.AuthenticationProofPurpose({challenge: 'abc', domain: 'https://verifier.example'}) : undefined;
  return purpose ? vc.issue({credential: doc, suite, documentLoader, purpose}) : vc.issue({credential: doc, suite, documentLoader});
}

async function verify(job) {
  const suite = [new DataIntegrityProof({cryptosuite: eddsa}), new DataIntegrityProof({cryptosuite: ecdsa}),
    new Ed25519Signature2020()];
  if (job.diContext) suite[0].contextUrl = suite[1].contextUrl = job.diContext;
  const r = await vc.verifyCredential({credential: job.doc, suite, documentLoader,
    checkStatus: async () => ({verified: true})});
  if (!r.verified) throw new Error(JSON.stringify(r, (k, v) => v instanceof Error ? v.message : v).slice(0, 1500));
  return 'verified';
}

async function jwt(job) {
  const kp = await keyPair(job.alg, job.seed);
  const did = 'did:key:' + kp.publicKeyMultibase;
  const mk = job.alg === 'EdDSA' ? Ed25519Multikey : EcdsaMultikey;
  const priv = await mk.toJwk({keyPair: kp, secretKey: true});
  const pub = await mk.toJwk({keyPair: kp});
  // Ed25519Multikey keeps a 64-byte secret key (seed ‖ public key); a JWK's d is the 32-byte seed (RFC 8037 §2).
  if (job.alg === 'EdDSA') priv.d = Buffer.from(kp.secretKey.slice(0, 32)).toString('base64url');
  const key = await jose.importJWK(priv, job.alg);
  const didjwk = 'did:jwk:' + Buffer.from(JSON.stringify(pub)).toString('base64url');
  const cred = resolveRefs(job.doc);
  if (job.form === 'vpjose') cred.holder = did;
  else if (!job.keepIssuer) setIssuer(cred, job.header === 'didjwk' ? didjwk : did);
  const issuerId = typeof cred.issuer === 'object' ? cred.issuer.id : cred.issuer;
  const subj = Array.isArray(cred.credentialSubject) ? cred.credentialSubject[0] : cred.credentialSubject;
  const secs = s => Math.floor(Date.parse(s) / 1000);
  let payload, typ;
  if (job.form === 'vcjose') {
    payload = cred; typ = 'vc+jwt';
  } else if (job.form === 'vpjose') {
    payload = cred; typ = 'vp+jwt';
  } else {
    const claims = {iss: issuerId, jti: cred.id};
    if (subj && subj.id) claims.sub = subj.id;
    const from = cred.validFrom || cred.issuanceDate, until = cred.validUntil || cred.expirationDate;
    if (from) claims.nbf = secs(from);
    if (until) claims.exp = secs(until);
    if (job.strip) {
      // VC-JWT 1.1 §6.3.1: the registered claims may stand in for issuer, issuanceDate, id and subject id.
      delete cred.issuer; delete cred.issuanceDate; delete cred.id;
      if (subj) delete subj.id;
    }
    payload = job.form === 'vc11' ? {...claims, vc: cred} : {...cred, ...claims};
    typ = 'JWT';
  }
  const header = {alg: job.alg, typ};
  if (job.form === 'vcjose') header.cty = 'vc';
  if (job.form === 'vpjose') header.cty = 'vp';
  if (job.override) Object.assign(payload, job.override);
  if (job.header === 'jwk') header.jwk = pub;
  else if (job.header === 'didjwk') header.kid = didjwk + '#0';
  else header.kid = did + '#' + kp.publicKeyMultibase;
  return new jose.CompactSign(new TextEncoder().encode(JSON.stringify(payload))).setProtectedHeader(header).sign(key);
}

// present {seed, credentials, challenge, domain, v1?}: a presentation by the holder's did:key (Ed25519, eddsa-rdfc-2022),
// proofPurpose authentication, made by @digitalbazaar/vc createPresentation + signPresentation.
async function present(job) {
  const kp = await Ed25519Multikey.generate({seed: seedOf(job.seed)});
  const did = 'did:key:' + kp.publicKeyMultibase;
  kp.controller = did; kp.id = did + '#' + kp.publicKeyMultibase;
  const creds = resolveRefs(job.credentials || []);
  // presentation: a ready VP document (the library's createPresentation refuses enveloped credentials).
  const presentation = job.presentation ? {...resolveRefs(job.presentation), holder: did} : vc.createPresentation({verifiableCredential: creds, holder: did, version: job.v1 ? 1.0 : 2.0});
  const suite = new DataIntegrityProof({signer: kp.signer(), cryptosuite: eddsa});
  return vc.signPresentation({presentation, suite, challenge: job.challenge, domain: job.domain, documentLoader});
}

const ops = {sign, verify, jwt, present};
for (const job of batch.jobs) {
  try {
    out[job.name] = {ok: await ops[job.op](job)};
  } catch (e) {
    out[job.name] = {error: String(e && e.stack || e).slice(0, 2000)};
  }
}
process.stdout.write(JSON.stringify(out));
