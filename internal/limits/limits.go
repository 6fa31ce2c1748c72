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

// Field names one limit of a configuration, for Negative.
type Field struct {
	Name  string
	Value int
}

// Negative returns the first field with a negative value, if any. Every
// package reads its limits the same way: zero means the documented default,
// and a negative value is refused, since no cap on untrusted input is safe
// to switch off. The caller wraps the refusal in its own error class.
func Negative(fields ...Field) (Field, bool) {
	for _, f := range fields {
		if f.Value < 0 {
			return f, true
		}
	}
	return Field{}, false
}
