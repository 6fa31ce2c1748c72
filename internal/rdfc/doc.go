// Package rdfc implements RDF Dataset Canonicalization (RDFC-1.0,
// https://www.w3.org/TR/rdf-canon/) with a bounded amount of work, and the
// canonical N-Quads serialization it defines.
//
// Canonicalize gives every blank node of a Dataset a label that depends
// only on the dataset's content (c14n0, c14n1, ...), then serializes the
// quads as canonical N-Quads, sorted and without duplicates. The bytes are
// what Data Integrity suites such as eddsa-rdfc-2022 and ecdsa-rdfc-2019
// hash and sign. CanonicalBytes gives only those bytes and reuses its
// working memory across calls, for callers that canonicalize one proof
// after another. ParseNQuads reads N-Quads (RDF 1.1) from untrusted input.
//
// # Conformance
//
// The package passes the whole W3C RDFC-1.0 test suite (evaluation, issued
// identifier map and the negative "poison graph" test, with SHA-256 and
// SHA-384), run from its manifest in testdata/. It also passes the older
// URDNA2015 suite except test060, where RDFC-1.0 deliberately changed the
// escaping: literals now use \b \t \n \f \r \" \\ and upper-case \u00XX for
// the other control characters and U+007F. json-gold's normalizer still
// writes URDNA2015's escaping, so it signs different bytes for such
// literals than the reference JavaScript stack does. An opt-in test
// (TestReferenceDifferential) also compares output and issued identifier
// maps with rdf-canonize, the reference stack's implementation, on
// thousands of random datasets.
//
// Canonicalize refuses terms that have no canonical N-Quads form
// (ErrInvalidDataset): an IRI or label that could close its term early
// would let two different datasets serialize, and so sign, alike. A
// caller that has checked every IRI itself with a check at least as strict
// (internal/jsonld's straight path) may say so with Options.IRIsChecked;
// the other terms are still checked.
//
// # Limits
//
// Canonicalization is linear in the dataset for blank nodes that their
// direct neighbourhood tells apart, which covers credentials. Blank nodes
// that look alike need the Hash N-Degree Quads algorithm, whose cost grows
// factorially with their number; a hostile dataset can ask for years of
// work. Options.MaxWork (DefaultMaxWork) stops such input with ErrWorkLimit
// within milliseconds; Options.MaxBlankNodes and ParseLimits bound the
// rest. Each limit has a safe default in the zero value.
package rdfc
