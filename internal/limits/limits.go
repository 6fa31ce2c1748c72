// Package limits holds the default caps on untrusted JSON documents that
// badge, credential and verify share, so that a credential one package
// accepts is not refused by the next for being too large or too deep.
package limits

const (
	// DefaultMaxDocumentBytes caps one credential or presentation document.
	// A real Open Badges credential is a few kilobytes and a CLR with many
	// embedded credentials a few hundred; a megabyte is beyond any honest
	// credential, and bounds the canonicalization and schema work a hostile
	// one can cause.
	DefaultMaxDocumentBytes = 1 << 20
	// DefaultMaxDepth caps the nesting of objects and arrays in one document.
	DefaultMaxDepth = 64
)
