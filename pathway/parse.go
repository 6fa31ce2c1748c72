package pathway

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// Parse reads a definition in the JSON format (FormatV1) with the default
// Limits and validates it. Decoding is strict: unknown fields, unknown rule
// kinds, trailing data and duplicate ids are errors. The error wraps
// ErrInvalid (and ErrLimit when a limit was exceeded); a *ValidationError
// lists every problem found. Warnings are not errors: call Lint for them.
func Parse(data []byte) (*Definition, error) {
	return ParseWith(data, Limits{})
}

// ParseWith is Parse with explicit limits.
func ParseWith(data []byte, lim Limits) (*Definition, error) {
	lim = lim.withDefaults()
	if len(data) > lim.MaxBytes {
		return nil, &ValidationError{Findings: []Finding{{Error, "limit-bytes", "$",
			fmt.Sprintf("document is %d bytes, limit is %d (Limits.MaxBytes)", len(data), lim.MaxBytes)}}}
	}
	// Reject deep nesting before decoding, so the decoder's recursion
	// is bounded by our limit and not by its own.
	if d := jsonDepth(data); d > 2*lim.MaxDepth+8 {
		return nil, &ValidationError{Findings: []Finding{{Error, "limit-depth", "$",
			fmt.Sprintf("JSON nesting depth %d exceeds what a requirement tree of depth %d needs (Limits.MaxDepth)", d, lim.MaxDepth)}}}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var def Definition
	if err := dec.Decode(&def); err != nil {
		return nil, &ValidationError{Findings: []Finding{{Error, "json", "$", describeJSONError(err)}}}
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, &ValidationError{Findings: []Finding{{Error, "json", "$", "trailing data after the definition object"}}}
	}
	if err := ValidateWith(&def, lim); err != nil {
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

// jsonDepth returns the maximum nesting of arrays and objects in data. It does
// not validate; the decoder does that.
func jsonDepth(data []byte) int {
	depth, maxDepth, inString, escaped := 0, 0, false, false
	for _, c := range data {
		if inString {
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
			continue
		}
		switch c {
		case '"':
			inString = true
		case '[', '{':
			depth++
			maxDepth = max(maxDepth, depth)
		case ']', '}':
			depth--
		}
	}
	return maxDepth
}
