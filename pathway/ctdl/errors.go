package ctdl

import (
	"errors"
	"fmt"
)

// Sentinel errors. Every error returned by this package wraps one of them,
// so callers can branch with errors.Is. Errors about the size of the rule
// tree also wrap pathway.ErrLimit; a definition pathway.Validate rejects is
// wrapped in ErrUnusable with the *pathway.ValidationError inside.
var (
	// ErrSyntax: the input is not JSON (or not the CSV layout ImportCSV
	// reads). Nothing was imported.
	ErrSyntax = errors.New("ctdl: malformed input")
	// ErrNoPathway: the document holds no ceterms:Pathway (for example a
	// ProgressionModel or a credential description). Import the document
	// that describes the pathway itself.
	ErrNoPathway = errors.New("ctdl: no pathway in document")
	// ErrAmbiguous: the document holds several pathways; choose one with
	// Options.PathwayID.
	ErrAmbiguous = errors.New("ctdl: several pathways in document")
	// ErrUnusable: the pathway was found but cannot become a definition
	// (no destination component, conditions that refer to themselves, or
	// a definition that pathway.Validate rejects).
	ErrUnusable = errors.New("ctdl: pathway cannot be imported")
	// ErrLimit: the input exceeded a documented limit (see Options).
	// Raise the limit only for input you trust.
	ErrLimit = errors.New("ctdl: limit exceeded")
)

// A SourceError locates a problem in the source document.
type SourceError struct {
	// Where names the node (its @id) and property, as in Note.Where.
	Where string
	Err   error // the problem; wraps ErrUnusable or ErrLimit
}

func (e *SourceError) Error() string {
	if e.Where == "" {
		return e.Err.Error()
	}
	return fmt.Sprintf("%v (at %s)", e.Err, e.Where)
}

func (e *SourceError) Unwrap() error { return e.Err }
