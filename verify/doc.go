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
//		return report.Err() // errors.Is(err, verify.ErrRevoked), errors.As(err, &checkErr), ...
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
//	status          BitstringStatusList, StatusList2021 (lists as JSON or VC-JWT, signed by the issuer), 1EdTechRevocationList (network)
//	validity        validFrom / validUntil (issuanceDate / expirationDate of VC 1.1, with a warning)
//	endorsements    every embedded EndorsementCredential, verified recursively, depth capped
//	clr-nested      every credential inside a CLR, each with its own report
//	trust           the host's TrustPolicy
//
// Each [Check] has an outcome: pass; fail; warn (the host should show why:
// a VC 1.1 credential, a deprecated cryptosuite, a refresh that failed, or a
// check that needed the network while offline, which carries
// Detail["skipped"] = true); or skipped (not applicable, or moot after an
// earlier failure). The [Verdict] is failed if any check failed,
// verified_with_warnings if any warned, verified otherwise. Nested reports
// (endorsements, CLR credentials, presentation credentials) fail their
// parent's check when they fail.
//
// # Network
//
// The zero Config never touches the network. Checks that would need it are
// reported as warnings, never silently passed. With Config.HTTPClient set,
// every fetch goes through that client with the verifier's own policy:
// https only (Config.UnsafeAllowHTTP exists for tests), redirects only to
// the same host, responses capped at Limits.MaxFetchBytes, a deadline of
// Limits.FetchTimeout inside the caller's context, content types checked,
// and no loopback, private, link-local or otherwise non-public address
// unless Config.AllowPrivateAddresses is set. The address check runs when
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
// other keys fails, and no document (or no network) leaves a warning.
// Config.UnsafeTrustFragmentKeys restores the validator's behaviour of
// taking the fragment at its word. Likewise a VC-JWT whose only key is its
// own jwk header fails issuer-binding unless Config.UnsafeTrustEmbeddedJWK
// is set.
//
// A Data Integrity proof must name its key with a DID URL fragment: a bare
// DID dereferences to the DID document, not to a verification method
// (Controlled Identifiers 1.0 § 3.3), so "did:key:z6Mk..." without
// "#z6Mk..." fails the key check, as in the reference stack. The 1EdTech
// validator accepts it; Config.UnsafeAllowBareDIDKey does too, for did:key
// and did:jwk. A VC-JWT kid, being only a hint for finding the key (RFC 7515
// § 4.1.4), may be a bare did:key or did:jwk.
//
// Where this verifier and the 1EdTech validator disagree on its own
// fixtures (see fixtures_test.go, which runs with the Unsafe switches so
// the remaining differences show): the validator does not bind did:key (and
// other DID) keys to the issuer, so a credential signed by any did:key
// verifies there but fails issuer-binding here; and package credential does
// not implement ecdsa-sd-2023, so selectively disclosed credentials fail
// their proof check here.
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
// the expansion the context check made (no second expansion) and refuses
// any difference (and @reverse of a property it reads, or a second node
// object with the credential's id): the proof check fails with an error wrapping
// [ErrRespelled] and [ErrProof], naming the property and how it is spelled.
// Such a credential is failed under every policy, and pathway.FromReport
// refuses it. JSON-LD data the checks do not read (a description, the
// issuer's name or address, terms of an extension context) may be spelled
// any way JSON-LD allows.
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
