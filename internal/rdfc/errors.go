package rdfc

import (
	"errors"
	"strconv"
)

var (
	// ErrSyntax is wrapped by every N-Quads syntax error (see SyntaxError).
	ErrSyntax = errors.New("rdfc: invalid N-Quads")

	// ErrLimit reports input larger than a configured limit (bytes, quads or
	// blank nodes). Raise the limit only for input you trust.
	ErrLimit = errors.New("rdfc: input exceeds a configured limit")

	// ErrWorkLimit reports that canonicalization needed more work than
	// Options.MaxWork allows. Datasets built to be expensive to canonicalize
	// (many indistinguishable blank nodes) end here; honest credentials do not.
	ErrWorkLimit = errors.New("rdfc: canonicalization work limit exceeded")

	// ErrInvalidDataset reports a quad that is not valid RDF (for example a
	// literal subject or an empty term) and so has no canonical form.
	ErrInvalidDataset = errors.New("rdfc: invalid dataset")

	// ErrUnsupportedHash reports an Options.Hash other than SHA-256, SHA-384
	// or SHA-512.
	ErrUnsupportedHash = errors.New("rdfc: unsupported hash algorithm")
)

// SyntaxError locates an error in N-Quads input. It matches ErrSyntax with
// errors.Is.
type SyntaxError struct {
	Line   int // 1-based line number
	Column int // 1-based column, counted in Unicode code points
	Msg    string
}

func (e *SyntaxError) Error() string {
	return "rdfc: invalid N-Quads at line " + strconv.Itoa(e.Line) + ", column " + strconv.Itoa(e.Column) + ": " + e.Msg
}

// Unwrap lets errors.Is(err, ErrSyntax) match.
func (e *SyntaxError) Unwrap() error { return ErrSyntax }
