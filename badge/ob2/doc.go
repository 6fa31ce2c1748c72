// Package ob2 imports Open Badges 2.0 assertions: [Convert] turns an
// Assertion (JSON), with its BadgeClass and issuer Profile, into an unsigned
// Open Badges 3.0 [badge.AchievementCredential] that an issuer (or a CLR
// publisher) can sign and issue again, as the Open Badges 3.0
// implementation guide's "Migrating from OB 2.0" section describes;
// [FromBaked] does the same for an assertion baked into an image. The
// Open Badges 2.0 documents themselves are read only on the way: the
// package keeps no second data model for hosts to learn.
//
// Open Badges 2.0 documents are JSON-LD linked by IRI: an assertion may embed
// its BadgeClass and issuer or only name them. This package does no I/O.
// Embedded objects are used as they are; IRIs are looked up through a
// [Resolver] the caller supplies, such as [Documents] (a map of documents
// the caller already has) or a [ResolverFunc] wrapping the host's own HTTP
// client. Signed (JWS) assertions are refused with [ErrSigned]: verify the
// signature first and pass the payload. Revoked assertions are refused with
// [ErrRevoked]. The converted credential is checked with
// badge.CheckDataModel before it is returned.
//
// # Mapping
//
// Open Badges 2.0 (left) becomes Open Badges 3.0 (right):
//
//	Assertion                    AchievementCredential, type [VerifiableCredential, OpenBadgeCredential],
//	                             @context [VC 2.0, OB 3.0.3]
//	Assertion.id                 a new id: Options.CredentialID or a random urn:uuid; the 2.0 id becomes
//	                             an Evidence entry typed [Evidence, https://w3id.org/openbadges#Assertion]
//	                             (the guide's link back to the original)
//	Assertion.recipient          credentialSubject.identifier[0] (IdentityObject):
//	  .type email | url | tel…     identityType emailAddress | ext:url | ext:telephone (other terms: ext:term)
//	  .hashed, .identity, .salt    hashed, identityHash ("sha256$…"/"md5$…" unchanged), salt;
//	                               an unhashed e-mail is hashed with a fresh salt unless UnsafePlaintextEmail
//	(none)                       credentialSubject.id = Options.SubjectID, when the host knows the learner's DID
//	Assertion.issuedOn           validFrom (UTC; Unix timestamps and zone-less dates read as UTC)
//	Assertion.expires            validUntil
//	Assertion.narrative          credentialSubject.narrative
//	Assertion.image              credentialSubject.image (the baked image of this award)
//	Assertion.evidence           evidence[] (id, narrative, name, description, genre, audience)
//	Assertion.verification       not carried: hosted/signed verification is replaced by the new
//	                             credential's own proof, added when it is signed
//	Assertion.revoked            refused (ErrRevoked)
//	BadgeClass                   credentialSubject.achievement, type [Achievement]
//	BadgeClass.id                achievement.id = Options.AchievementID or the name-based urn:uuid (v5) of
//	                             the BadgeClass id; the 2.0 id is kept as related[0], type
//	                             [Related, https://w3id.org/openbadges#BadgeClass], version "Open Badges v2p0"
//	BadgeClass.name              achievement.name, and the credential's name
//	BadgeClass.description       achievement.description
//	BadgeClass.criteria          achievement.criteria (id and/or narrative)
//	BadgeClass.image             achievement.image (Image: id, caption)
//	BadgeClass.alignment         achievement.alignment[] (targetName, targetUrl, targetDescription,
//	                             targetFramework, targetCode)
//	BadgeClass.tags              achievement.tag
//	BadgeClass.issuer            issuer, and achievement.creator
//	Profile.id                   issuer.id = Options.IssuerID (e.g. a did:web) or the 2.0 id; a replaced 2.0
//	                             id is kept in issuer.otherIdentifier (identifierType "identifier")
//	Profile.name, url, email     issuer.name, url, email
//	Profile.telephone            issuer.phone
//	Profile.description, image   issuer.description, image
//
// Not carried over: Open Badges 2.0 endorsements, extensions, BadgeClass
// and Profile related/publicKey/verification/revocationList, and language
// maps; the original assertion remains reachable through its evidence link.
package ob2
