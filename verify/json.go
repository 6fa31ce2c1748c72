package verify

import (
	"errors"
	"fmt"

	"github.com/microcred/microcred/internal/strictjson"
)

// Every JSON document verify reads (credentials, presentations, fetched
// keys and DID documents, status lists, schemas) goes through the module's
// one strict reader, internal/strictjson. It refuses JSON that different
// parsers would read differently, or that would cost unbounded work:
// invalid UTF-8 and escaped lone surrogates (encoding/json silently
// replaces them), duplicate member names (encoding/json keeps the last,
// other parsers the first, so a signature could cover a value the verifier
// never sees), names that differ only in case (a case-insensitive reader
// sees one member where the checks see two), nesting beyond the depth limit
// and trailing data. Errors carry the JSON pointer of the problem.

// jsonLimits are the reader's limits for a document of n bytes under the
// verifier's depth limit. Sizes are the callers' to check (each has its own
// limit and message), so the reader's byte cap is the document itself.
func jsonLimits(n, maxDepth int) strictjson.Limits {
	return strictjson.Limits{MaxBytes: max(n, 1), MaxDepth: maxDepth}
}

// jsonError maps the reader's limit error to ErrLimit; the others stay as
// they are (errors.Is still finds the strictjson class).
func jsonError(err error) error {
	if errors.Is(err, strictjson.ErrTooDeep) {
		return fmt.Errorf("%w: %w", ErrLimit, err)
	}
	return err
}

// checkJSON checks raw without decoding it, for a caller that hands the
// bytes to another parser next (a schema compiler, the status package).
func checkJSON(raw []byte, maxDepth int) error {
	return jsonError(strictjson.Check(raw, jsonLimits(len(raw), maxDepth)))
}

// readDocument checks and decodes a credential or presentation in one
// pass; the result holds json.Number for numbers. shape is the reader's
// Shape of it (strictjson.DecodeFiniteShape): the reader range-checks the
// numbers as it reads, as credential's own read does, so the proof check
// and the expansion, which take this tree as read, need not walk it again
// to learn what the reader saw. A document with a number no double holds
// is still read (the JSON is valid; the proof check refuses it later, and
// the other checks run as before), by Decode, with the zero Shape, which
// vouches for nothing: only such a document pays for a second read.
func readDocument(raw []byte, maxDepth int) (doc map[string]any, shape strictjson.Shape, err error) {
	lim := jsonLimits(len(raw), maxDepth)
	v, shape, err := strictjson.DecodeFiniteShape(raw, lim, false)
	if errors.Is(err, strictjson.ErrNumberRange) {
		// Every other fault is reported before this one, so raw is
		// otherwise well-formed.
		shape = strictjson.Shape{}
		v, err = strictjson.Decode(raw, lim)
	}
	if err != nil {
		return nil, strictjson.Shape{}, jsonError(err)
	}
	doc, ok := v.(map[string]any)
	if !ok {
		return nil, strictjson.Shape{}, errNotObject
	}
	return doc, shape, nil
}

var errNotObject = errors.New("top level is not a JSON object")

// strictUnmarshal decodes raw into v with the reader's checks, matching
// member names to struct fields case-sensitively.
func strictUnmarshal(raw []byte, v any, maxDepth int) error {
	return jsonError(strictjson.Unmarshal(raw, v, jsonLimits(len(raw), maxDepth)))
}
