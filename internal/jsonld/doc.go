// Package jsonld loads JSON-LD contexts offline and turns JSON-LD documents
// into RDF datasets in safe mode, so that nothing a signature does not cover
// can slip through.
//
// # Contexts
//
// Every context a credential is expected to use is embedded byte for byte
// (see EmbeddedContexts) and pinned by SHA-256 in the tests. A Loader serves
// them, plus any context the host adds with AddContext, and fetches others
// only when the host opts in with LoaderOptions.Remote (an injected
// *http.Client, an allowlist, a size cap, a bounded cache). An unknown URL is
// an error (ErrUnknownContext) that names it. json-gold's own document
// loaders are never used: its default loader opens local files.
//
// # Safe mode
//
// JSON-LD silently drops what it cannot map to RDF: undefined terms, relative
// IRIs, null values, @index, and so on. A signature over the canonical form
// would then not cover that data, and anyone could change it. Expand, ToRDF
// and Canonicalize make each such case an error (ErrUndefinedTerm,
// ErrUnsafeDocument) that names the term or the place. Nulls inside a JSON
// literal (a term typed @json) are data, not dropped: the literal is kept
// whole and signed in its RFC 8785 form, so they are accepted; any other
// null is refused.
//
// # Expansion
//
// Expansion is our own implementation of JSON-LD 1.1's algorithm for the
// features credentials and presentations use (@protected, @vocab, default
// languages, null contexts, keyword aliases, typed, language and JSON terms,
// @set, @list and @graph containers, property- and type-scoped contexts).
// Processed contexts are immutable and memoized per Loader, so a warm Loader
// expands an Open Badges credential without processing any context. A
// document using other features (@language maps, @reverse, @included, @nest,
// @import...) goes through json-gold's expansion instead, with the same
// safety checks, if it is small (MaxFallbackValues): json-gold processes
// contexts again for every node, and it is refused where json-gold is known
// to be wrong (a @graph-container term with a null scoped context). Goldens
// from jsonld.js pin both paths, and fuzz targets compare them.
//
// An Expanded (ExpandDocument) keeps a decoded document with its
// expansion, so a caller that expanded a credential already can pass it
// through the context (WithExpanded) to a canonicalization of the same
// document further down (package credential's proof check): Expanded's
// Canonicalize reuses it only for a document equal value for value under
// the same Loader and Limits, and otherwise canonicalizes from scratch.
// ExpandDocument reads its document in place, as Canonicalize does, since
// the caller may not modify it afterwards anyway.
//
// # Canonical form
//
// ToRDF follows JSON-LD 1.1's Deserialize JSON-LD to RDF and writes literals
// exactly as jsonld.js does (canonical xsd:double such as 7.5E-1, rdf:JSON by
// RFC 8785). A value with a base direction (VC 2.0 §11.1) is converted as
// with rdfDirection "i18n-datatype", which is what the Digital Bazaar eddsa
// and ecdsa cryptosuites pass to jsonld.js: "x"@ar with direction rtl becomes
// "x"^^<https://www.w3.org/ns/i18n#ar_rtl> (language lower-cased, empty when
// absent). A default @direction set by a context is refused, because
// jsonld.js ignores it where JSON-LD 1.1 (and json-gold) applies it.
// Canonicalize applies RDFC-1.0 (package internal/rdfc) with SHA-256 or
// SHA-384. Canonicalize turns a document straight into statements, by the
// same context processing and IRI expansion steps as expansion, in the
// same order, without building the expanded tree, when it stays within
// what credentials use: node objects with @id, @type and properties;
// strings, numbers, booleans, value objects, nested nodes and arrays of
// them; terms typed @id, @vocab, @json or with a datatype, with or without
// a language; @set, @list and @graph containers; blank node identifiers.
// Anything else (@graph or @list written out, @reverse, @included,
// @nest...), and every error, takes the general path, which decides and
// reports exactly as Expand and ToRDF do; the fuzz targets check that the
// paths agree.
//
// # Limits
//
// Documents are untrusted. Limits caps their size, nesting, number of values
// and quads, and how many contexts one document may pull in; the defaults
// are far above any real credential.
package jsonld
