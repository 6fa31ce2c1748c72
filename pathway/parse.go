package pathway

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/microcred/microcred/badge"
	"github.com/microcred/microcred/internal/strictjson"
)

// Parse reads a definition in the JSON format (FormatV1) with the default
// Limits and validates it; [Limits.Parse] does the same within other limits. Decoding is strict: unknown fields, unknown rule
// kinds, trailing data and duplicate ids are errors. The error wraps
// ErrInvalid (and ErrLimit when a limit was exceeded); a *ValidationError
// lists every problem found. Warnings are not errors: call Lint for them.
func Parse(data []byte) (*Definition, error) {
	return Limits{}.Parse(data)
}

// Parse is [Parse] within the limits l (zero fields take their defaults).
func (l Limits) Parse(data []byte) (*Definition, error) {
	if err := l.check(); err != nil {
		return nil, err
	}
	lim := l.withDefaults()
	if len(data) > lim.MaxDocumentBytes {
		return nil, invalid("limit-bytes", "",
			fmt.Sprintf("document is %d bytes, limit is %d (Limits.MaxDocumentBytes)", len(data), lim.MaxDocumentBytes))
	}
	// One strict read (internal/strictjson) bounds the nesting before
	// anything recurses, refuses repeated and case-variant names, and
	// finds every member that names a field in the wrong case: the
	// encoding/json decode that follows would otherwise take "Kind" for
	// "kind" and, of two "min", the last.
	doc, err := strictjson.Decode(data, strictjson.Limits{MaxBytes: lim.MaxDocumentBytes, MaxDepth: 2*lim.MaxDepth + 8})
	if errors.Is(err, strictjson.ErrTooDeep) {
		return nil, invalid("limit-depth", jsonPointer(err),
			fmt.Sprintf("JSON nesting exceeds what a requirement tree of depth %d needs (Limits.MaxDepth)", lim.MaxDepth))
	}
	var def Definition
	if err == nil {
		err = strictjson.CheckFields(doc, &def)
	}
	if err != nil {
		return nil, invalid("json", jsonPointer(err), err.Error())
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&def); err != nil {
		return nil, invalid("json", "", describeJSONError(err))
	}
	if err := lim.Validate(&def); err != nil {
		return nil, err
	}
	return &def, nil
}

// Marshal writes a definition in the JSON format, indented for people.
func Marshal(def *Definition) ([]byte, error) {
	if def == nil {
		return nil, fmt.Errorf("%w: nil definition", ErrInput)
	}
	return json.MarshalIndent(def, "", "  ")
}

func describeJSONError(err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return fmt.Sprintf("JSON syntax error at byte %d: %v", se.Offset, se)
	case errors.As(err, &te):
		return fmt.Sprintf("field %q: expected %s, got JSON %s", te.Field, te.Type, te.Value)
	}
	return err.Error()
}

// invalid is the *ValidationError of one error finding.
func invalid(code, ptr, msg string) *ValidationError {
	return &ValidationError{Findings: badge.Findings{{Pointer: ptr, Severity: badge.SeverityError, Code: code, Message: msg}}}
}

// jsonPointer is the JSON Pointer a strictjson error carries, "" (the
// whole document) when it carries none.
func jsonPointer(err error) string {
	var se *strictjson.Error
	if errors.As(err, &se) {
		return se.Pointer
	}
	return ""
}
