package credential

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"
	"unicode/utf8"

	"github.com/microcred/microcred/internal/jcs"
	"github.com/microcred/microcred/internal/multibase"
	"github.com/microcred/microcred/internal/strictjson"
)

// diDocument is a JSON object as it arrived, with its proof set split off.
type diDocument struct {
	obj    map[string]any   // the whole document, strictly decoded
	proofs []map[string]any // the proof member as a list
	one    [1]map[string]any
	// owned: obj is this document's own decoding, not a tree a caller
	// put in ctx (jcs.WithDecoded), so it may be changed in place.
	owned bool
}

// diParseTransient decodes raw strictly (duplicate keys, invalid UTF-8 and
// overflowing numbers are errors) and checks the proof member's shape. Its
// callers keep nothing of the decoded document once they return, or copy
// what they keep (AddProof, whose output is the original bytes with a
// proof spliced in; VerifyProofs, whose report copies the proofs'
// strings), so its strings are cut from one copy of raw
// (jcs.DecodeShared), not allocated one by one.
// When a caller in this module (package verify) has already decoded raw
// and put the decoding in ctx (see jcs.WithDecoded), that decoding is
// reused; it is only read.
func diParseTransient(ctx context.Context, raw []byte, maxBytes, maxDepth, maxProofs int) (*diDocument, error) {
	d := new(diDocument)
	if _, err := diParseInto(ctx, d, raw, maxBytes, maxDepth, maxProofs); err != nil {
		return nil, err
	}
	return d, nil
}

// diParseInto is diParseTransient into memory of the caller's, which may
// hold more than the document (VerifyProofs keeps its ShapedContext
// there). For a document that owns its decoding, shape is what the reader
// saw of it (see jsonld.ShapedContext).
func diParseInto(ctx context.Context, d *diDocument, raw []byte, maxBytes, maxDepth, maxProofs int) (shape strictjson.Shape, err error) {
	v, owned, shape, err := jcs.DecodeSharedContextOwned(ctx, raw, &jcs.Limits{MaxBytes: maxBytes, MaxDepth: maxDepth})
	if err != nil {
		return shape, fmt.Errorf("%w: %w", errMalformedDocument, err)
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return shape, fmt.Errorf("%w: not a JSON object", errMalformedDocument)
	}
	*d = diDocument{obj: obj, owned: owned}
	switch p := obj["proof"].(type) {
	case nil:
		if _, present := obj["proof"]; present {
			return shape, fmt.Errorf("%w: proof is null", errMalformedProof)
		}
	case map[string]any:
		d.one[0] = p // the usual single proof: no list of its own
		d.proofs = d.one[:]
	case []any:
		if len(p) > maxProofs {
			return shape, fmt.Errorf("%w: %d proofs, limit %d", errTooManyProofs, len(p), maxProofs)
		}
		for i, e := range p {
			m, ok := e.(map[string]any)
			if !ok {
				return shape, fmt.Errorf("%w: proof %d is not an object", errMalformedProof, i)
			}
			d.proofs = append(d.proofs, m)
		}
	default:
		return shape, fmt.Errorf("%w: proof is neither an object nor an array", errMalformedProof)
	}
	return shape, nil
}

// proofless returns the document without its proof member, to be read
// and not changed. A document that owns its decoding loses the member in
// place (d.proofs keeps the proofs, and nothing reads the member after
// this): a copy was two allocations and a map built on every
// verification. Any other document is copied (unsecured).
func (d *diDocument) proofless() map[string]any {
	if d.owned {
		delete(d.obj, "proof")
		return d.obj
	}
	return d.unsecured()
}

// unsecured returns a shallow copy of the document without its proof.
func (d *diDocument) unsecured() map[string]any {
	n := len(d.obj)
	if _, ok := d.obj["proof"]; ok {
		// Sized for what it will hold: a credential of eight members
		// and its proof copies into a small map, not a full-size one.
		n--
	}
	m := make(map[string]any, n)
	for k, v := range d.obj {
		if k != "proof" {
			m[k] = v
		}
	}
	return m
}

// contexts returns the document's @context as a list of values.
func diContextList(v any) []any {
	switch c := v.(type) {
	case nil:
		return nil
	case []any:
		return c
	default:
		return []any{c}
	}
}

func diHasContext(ctxs []any, url string) bool {
	return slices.ContainsFunc(ctxs, func(c any) bool { s, _ := c.(string); return s == url })
}

// proofFields is a proof's members, checked for type. Values that may be a
// string or a list (domain, previousProof) are normalized to lists.
type proofFields struct {
	Type, Cryptosuite, ID  string
	VerificationMethod     string
	ProofPurpose           string
	Created, Expires       time.Time
	HasCreated, HasExpires bool
	Domain                 []string
	Challenge              string
	PreviousProof          []string
	ProofValue             string
	Context                any // the proof's own @context, if any
}

func diReadProof(p map[string]any) (proofFields, error) {
	var f proofFields
	var err error
	str := func(name string, required bool) string {
		v, present := p[name]
		if !present {
			if required && err == nil {
				err = fmt.Errorf("%w: missing %s", errMalformedProof, name)
			}
			return ""
		}
		s, ok := v.(string)
		if (!ok || s == "") && err == nil {
			err = fmt.Errorf("%w: %s must be a non-empty string", errMalformedProof, name)
		}
		return s
	}
	list := func(name string) []string {
		v, present := p[name]
		if !present {
			return nil
		}
		var out []string
		switch v := v.(type) {
		case string:
			out = []string{v}
		case []any:
			for _, e := range v {
				s, ok := e.(string)
				if !ok {
					out = nil
					break
				}
				out = append(out, s)
			}
		}
		if (len(out) == 0 || slices.Contains(out, "")) && err == nil {
			err = fmt.Errorf("%w: %s must be a string or a list of strings", errMalformedProof, name)
		}
		return out
	}
	datetime := func(name string) (time.Time, bool) {
		s := str(name, false)
		if s == "" {
			return time.Time{}, false
		}
		t, perr := diParseTime(s)
		if perr != nil && err == nil {
			err = fmt.Errorf("%w: %s %q is not an XML Schema dateTimeStamp", errMalformedProof, name, s)
		}
		return t, perr == nil
	}
	f.Type = str("type", true)
	f.Cryptosuite = str("cryptosuite", false)
	f.ID = str("id", false)
	f.VerificationMethod = str("verificationMethod", true)
	f.ProofPurpose = str("proofPurpose", true)
	f.ProofValue = str("proofValue", true)
	f.Challenge = str("challenge", false)
	f.Created, f.HasCreated = datetime("created")
	f.Expires, f.HasExpires = datetime("expires")
	f.Domain = list("domain")
	f.PreviousProof = list("previousProof")
	f.Context = p["@context"]
	if err != nil {
		return proofFields{}, err
	}
	return f, nil
}

// diParseTime accepts an XML Schema dateTimeStamp (RFC 3339 with a time zone).
func diParseTime(s string) (time.Time, error) {
	return time.Parse(time.RFC3339Nano, s)
}

// diFormatTime writes t in UTC with second precision, as the reference
// JavaScript stack does ("2023-02-24T23:36:38Z").
func diFormatTime(t time.Time) string {
	return t.UTC().Truncate(time.Second).Format("2006-01-02T15:04:05Z")
}

// diDecodeProofValue decodes a multibase base58btc proofValue. The suites
// require base58btc ('z'); any other multibase prefix is refused.
// The signature is appended to dst: a verifier decodes it into a buffer of
// its own.
func diDecodeProofValue(dst []byte, s string) ([]byte, error) {
	if s == "" || s[0] != 'z' {
		return nil, fmt.Errorf("%w: proofValue must be multibase base58btc (start with 'z')", errMalformedProof)
	}
	b, err := multibase.AppendDecodeBase58BTC(dst, s)
	if err != nil {
		return nil, fmt.Errorf("%w: proofValue: %w", errMalformedProof, err)
	}
	return b, nil
}

// proofJSON fixes the member order of the proofs we write, matching the
// W3C test vectors.
type proofJSON struct {
	Type               string `json:"type"`
	ID                 string `json:"id,omitempty"`
	Cryptosuite        string `json:"cryptosuite,omitempty"`
	Created            string `json:"created,omitempty"`
	Expires            string `json:"expires,omitempty"`
	VerificationMethod string `json:"verificationMethod"`
	ProofPurpose       string `json:"proofPurpose"`
	Domain             any    `json:"domain,omitempty"`
	Challenge          string `json:"challenge,omitempty"`
	PreviousProof      any    `json:"previousProof,omitempty"`
	Context            any    `json:"@context,omitempty"`
	ProofValue         string `json:"proofValue,omitempty"`
}

// diMarshal encodes without HTML escaping, so that '<', '>' and '&' in
// values stay readable; the bytes mean the same either way.
func diMarshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// configMap returns the proof configuration p describes (p without its
// proofValue) as the generic value a verifier rebuilds from the proof we
// write, which is what diToMap(diMarshal(p)) returns; building it directly
// saves encoding and re-reading it on every signature. ok is false when a
// string is not valid UTF-8: encoding/json would replace its bad bytes, so
// only the round trip says what a verifier will read.
func (p *proofJSON) configMap() (m map[string]any, ok bool) {
	m = make(map[string]any, 8)
	put := func(name, v string, always bool) {
		if v != "" || always {
			ok = ok && utf8.ValidString(v)
			// The type, cryptosuite and purpose are values credentials
			// repeat: boxed as constants, not allocated per signature.
			m[name] = strictjson.Value(v)
		}
	}
	ok = true
	put("type", p.Type, true)
	put("id", p.ID, false)
	put("cryptosuite", p.Cryptosuite, false)
	put("created", p.Created, false)
	put("expires", p.Expires, false)
	put("verificationMethod", p.VerificationMethod, true)
	put("proofPurpose", p.ProofPurpose, true)
	switch d := p.Domain.(type) {
	case nil:
	case string:
		put("domain", d, true)
	default:
		return nil, false
	}
	put("challenge", p.Challenge, false)
	switch pp := p.PreviousProof.(type) {
	case nil:
	case string:
		put("previousProof", pp, true)
	case []string:
		list := make([]any, len(pp))
		for i, id := range pp {
			ok = ok && utf8.ValidString(id)
			list[i] = id
		}
		m["previousProof"] = list
	default:
		return nil, false
	}
	if p.ProofValue != "" {
		return nil, false // a configuration has no proofValue
	}
	if p.Context != nil {
		// The document's own decoded @context (JCS suites): it reads
		// back as itself.
		m["@context"] = p.Context
	}
	return m, ok
}

// diToMap re-reads JSON we produced as the generic values canonicalization takes.
func diToMap(b []byte) (map[string]any, error) {
	v, err := jcs.Decode(b, nil)
	if err != nil {
		return nil, err
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("not an object")
	}
	return m, nil
}
