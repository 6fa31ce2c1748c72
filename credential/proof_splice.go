package credential

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// Signing adds a proof (and sometimes a context) to a document by editing
// its JSON text rather than re-marshalling it: the rest of the issuer's
// bytes, member order and formatting included, come out exactly as they went
// in.

// diMemberSpan locates the value of a top-level member in a JSON object text:
// raw[start:end]. ok is false when the member is absent; closing is the
// offset of the object's final '}' and empty tells whether it has members.
func diMemberSpan(raw []byte, key string) (start, end, closing int, empty, ok bool, err error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	tok, err := dec.Token()
	if err != nil || tok != json.Delim('{') {
		return 0, 0, 0, false, false, fmt.Errorf("%w: not a JSON object", errMalformedDocument)
	}
	empty = true
	for dec.More() {
		empty = false
		tok, err := dec.Token()
		if err != nil {
			return 0, 0, 0, false, false, fmt.Errorf("%w: %w", errMalformedDocument, err)
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return 0, 0, 0, false, false, fmt.Errorf("%w: %w", errMalformedDocument, err)
		}
		if k, _ := tok.(string); k == key {
			end = int(dec.InputOffset())
			start, ok = end-len(v), true
		}
	}
	if _, err := dec.Token(); err != nil {
		return 0, 0, 0, false, false, fmt.Errorf("%w: %w", errMalformedDocument, err)
	}
	closing = int(dec.InputOffset()) - 1
	return start, end, closing, empty, ok, nil
}

// diSetMember returns raw with the top-level member key set to the JSON text value.
func diSetMember(raw []byte, key string, value []byte) ([]byte, error) {
	start, end, closing, empty, ok, err := diMemberSpan(raw, key)
	if err != nil {
		return nil, err
	}
	var out []byte
	if ok {
		out = append(out, raw[:start]...)
		out = append(out, value...)
		return append(out, raw[end:]...), nil
	}
	name, err := diMarshal(key)
	if err != nil {
		return nil, err
	}
	// Insert right after the last member, so whitespace before the closing
	// brace stays where the issuer put it.
	at := len(bytes.TrimRight(raw[:closing], " \t\r\n"))
	out = append(out, raw[:at]...)
	if !empty {
		out = append(out, ',')
	}
	out = append(out, name...)
	out = append(out, ':')
	out = append(out, value...)
	return append(out, raw[at:]...), nil
}

// diMemberValue returns the raw text of a top-level member, or nil.
func diMemberValue(raw []byte, key string) ([]byte, error) {
	start, end, _, _, ok, err := diMemberSpan(raw, key)
	if err != nil || !ok {
		return nil, err
	}
	return raw[start:end], nil
}

// diAppendProof adds proof to raw's proof set: a first proof becomes the
// proof member, a second turns it into an array (vc-data-integrity §2.1.1).
func diAppendProof(raw, proof []byte) ([]byte, error) {
	old, err := diMemberValue(raw, "proof")
	if err != nil {
		return nil, err
	}
	if old == nil {
		return diSetMember(raw, "proof", proof)
	}
	var elems []json.RawMessage
	switch old[0] {
	case '{':
		elems = []json.RawMessage{old}
	case '[':
		if err := json.Unmarshal(old, &elems); err != nil {
			return nil, fmt.Errorf("%w: %w", errMalformedProof, err)
		}
	default:
		return nil, fmt.Errorf("%w: proof is neither an object nor an array", errMalformedProof)
	}
	set := []byte{'['}
	for _, e := range elems {
		set = append(set, e...)
		set = append(set, ',')
	}
	set = append(set, proof...)
	set = append(set, ']')
	return diSetMember(raw, "proof", set)
}
