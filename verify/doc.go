// Package verify decides whether to believe an Open Badges 3.0 or CLR 2.0
// credential: one call in, one structured [Report] out.
//
// # Use
//
// Build one [Verifier] from a [Config] and share it; it is safe for
// concurrent use and its caches make repeated verification cheap:
//
//	v, err := verify.New(verify.Config{
//		HTTPClient: &http.Client{Timeout: 15 * time.Second}, // omit to stay offline
//		Trust:      verify.Allowlist{"did:web:registrar.example.edu"},
//	})
//	report, err := v.Verify(ctx, input) // JSON, compact VC-JWT, or baked PNG/SVG
//	if !report.OK() {
//		return report.Err() // errors.Is(err, verify.ErrRevoked), errors.Is(err, verify.ErrUnverified), ...
//	}
//
// [Verifier.VerifyPresentation] verifies a presentation against the
// challenge and domain the host sent the holder, then every credential in
// it. [Report.MatchRecipient] is the optional recipient step: does the
// verified credential name the learner the host knows (by id, or by a
// plain or hashed identifier such as an e-mail address)?
//
// # The checks
//
// A credential report always lists these checks, in this order, which is
// the order of the Open Badges 3.0 verification algorithm (§ Verification
// and Validation) and of the 1EdTech validator's probes:
//
//	parse           input format (JSON, JWT, PNG, SVG; a compressed PNG chunk warns); UTF-8, duplicate keys, depth, size, proof count
//	context         @context values and order; JSON-LD expansion with the embedded contexts, no undefined terms
//	                (in a VC-JWT, whose signature covers the bytes, an undefined term such as endorsementJwt is a warning)
//	type            VerifiableCredential plus OpenBadgeCredential, AchievementCredential, EndorsementCredential or ClrCredential
//	schema          the data model, the official 1EdTech JSON Schema, and any other credentialSchema (network)
//	subject         credentialSubject identified by id and/or identifier
//	proof           any one valid proof: a Data Integrity proof or the VC-JWT signature and claims
//	key             how the key was resolved: multikey fragment, did:key, did:jwk, did:web, https document
//	issuer-binding  the key's controller is the issuer
//	refresh         1EdTechCredentialRefresh, only after the proof, at most once (network)
//	status          BitstringStatusList, StatusList2021 (lists as JSON or VC-JWT, any content type, proof checked), 1EdTechRevocationList (network)
//	validity        validFrom / validUntil (issuanceDate / expirationDate of VC 1.1, with a warning)
//	endorsements    every embedded EndorsementCredential, verified recursively, depth capped
//	clr-nested      every credential inside a CLR, each with its own report
//	trust           the host's TrustPolicy (an allowlist, issuer registries, its own)
//
// Each [Check] has an outcome: pass; fail; warn (the host should show why);
// not_established (the check could not be carried out: offline, a failed
// fetch, an unsupported cryptosuite; Detail["skipped"] = true when it was
// the network); or skipped (not applicable, or moot after an earlier
// failure).
//
// # Verdicts
//
// A report answers three questions, each with the checks behind it
// ([Report.Authentic], [Report.Current], [Report.Conformant]): is the
// credential the issuer's (parse, proof, key, issuer-binding), is it in
// force (status, validity, refresh), does it follow the data model
// (context, type, schema, subject)? [CheckID.Aspect] is the one place
// checks are classified. The [Verdict]:
//
//	failed                  authenticity or currency was refuted, or (strict policy) it does not conform
//	unverified              nothing was refuted, but authenticity or status could not be established
//	verified_with_warnings  authentic and current, with findings the host should show
//	verified                authentic, current and conformant, no warnings
//
// [Report.OK] is true only for the last two, and [Report.Err] is nil exactly
// when OK is true. A host must treat unverified like failed: it is what a
// zero Config (offline) says about a credential whose key or status lives
// on the network; verifying online may settle it.
//
// # Policy
//
// Config.Policy decides what conformance findings and nested credentials
// do. The default policy is liberal about the harmless imperfections real
// issuers publish and exact about signatures; [PolicyStrict] fails every
// conformance finding, as the 1EdTech validator does. Under the default
// policy a finding the strict policy fails is a warning with
// [Check.StrictFail] set, and each finding in the check's detail names its
// rule ("code"), its JSON pointer and what a conformant issuer writes
// instead ("fix").
//
//	what the verifier found                                          default                  strict
//	proof does not verify; key the issuer does not control;          failed                   failed
//	  malformed input; a limit exceeded
//	unknown @context or undefined term (not covered by the proof)    failed                   failed
//	a signed document whose type lacks VerifiableCredential          failed                   failed
//	revoked or suspended (also on another issuer's list)             failed                   failed
//	expired or not yet valid, beyond Config.Skew (default 5 min)     failed                   failed
//	the TrustPolicy refuses the issuer; an unregistered issuer       failed                   failed
//	  under RegistryPolicy.Require
//	key, DID document or status list needs the network (offline);   unverified               unverified
//	  a fetch failed; a status list whose proof does not verify
//	fragment key "<issuer>#z6Mk..." the issuer's document does not   unverified               unverified
//	  confirm (offline, no document, or a non-https issuer)
//	cryptosuite registered but not implemented (ecdsa-sd-2023, bbs)  unverified               unverified
//	data-model or schema finding: issuer.image as a URL string,      verified_with_warnings   failed
//	  a subject without id or identifier, achievementType outside
//	  the enumeration, an endorsement without name, context order
//	a plain W3C VC (no Open Badges, CLR or Endorsement type)         verified_with_warnings   failed
//	an embedded endorsement or CLR credential that failed            verified_with_warnings   failed
//	an embedded endorsement or CLR credential that is unverified     verified_with_warnings   unverified
//	a status list issued by another key, its bit unset               verified_with_warnings   verified_with_warnings
//	  (Config.RequireStatusListIssuer: unverified)
//	a status list shorter than the specification's 131,072 entries   verified_with_warnings   verified_with_warnings
//	  (under Config.StatusListMinEntries: unverified)
//	an issuer the RegistryPolicy does not list                       verified_with_warnings   verified_with_warnings
//	VC 1.1, a deprecated cryptosuite, a compressed PNG chunk,        verified_with_warnings   verified_with_warnings
//	  a failed refresh, a refresh or remote credentialSchema
//	  skipped offline
//
// Nested credentials keep their own reports and verdicts (Report.Endorsements,
// Report.Nested), whatever the parent's; a host that counts the credentials
// inside a CLR counts only those whose reports are OK. A presentation is
// unverified when a credential it carries is.
//
// # Clock
//
// Every time comparison (validFrom and validUntil, issuanceDate and
// expirationDate, a proof's created, JWT nbf, exp and iat, a status list's
// validity) uses the verifier's clock (Config.Clock) and one skew: zero
// Config.Skew is [DefaultSkew] (5 minutes), so a fresh credential from an
// issuer whose clock runs a few seconds ahead verifies; a negative Skew
// tolerates none. Time errors name the setting.
//
// # Status lists
//
// A status list is believed for its proof, not its label: any content type
// is read (static hosting serves application/octet-stream or text/plain),
// within Limits.MaxFetchBytes and Limits.MaxStatusListBytes. Its proof must
// be by a key its own issuer controls. A list issued by someone other than
// the credential's issuer (often a dedicated status did:key) is read: a set
// revocation or suspension bit is believed (failing closed costs nothing),
// an unset one is a warning naming the list's signer, and
// Config.RequireStatusListIssuer refuses such lists. Status is reported even
// when the credential has also expired.
//
// # Trust
//
// Verification says who signed; a [TrustPolicy] says whether the host
// recognises them. [Allowlist] trusts listed issuer ids and fails the rest.
// [RegistryPolicy] loads issuer registries in the shape education verifiers
// use ([ParseIssuerRegistry]); the trust check then names the registry and
// the issuer's registered name, and an issuer no registry lists is a
// warning, or a failure with RegistryPolicy.Require. A host's own policy
// can implement [IssuerRecognizer] to be reported the same way.
//
// # Configuration
//
// [New] checks the Config once: an unknown cryptosuite or JWT algorithm in
// an allowlist, "none" or an HMAC algorithm, an unknown policy or a negative
// StatusListMinEntries is an [ErrInvalidConfig] error. The allowlists are
// copied, and the defaults are functions ([DefaultCryptosuites],
// [DefaultJWTAlgorithms]) returning new slices, so changing a slice never
// changes a verifier built earlier.
//
// # Network
//
// The zero Config never touches the network. A proof, key or status check
// that would need it is not established, and the verdict unverified (a
// refresh or a remote credentialSchema skipped offline is a warning:
// neither decides authenticity). With Config.HTTPClient set,
// every fetch goes through that client with the verifier's own policy:
// https only (Config.UnsafeAllowHTTP exists for tests), redirects only to
// the same host, responses capped at Limits.MaxFetchBytes, a deadline of
// Limits.FetchTimeout inside the caller's context, content types checked,
// and no loopback, private, link-local or otherwise non-public address
// unless Config.UnsafeAllowPrivateAddresses is set. The address check runs when
// the connection is dialled, on the resolved address, so DNS rebinding
// cannot get around it; it applies when the client's Transport is an
// *http.Transport (or nil). Status lists, DID documents and controller
// documents are cached (bounded LRU with TTLs; a status list's own ttl and
// validUntil shorten the TTL).
//
// # Keys and issuers
//
// A proof counts only if its key is controlled by the issuer. For did:key,
// did:jwk and did:web the controller comes from the DID document (and the
// key must be listed under assertionMethod); for an https verification
// method, from the fetched key or controller document.
//
// The 1EdTech convention of a verification method "<issuer-id>#z6Mk..."
// (the key in the fragment; the Open Badges test vectors and most validator
// fixtures use it) proves nothing by itself: anyone can append their own
// key to an issuer's id. The verifier therefore asks the controller
// document at the issuer id: a document listing the key passes, one listing
// other keys fails, and no document (or no network) leaves the binding not
// established, so the credential is unverified.
// Config.UnsafeTrustFragmentKeys restores the validator's behaviour of
// taking the fragment at its word. Likewise a VC-JWT whose only key is its
// own jwk header fails issuer-binding unless Config.UnsafeTrustEmbeddedJWK
// is set.
//
// # Keys as issuers write them
//
// A Data Integrity verificationMethod should name its key with a DID URL
// fragment ("did:key:z6Mk...#z6Mk..."): a bare DID dereferences to the DID
// document, not to a key (Controlled Identifiers 1.0 § 3.3). Issuers
// nevertheless write the bare did:key or did:jwk of their own DID, and such
// a DID names exactly one key. So a bare did:key or did:jwk equal to the
// issuer's DID verifies, and the key check warns, naming the DID URL a
// conformant issuer writes. Any other bare DID fails the key check: a bare
// did:key or did:jwk that is not the issuer names a key the issuer does not
// control, and a bare did:web (or any DID whose document may list several
// keys) names no key at all. A VC-JWT kid, being only a hint for finding
// the key (RFC 7515 § 4.1.4), may be a bare did:key or did:jwk without a
// warning.
//
// What stays refused is a key the issuer does not control, however the
// credential presents it: a key embedded in a VC-JWT's jwk header when the
// issuer is not that key's own did:key or did:jwk (an https issuer, say),
// unless Config.UnsafeTrustEmbeddedJWK; a fragment key that the issuer's
// controller document does not list; a DID key whose DID document does not
// list it under assertionMethod. That is our stance, stricter than the
// 1EdTech validator's, which does not bind keys to issuers: accepting such
// a key would let anyone who can sign at all sign in any issuer's name.
//
// The 1EdTech validator fixtures get the validator's verdicts under
// PolicyStrict (fixtures_test.go, which runs with the Unsafe switches so
// the remaining differences show), except these deviations, which are ours
// on purpose: the validator does not bind did:key (and other DID) keys to
// the issuer, so a credential signed by any did:key verifies there but
// fails here — at the key check when the verificationMethod is a bare did:key
// that is not the issuer, at issuer-binding otherwise (ob30/simple-did-key-method.json,
// clr20/complex.json, and five of the six credentials nested in
// clr20/simple_v1.json); clr20/simple.jwt uses a pre-final draft context no
// one publishes; and package credential does not implement ecdsa-sd-2023,
// so a selectively disclosed credential (ob30/sd/derivedcredential.json) is
// unverified here. Under the default policy every fixture the validator
// calls valid verifies, deviations aside.
//
// # What the checks read
//
// The checks, badge's typed view ([Report.Parsed]) and package pathway read
// a credential's JSON by its standard terms: validFrom, validUntil,
// issuanceDate, expirationDate, awardedDate, issuer, credentialStatus and
// its members, credentialSchema, refreshService, evidence,
// credentialSubject with its id, identifier, achievement (id, type,
// achievementType, alignment, related, resultDescription,
// creditsAvailable), result and creditsEarned, verifiableCredential inside
// a CLR, endorsement and endorsementJwt anywhere, every node's id and
// type, and the proof's members. What a proof covers depends on how it
// signs:
//
//	proof                       signs                           the checks read
//	eddsa-rdfc-2022,            the RDF dataset that JSON-LD    the JSON, and only when every property above is spelled
//	ecdsa-rdfc-2019,            expansion makes of the JSON     by its standard term with a plain value, so that it says
//	Ed25519Signature2020,                                       what the expanded data says; otherwise the proof check
//	eddsa-2022                                                  fails with ErrRespelled
//	eddsa-jcs-2022,             the JSON itself (RFC 8785)      the JSON as written: what is read is what is signed, and
//	ecdsa-jcs-2019                                              a property spelled otherwise (an IRI key) is not read
//	VC-JWT                      the payload bytes               the JSON of the payload as written, and the iss, jti,
//	                                                            sub, nbf and exp claims, which must agree with it
//
// A holder can rewrite an RDF-signed credential without breaking its
// proof: validUntil written as its IRI with a value object, through an
// alias or an @vocab in an appended inline context, credentialStatus or
// endorsement renamed to their IRIs, an @id written as a compact IRI, a
// standard term redefined by an appended context, a property moved into
// @nest, or a node moved into @included and linked back with @reverse. A
// reader of JSON keys
// would then miss an expiry, a revocation or a failing endorsement. So for
// an RDF proof the verifier compares, property by property, the JSON with
// the expansion the context check made and refuses
// any difference (and @reverse of a property it reads, or a second node
// object with the credential's id): the proof check fails with an error wrapping
// [ErrRespelled] and [ErrProof], naming the property and how it is spelled.
// Such a credential is failed under every policy, and pathway.FromReport
// refuses it. JSON-LD data the checks do not read (a description, the
// issuer's name or address, terms of an extension context) may be spelled
// any way JSON-LD allows.
//
// A credential is expanded once. For an RDF proof the context check expands
// the document without its proofs (exactly what the proofs sign) and, apart,
// the proofs under the document's @context and types; the proof check
// canonicalizes from the first instead of expanding the document again,
// and the comparison above reads the two joined. The proofs are not
// expanded when expanding them could find nothing: DataIntegrityProofs of
// plain strings under their standard terms (proofPurpose assertionMethod,
// a did: or https: verificationMethod) in a credential typed
// VerifiableCredential whose @context is one that package badge writes.
// Their terms are defined by those pinned contexts and each value is what
// it expands to, so the comparison reads the document without them; any
// other proof is expanded and compared.
//
// # Hostile input
//
// Everything a credential can make the verifier do is bounded by [Limits]:
// document size and depth, proofs per document, endorsements and nested
// credentials and their depth, status-list decompression, HTTP body size,
// redirects and time. JSON that parsers disagree on (duplicate keys,
// invalid UTF-8, lone surrogate escapes, trailing data) is refused before
// anything else looks at it. Verify never panics; a hostile input ends in a
// failed check.
package verify
