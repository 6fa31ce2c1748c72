// Package rdfc implements RDF Dataset Canonicalization (RDFC-1.0,
// https://www.w3.org/TR/rdf-canon/) with a bounded amount of work, and the
// canonical N-Quads serialization it defines.
package rdfc
