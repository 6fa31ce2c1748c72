// Package badge is the Open Badges 3.0 and Comprehensive Learner Record
// (CLR) 2.0 data model: what a credential says, as Go types, with the
// rules that make it conformant.
//
// It does no I/O and no cryptography. Package credential signs and opens
// what this package builds; package verify decides whether to believe it.
//
// # Types
//
// Every class of the 1EdTech data model has a struct: [AchievementCredential]
// (also called OpenBadgeCredential), [EndorsementCredential] and
// [ClrCredential], which embed the common [VerifiableCredential] properties;
// and [Achievement], [AchievementSubject], [Profile], [Result], [ResultDescription],
// [RubricCriterionLevel], [Evidence], [Alignment], [Criteria], [Image],
// [IdentityObject], [IdentifierEntry], [Address], [GeoCoordinates],
// [EndorsementSubject], [Related], [CredentialStatus], [RefreshService],
// [CredentialSchema], [TermsOfUse], [Proof], [ClrSubject] and [Association].
// Vocabularies are typed strings whose Valid method applies the data
// model's rule: [AchievementType], [ResultType], [AlignmentTargetType] and
// [IdentifierType] accept their listed terms and "ext:" extension terms;
// [ResultStatusType] and [AssociationType] are closed.
//
// Fields follow the JSON property names (TargetURL is "targetUrl") and mean
// what the specification says of them; a field's comment adds only what the
// name cannot say, such as "required" where the data model requires the
// property (Validate checks it, the decoder does not).
// Optional objects are pointers, multi-valued properties are slices, and
// dates are [DateTime], which keeps the text as written (use its Time method).
//
// # JSON
//
// [Parse] reads a credential and returns an *AchievementCredential,
// *EndorsementCredential or *ClrCredential according to its type. Parsing
// checks no proof and loads nothing; the credential keeps the exact bytes it
// was read from (Raw), and proofs must be checked over those bytes, never
// over a re-marshalled struct.
//
// The structs are faithful views. A property without a field (an
// extension) is kept in the object's [Extra] map and written back. JSON-LD
// compaction may write a one-element array as a single value ("type":
// "Image", a single "proof" object), an issuer as a bare URI, an image as a
// bare URL; each object remembers the spelling it was read with and
// marshals back to it, so Marshal(Parse(x)) is x as JSON (the round trip is
// tested on every example of the specification and every validator
// fixture). Built values marshal in the canonical plain-JSON form: arrays
// for multi-valued properties, objects for classes, empty values omitted.
// Output is deterministic: properties in declaration order (proof and the
// other VC properties last), then extension properties sorted by name.
//
// Input is untrusted. Parse refuses, with an error that says where: more
// than Limits.MaxDocumentBytes (default 1 MiB, as in packages credential and verify) or nesting deeper than
// Limits.MaxDepth (default 64) — checked before any recursive decoding —,
// invalid UTF-8 (including escaped lone UTF-16 surrogates such as \ud800,
// which encoding/json would quietly turn into U+FFFD), a property name
// repeated in one object (decoders disagree on which copy wins, and a
// signature covers both), two names in one object that differ only in case
// ("validUntil" and "ValidUntil", outside @context: a case-insensitive
// reader would see one property where JSON-LD sees two; reported as
// ErrDuplicateKey), values of the wrong JSON type, and two subjects where
// the model allows one. Errors match [ErrInvalidJSON], [ErrInvalidUTF8],
// [ErrDuplicateKey], [ErrTooLarge], [ErrTooDeep], [ErrWrongType] or
// [ErrNotCredential] with errors.Is, and [*PathError] gives the JSON Pointer.
// Property names are matched to fields exactly: a lone "ValidUntil" is an
// extension property (in Extra), not validUntil. Decoding the types with
// json.Unmarshal also refuses repeated and case-variant names and wrong
// types; the size, depth and surrogate checks are Parse's (and
// [Limits.Check]'s).
//
// # Building
//
// [NewAchievementCredential], [NewEndorsementCredential] and [NewClrCredential]
// make unsigned credentials that are valid by construction: the @context
// list in its required order (VC 2.0, then Open Badges 3.0.3; for CLR: VC
// 2.0, CLR 2.0.1, Open Badges 3.0.3), with the 1EdTech extensions context
// added when 1EdTechRevocationList, 1EdTechCredentialRefresh or
// 1EdTechJsonSchemaValidator2019 are used; every fixed type value; a random
// urn:uuid id ([NewUUID], from crypto/rand) and validFrom. [Options] injects the
// clock and the id source for reproducible output; its Status takes
// [BitstringStatus] or [RevocationList] entries, its Schemas the official
// schema ids ([SchemaAchievementCredential], ...). Inputs that cannot make
// a valid credential (no issuer id, no recipient, an achievement without
// name) give an *InvalidError listing what is missing; the arguments are
// never modified.
//
// Recipients identified by e-mail are hashed: [HashedEmail] returns the
// IdentityObject with identityHash "sha256$" + hex(SHA-256(address+salt)),
// hashed true and the salt (use [NewSalt] for a random one). The address is
// lower-cased and trimmed first. [IdentityObject.Matches]
// checks a known value against an identifier as the verification steps
// describe: md5 or sha256, hex digits in either case, e-mail addresses
// without regard to case.
//
// [SameCredential] and [Supersedes] implement the specification's credential
// equality and comparison: same issuer id and id (percent-decoded,
// trimmed), and the later validFrom is the up-to-date one.
//
// # Validation
//
// A [Validator] checks a document against the data model ([CheckDataModel]:
// required properties, type values, @context order, RFC 3339 dates with a
// time zone, vocabularies, identity hashes, references between results,
// result descriptions and rubric levels, CLR associations) and against the
// official 1EdTech JSON Schemas, which are embedded (the "JSON-LD
// adaptation" variants, which accept compacted forms; see
// schemas/SOURCES.md) and compiled once per Validator with
// github.com/santhosh-tekuri/jsonschema/v6. Nothing is fetched.
//
// Validate returns [Findings]: each has a JSON Pointer, a [Severity] (error or
// warning), a stable Code and a message. Data-model codes name the rule,
// e.g. "context.first", "type.missing-class", "issuer.missing",
// "subject.no-recipient", "achievement.name", "identifier.identityHash",
// "date.format", "context.extensions-missing", "vc1.name" (a VC 1.1
// AchievementCredential must have a name); schema findings are
// "schema.<keyword>" ("schema.required", "schema.enum", ...). Warnings:
// "vc1.context", "vc1.issuanceDate", "vc1.expirationDate" for VC Data Model
// 1.1 credentials, which are accepted (displayers must still show them) and
// schema-checked in their VC 2.0 reading; "context.outdated" for an older
// Open Badges or CLR context version; "result.achievedLevel",
// "result.unknown-description" and "association.unknown-achievement" for
// references that point nowhere.
//
// Validation does not check proofs, keys, revocation or expiry against a
// clock: those are package verify's.
//
// # Awarding
//
// An [Awarder] decides, for an Achievement whose ResultDescriptions set
// requiredValue or requiredLevel, whether a [Candidate]'s results meet every
// requirement, and builds the credential (with the candidate's results and
// evidence) when they do. Letter grades and other allowedValue lists are
// compared by their declared low-to-high order, rubric levels by the
// rubricCriterionLevel order, scores as numbers within valueMin..valueMax.
// A refusal lists one [Shortfall] per unmet requirement, saying which result
// falls short of what. AwardCohort streams a cohort of any size from an
// iter.Seq, one [Outcome] per candidate.
//
// # The REST API
//
// Package badge/api serves the Open Badges 3.0 and CLR 2.0 REST APIs with
// their OAuth 2.0 authorization server, on a store from badge/api/store;
// package badge/api/client is the other side.
package badge
