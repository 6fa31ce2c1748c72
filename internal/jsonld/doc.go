// Package jsonld loads JSON-LD contexts offline and turns JSON-LD documents
// into RDF datasets in safe mode, so that nothing a signature does not cover
// can slip through.
package jsonld
