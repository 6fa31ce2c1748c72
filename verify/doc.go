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
// Where this verifier and the 1EdTech validator disagree on its own
// fixtures (see fixtures_test.go, which runs with the Unsafe switches so
// the remaining differences show): the validator does not bind did:key (and
// other DID) keys to the issuer, so a credential signed by any did:key
// verifies there but fails here (the key check, when the verificationMethod
// is a bare did:key that is not the issuer; issuer-binding otherwise); and package credential does
// not implement ecdsa-sd-2023, so selectively disclosed credentials fail
// their proof check here.
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
