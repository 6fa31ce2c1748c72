package credential

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/microcred/microcred/internal/multibase"
)

// Signing adds a proof (and sometimes a context) to a document by editing
// its JSON text rather than re-marshalling it: the rest of the issuer's
// bytes, member order and formatting included, come out exactly as they went
// in.
//
// The splicing runs on every signature, so it scans the text itself rather
// than tokenizing it with encoding/json, which copied every member value and
// cost a third of AddProof. The text has already been read strictly
// (diParseTransient) by the time it is spliced; the scanner still refuses
// anything it cannot follow rather than trusting that.

// diMemberSpan locates the value of a top-level member in a JSON object text:
// raw[start:end]. ok is false when the member is absent; closing is the
// offset of the object's final '}' and empty tells whether it has members.
// If the member appears more than once the last one is reported, as a JSON
// decoder would keep it.
func diMemberSpan(raw []byte, key string) (start, end, closing int, empty, ok bool, err error) {
	malformed := func(what string, at int) error {
		return fmt.Errorf("%w: %s at offset %d", errMalformedDocument, what, at)
	}
	i := diSkipSpace(raw, 0)
	if i >= len(raw) || raw[i] != '{' {
		return 0, 0, 0, false, false, fmt.Errorf("%w: not a JSON object", errMalformedDocument)
	}
	i = diSkipSpace(raw, i+1)
	empty = true
	for {
		if i >= len(raw) {
			return 0, 0, 0, false, false, malformed("unterminated object", i)
		}
		if raw[i] == '}' && empty {
			break
		}
		empty = false
		if raw[i] != '"' {
			return 0, 0, 0, false, false, malformed("member name expected", i)
		}
		kend, escaped := diSkipString(raw, i)
		if kend < 0 {
			return 0, 0, 0, false, false, malformed("unterminated member name", i)
		}
		match := diKeyEquals(raw[i:kend], escaped, key)
		i = diSkipSpace(raw, kend)
		if i >= len(raw) || raw[i] != ':' {
			return 0, 0, 0, false, false, malformed("':' expected", i)
		}
		i = diSkipSpace(raw, i+1)
		vstart := i
		vend := diSkipValue(raw, i)
		if vend < 0 || vend == vstart {
			return 0, 0, 0, false, false, malformed("value expected", i)
		}
		if match {
			start, end, ok = vstart, vend, true
		}
		i = diSkipSpace(raw, vend)
		if i < len(raw) && raw[i] == ',' {
			i = diSkipSpace(raw, i+1)
			if i < len(raw) && raw[i] == '}' {
				return 0, 0, 0, false, false, malformed("trailing comma", i)
			}
			continue
		}
		if i >= len(raw) || raw[i] != '}' {
			return 0, 0, 0, false, false, malformed("',' or '}' expected", i)
		}
		break
	}
	closing = i
	if diSkipSpace(raw, closing+1) != len(raw) {
		return 0, 0, 0, false, false, malformed("data after the object", closing+1)
	}
	return start, end, closing, empty, ok, nil
}

func diSkipSpace(raw []byte, i int) int {
	for i < len(raw) {
		switch raw[i] {
		case ' ', '\t', '\r', '\n':
			i++
		default:
			return i
		}
	}
	return i
}

// diSkipString returns the offset just past the string starting at raw[i]
// (a '"'), and whether it holds escapes; -1 if it does not end.
func diSkipString(raw []byte, i int) (int, bool) {
	escaped := false
	for j := i + 1; j < len(raw); j++ {
		switch raw[j] {
		case '\\':
			escaped = true
			j++
		case '"':
			return j + 1, escaped
		}
	}
	return -1, escaped
}

// diKeyEquals compares a member name as written (quotes included) with key;
// a name written with escapes is decoded first, so "pro\u006Ff" is proof.
func diKeyEquals(quoted []byte, escaped bool, key string) bool {
	if !escaped {
		return string(quoted[1:len(quoted)-1]) == key
	}
	var s string
	return json.Unmarshal(quoted, &s) == nil && s == key
}

// diSkipValue returns the offset just past the JSON value starting at
// raw[i], or -1 when it does not end. Containers are skipped by counting
// brackets outside strings; their contents were validated when the document
// was decoded.
func diSkipValue(raw []byte, i int) int {
	if i >= len(raw) {
		return -1
	}
	switch raw[i] {
	case '"':
		end, _ := diSkipString(raw, i)
		return end
	case '{', '[':
		depth := 0
		for j := i; j < len(raw); j++ {
			switch raw[j] {
			case '"':
				end, _ := diSkipString(raw, j)
				if end < 0 {
					return -1
				}
				j = end - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1
				}
			}
		}
		return -1
	}
	// a number or a literal runs to the next delimiter
	j := i
	for j < len(raw) {
		switch raw[j] {
		case ',', '}', ']', ' ', '\t', '\r', '\n':
			return j
		}
		j++
	}
	return j
}

// diSetMember returns raw with the top-level member key set to the JSON text value.
func diSetMember(raw []byte, key string, value []byte) ([]byte, error) {
	start, end, closing, empty, ok, err := diMemberSpan(raw, key)
	if err != nil {
		return nil, err
	}
	if ok {
		return diReplaceSpan(raw, start, end, value), nil
	}
	name, err := diMarshal(key)
	if err != nil {
		return nil, err
	}
	return diInsertMember(raw, closing, empty, name, value), nil
}

// diReplaceSpan returns raw with raw[start:end] replaced by value, in one
// allocation.
func diReplaceSpan(raw []byte, start, end int, value []byte) []byte {
	out := make([]byte, 0, len(raw)-(end-start)+len(value))
	out = append(out, raw[:start]...)
	out = append(out, value...)
	return append(out, raw[end:]...)
}

// diInsertMember returns raw, an object whose final '}' is at closing, with
// the member name (JSON text, quotes included) : value added last, in one
// allocation.
func diInsertMember(raw []byte, closing int, empty bool, name, value []byte) []byte {
	// Insert right after the last member, so whitespace before the closing
	// brace stays where the issuer put it.
	at := len(bytes.TrimRight(raw[:closing], " \t\r\n"))
	out := make([]byte, 0, len(raw)+len(name)+len(value)+2)
	out = append(out, raw[:at]...)
	if !empty {
		out = append(out, ',')
	}
	out = append(out, name...)
	out = append(out, ':')
	out = append(out, value...)
	return append(out, raw[at:]...)
}

// diAppendProof adds proof to raw's proof set: a first proof becomes the
// proof member, a second turns it into an array (vc-data-integrity §2.1.1).
func diAppendProof(raw, proof []byte) ([]byte, error) {
	// One scan finds where the proof goes, whether it is the first or not.
	start, end, closing, empty, ok, err := diMemberSpan(raw, "proof")
	if err != nil {
		return nil, err
	}
	if !ok {
		return diInsertMember(raw, closing, empty, []byte(`"proof"`), proof), nil
	}
	old := raw[start:end]
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
	return diReplaceSpan(raw, start, end, set), nil
}

// diAppendFirstProof is diAppendProof for raw whose strict decoding is obj
// (AddProof's document): when obj has no proof member, raw has none under
// any spelling, the proof becomes its last member, and the object's closing
// brace is raw's last byte but white space. That is known without scanning
// the text again. Otherwise it is diAppendProof.
func diAppendFirstProof(raw []byte, obj map[string]any, proof []byte) ([]byte, error) {
	if _, has := obj["proof"]; has {
		return diAppendProof(raw, proof)
	}
	closing := len(bytes.TrimRight(raw, " \t\r\n")) - 1
	if closing < 0 || raw[closing] != '}' {
		return diAppendProof(raw, proof) // not what a strict read accepts: let the scanner say why
	}
	return diInsertMember(raw, closing, len(obj) == 0, []byte(`"proof"`), proof), nil
}

// diAppendProofJSON appends p as diMarshal writes it, with the proofValue
// "z" + base58btc(sig), when every value is one that encoding/json writes
// verbatim (printable ASCII but '"' and '\'); ok is false otherwise, and
// for a proof carrying an @context (the JCS suites), and the caller
// marshals instead. Every signature writes a proof: this is that, without
// reflection and without the encoder's buffers.
func diAppendProofJSON(dst []byte, p *proofJSON, sig []byte) (out []byte, ok bool) {
	if p.Context != nil || p.ProofValue != "" {
		return dst, false
	}
	ok = true
	first := true
	member := func(name, v string, always bool) {
		if v == "" && !always {
			return
		}
		for i := 0; i < len(v); i++ {
			if c := v[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' {
				ok = false
			}
		}
		if !first {
			dst = append(dst, ',')
		}
		first = false
		dst = append(dst, '"')
		dst = append(dst, name...)
		dst = append(dst, `":"`...)
		dst = append(dst, v...)
		dst = append(dst, '"')
	}
	dst = append(dst, '{')
	member("type", p.Type, true)
	member("id", p.ID, false)
	member("cryptosuite", p.Cryptosuite, false)
	member("created", p.Created, false)
	member("expires", p.Expires, false)
	member("verificationMethod", p.VerificationMethod, true)
	member("proofPurpose", p.ProofPurpose, true)
	switch d := p.Domain.(type) {
	case nil:
	case string:
		member("domain", d, true)
	default:
		return dst, false
	}
	member("challenge", p.Challenge, false)
	switch pp := p.PreviousProof.(type) {
	case nil:
	case string:
		member("previousProof", pp, true)
	default:
		return dst, false
	}
	dst = append(dst, `,"proofValue":"z`...)
	dst = multibase.AppendBase58(dst, sig)
	dst = append(dst, `"}`...)
	return dst, ok
}
