package verify

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/microcred/microcred/internal/jcs"
	"github.com/microcred/microcred/internal/strictjson"
)

// verifyBothWays verifies in as Verify does, and again with the reader's
// Shape dropped after the parse, which is the verification before the
// Shape was lent (the proof check walks the numbers, the expansion walks
// the document). The two reports must be the same, check for check.
func verifyBothWays(t *testing.T, v *Verifier, in []byte) *Report {
	t.Helper()
	ctx := context.Background()
	lent := v.newRun(ctx, 0).credential(in)
	p := v.newRun(ctx, 0)
	var walked *Report
	if p.parse(in) {
		p.shape = strictjson.Shape{}
		walked = p.checkAll()
	} else {
		walked = p.r
	}
	a, aerr := json.Marshal(lent)
	b, berr := json.Marshal(walked)
	if aerr != nil || berr != nil {
		t.Fatal(aerr, berr)
	}
	if string(a) != string(b) || lent.String() != walked.String() || errString(lent.Err()) != errString(walked.Err()) {
		t.Fatalf("the lent Shape changes the report:\n%s\nwithout it:\n%s", lent, walked)
	}
	return lent
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// TestLentShapeSameReport is the differential test of the lent Shape over
// the corpus and hostile inputs.
func TestLentShapeSameReport(t *testing.T) {
	e := newCorpusEnv(t)
	for _, tc := range corpus {
		t.Run(tc.name, func(t *testing.T) {
			cfg := Config{}
			if tc.online {
				cfg.HTTPClient, cfg.UnsafeAllowPrivateAddresses = e.s.Client(), true
			}
			if tc.cfg != nil {
				tc.cfg(e, &cfg)
			}
			verifyBothWays(t, offlineVerifier(t, cfg), tc.build(t, e))
		})
	}
	v := offlineVerifier(t, Config{})
	signed := string(issue(t, newIssuer(t), nil))
	for _, in := range []string{
		signed,
		strings.Replace(signed, `{`, `{"extra":1e400,`, 1),
		strings.Replace(signed, `"proof":{`, `"proof":{"n":-1e999,`, 1),
		strings.Replace(signed, `{`, `{"extra":1e400,"extra":1,`, 1),
		strings.Replace(signed, `{`, `{"@context":{"@version":1.1},`, 1),
		strings.Replace(signed, `{`, `{"":1,`, 1),
		strings.Replace(signed, `"name":"Teamwork Badge"`, `"name":{"@language":"en"}`, 1),
		strings.Replace(signed, `"Teamwork Badge"`, `[`+strings.Repeat("[", 50)+strings.Repeat("]", 50)+`]`, 1),
		strings.Replace(signed, `"Teamwork Badge"`, `"Teamwork Badge, changed"`, 1),
		`{"proof":{}}`, `[]`, `{}`,
	} {
		verifyBothWays(t, v, []byte(in))
	}
}

// TestOutOfRangeNumberReadAsBefore: a credential with a number no double
// holds is valid JSON, so the parse check passes and the other checks run;
// the proof check refuses it, as it did before the read range-checked
// numbers (readDocument reads it again without the check, and lends no
// Shape, so the proof check walks the numbers).
func TestOutOfRangeNumberReadAsBefore(t *testing.T) {
	signed := string(issue(t, newIssuer(t), nil))
	in := []byte(strings.Replace(signed, `{`, `{"extra":1e400,`, 1))
	doc, shape, err := readDocument(in, DefaultMaxDepth)
	if err != nil || doc["extra"] != json.Number("1e400") {
		t.Fatalf("readDocument: %v, %v", doc["extra"], err)
	}
	if shape != (strictjson.Shape{}) {
		t.Error("a Shape lent for a document whose numbers the reader refused")
	}
	if _, shape, _ := readDocument([]byte(signed), DefaultMaxDepth); shape == (strictjson.Shape{}) {
		t.Error("no Shape for a credential the reader accepted")
	}
	r := mustVerify(t, offlineVerifier(t, Config{}), in)
	if c := r.Check(CheckParse); c == nil || c.Outcome != Pass {
		t.Fatalf("the parse check:\n%s", r)
	}
	expectFail(t, r, CheckProof, ErrProof)
	if !errors.Is(r.Err(), jcs.ErrNumber) {
		t.Errorf("Err() = %v, want jcs.ErrNumber", r.Err())
	}
	if c := r.Check(CheckValidity); c == nil || c.Outcome == Skipped {
		t.Errorf("the validity check did not run:\n%s", r)
	}
	// Another fault in the same document is the one reported, as before.
	dup := []byte(strings.Replace(signed, `{`, `{"extra":1e400,"extra":1,`, 1))
	if _, _, err := readDocument(dup, DefaultMaxDepth); !errors.Is(err, strictjson.ErrDuplicateKey) {
		t.Errorf("readDocument: %v, want ErrDuplicateKey", err)
	}
}
