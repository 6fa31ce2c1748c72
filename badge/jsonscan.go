package badge

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// The decoders below split objects and arrays into sub-slices of the
// input instead of decoding them into maps of copies: each level of a
// document is then scanned once, not once per enclosing level. They expect
// the well-formed JSON that encoding/json hands to UnmarshalJSON (it
// validates the whole input first) and Parse checks with Limits.Check; on
// anything else they return an error, never panic.

// member is one property of an object. Its name stays a sub-slice of the
// input (decoded only when escaped), so matching it against a field name
// allocates nothing; name makes a string when one must be kept.
type member struct {
	kb  []byte
	val []byte
}

func (m member) is(name string) bool { return string(m.kb) == name }

func (m member) name() string { return string(m.kb) }

func syntaxErr(msg string, i int) error {
	return fmt.Errorf("%w: %s at byte %d", ErrInvalidJSON, msg, i)
}

func skipSpace(data []byte, i int) int {
	for i < len(data) && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r') {
		i++
	}
	return i
}

// endOfString returns the index after the string starting at data[i]
// (a quote) and whether it contains escapes.
func endOfString(data []byte, i int) (int, bool, error) {
	escaped := false
	for j := i + 1; j < len(data); j++ {
		switch data[j] {
		case '\\':
			escaped = true
			j++
		case '"':
			return j + 1, escaped, nil
		}
	}
	return 0, false, syntaxErr("unterminated string", i)
}

// endOfValue returns the index after the value starting at data[i].
func endOfValue(data []byte, i int) (int, error) {
	if i >= len(data) {
		return 0, syntaxErr("missing value", i)
	}
	switch data[i] {
	case '"':
		end, _, err := endOfString(data, i)
		return end, err
	case '{', '[':
		depth := 0
		for j := i; j < len(data); j++ {
			switch data[j] {
			case '"':
				end, _, err := endOfString(data, j)
				if err != nil {
					return 0, err
				}
				j = end - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1, nil
				}
			}
		}
		return 0, syntaxErr("unterminated object or array", i)
	}
	j := i
	for j < len(data) {
		c := data[j]
		if c == ',' || c == '}' || c == ']' || c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			break
		}
		j++
	}
	if j == i {
		return 0, syntaxErr("missing value", i)
	}
	return j, nil
}

func unquote(raw []byte, escaped bool) (string, error) {
	if !escaped {
		return string(raw[1 : len(raw)-1]), nil
	}
	var s string
	err := json.Unmarshal(raw, &s)
	return s, err
}

// splitObject returns the members of the object data, refusing repeated
// names (so that json.Unmarshal into these types is as strict as Parse).
func splitObject(data []byte) ([]member, error) {
	i := skipSpace(data, 0)
	if i >= len(data) || data[i] != '{' {
		return nil, &TypeError{Want: "an object", Got: jsonKind(data[i:])}
	}
	var out []member
	i = skipSpace(data, i+1)
	if i < len(data) && data[i] == '}' {
		return out, nil
	}
	for {
		if i >= len(data) || data[i] != '"' {
			return nil, syntaxErr("want a property name", i)
		}
		end, escaped, err := endOfString(data, i)
		if err != nil {
			return nil, err
		}
		key := data[i+1 : end-1]
		if escaped {
			s, err := unquote(data[i:end], escaped)
			if err != nil {
				return nil, err
			}
			key = []byte(s)
		}
		for _, m := range out {
			if bytes.Equal(m.kb, key) {
				return nil, &PathError{Pointer: "/" + escapePointer(string(key)), Err: fmt.Errorf("%w %q", ErrDuplicateKey, key)}
			}
		}
		i = skipSpace(data, end)
		if i >= len(data) || data[i] != ':' {
			return nil, syntaxErr("want ':'", i)
		}
		i = skipSpace(data, i+1)
		vend, err := endOfValue(data, i)
		if err != nil {
			return nil, err
		}
		out = append(out, member{kb: key, val: data[i:vend]})
		i = skipSpace(data, vend)
		if i < len(data) && data[i] == ',' {
			i = skipSpace(data, i+1)
			continue
		}
		if i < len(data) && data[i] == '}' {
			return out, nil
		}
		return nil, syntaxErr("want ',' or '}'", i)
	}
}

// splitArray returns the elements of the array data.
func splitArray(data []byte) ([][]byte, error) {
	i := skipSpace(data, 0)
	if i >= len(data) || data[i] != '[' {
		return nil, &TypeError{Want: "an array", Got: jsonKind(data[i:])}
	}
	var out [][]byte
	i = skipSpace(data, i+1)
	if i < len(data) && data[i] == ']' {
		return out, nil
	}
	for {
		end, err := endOfValue(data, i)
		if err != nil {
			return nil, err
		}
		out = append(out, data[i:end])
		i = skipSpace(data, end)
		if i < len(data) && data[i] == ',' {
			i = skipSpace(data, i+1)
			continue
		}
		if i < len(data) && data[i] == ']' {
			return out, nil
		}
		return nil, syntaxErr("want ',' or ']'", i)
	}
}
