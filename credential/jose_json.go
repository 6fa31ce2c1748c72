package credential

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
)

// rawMember is one top-level member of a JSON object, kept as the exact
// bytes of its key and value.
type rawMember struct {
	name     string
	rawKey   []byte
	rawValue json.RawMessage
}

// splitObject returns the top-level members of a JSON object without
// re-encoding anything, so that what is returned is byte for byte what was
// signed. Duplicate member names are refused: JSON parsers disagree on
// which one wins, and a verifier must not read a different value than the
// one a later consumer reads.
func splitObject(b []byte) ([]rawMember, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, fmt.Errorf("not a JSON object")
	}
	var members []rawMember
	seen := map[string]bool{}
	for dec.More() {
		start := dec.InputOffset()
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		name, _ := tok.(string)
		keyEnd := dec.InputOffset()
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, err
		}
		if seen[name] {
			return nil, fmt.Errorf("duplicate member %q", name)
		}
		seen[name] = true
		members = append(members, rawMember{
			name:     name,
			rawKey:   bytes.TrimLeft(b[start:keyEnd], " \t\r\n,"),
			rawValue: v,
		})
	}
	if _, err := dec.Token(); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err == nil {
		return nil, fmt.Errorf("data after the JSON object")
	}
	return members, nil
}

// joinObject writes members back as a compact object. Values keep their
// original bytes.
func joinObject(members []rawMember) []byte {
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, m := range members {
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.Write(m.rawKey)
		buf.WriteByte(':')
		buf.Write(m.rawValue)
	}
	buf.WriteByte('}')
	return buf.Bytes()
}

// withoutMembers returns the members whose names are not in drop.
func withoutMembers(members []rawMember, drop ...string) []rawMember {
	return slices.DeleteFunc(slices.Clone(members), func(m rawMember) bool {
		return slices.Contains(drop, m.name)
	})
}

func member(members []rawMember, name string) (json.RawMessage, bool) {
	for _, m := range members {
		if m.name == name {
			return m.rawValue, true
		}
	}
	return nil, false
}
