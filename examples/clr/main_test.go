package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/microcred/microcred/badge"
	"github.com/microcred/microcred/credential"
)

func runCLR(t *testing.T, args ...string) []byte {
	t.Helper()
	var out, log bytes.Buffer
	if err := run(context.Background(), args, &out, &log); err != nil {
		t.Fatalf("run: %v", err)
	}
	if !strings.Contains(log.String(), "3 signed credentials, 3 achievements, 3 associations") {
		t.Errorf("summary: %s", log.String())
	}
	return out.Bytes()
}

func verified(t *testing.T, doc []byte) error {
	t.Helper()
	rep, err := credential.VerifyProofs(context.Background(), doc, credential.VerifyOptions{RequireIssuerController: true})
	if err != nil {
		return err
	}
	return rep.Err()
}

func TestSignedCLR(t *testing.T) {
	doc := runCLR(t)

	v, err := badge.NewValidator(badge.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if fs := v.Validate(doc); fs.HasErrors() {
		t.Errorf("the CLR fails badge validation (data model and CLR 2.0 schema):\n%v", fs)
	}
	clr, err := badge.ParseClrCredential(doc)
	if err != nil {
		t.Fatal(err)
	}
	if err := verified(t, doc); err != nil {
		t.Errorf("the CLR's proof does not verify: %v", err)
	}

	// Every bundled credential verifies on its own, outside the CLR.
	subj := clr.CredentialSubject
	earned := map[string]bool{}
	for i, raw := range subj.VerifiableCredential {
		if err := verified(t, raw); err != nil {
			t.Errorf("bundled credential %d does not verify: %v", i, err)
		}
		if fs := v.Validate(raw); fs.HasErrors() {
			t.Errorf("bundled credential %d fails validation:\n%v", i, fs)
		}
		c, err := badge.ParseAchievementCredential(raw)
		if err != nil {
			t.Fatal(err)
		}
		if c.CredentialSubject.ID != subj.ID || c.IssuerID() != clr.IssuerID() {
			t.Errorf("credential %d is for %s from %s; the CLR is for %s from %s", i, c.CredentialSubject.ID, c.IssuerID(), subj.ID, clr.IssuerID())
		}
		earned[c.CredentialSubject.Achievement.ID] = true
	}

	// The associations relate achievements the record defines and holds.
	defined := map[string]bool{}
	for _, a := range subj.Achievement {
		defined[a.ID] = true
	}
	want := associations()
	if len(subj.Association) != len(want) {
		t.Fatalf("%d associations, want %d", len(subj.Association), len(want))
	}
	for i, a := range subj.Association {
		if a.Type != "Association" || a.AssociationType != want[i].AssociationType || a.SourceID != want[i].SourceID || a.TargetID != want[i].TargetID {
			t.Errorf("association %d = %+v, want %+v", i, a, want[i])
		}
		for _, id := range []string{a.SourceID, a.TargetID} {
			if !defined[id] || !earned[id] {
				t.Errorf("association %d names %s, which the CLR does not define and hold", i, id)
			}
		}
	}

	// Tampering: re-pointing one association breaks the CLR's proof, and
	// changing a bundled credential breaks that credential's own proof.
	forged := bytes.Replace(doc, []byte(`"associationType": "precedes"`), []byte(`"associationType": "replacedBy"`), 1)
	if bytes.Equal(forged, doc) {
		t.Fatal("test did not find the association to change")
	}
	if err := verified(t, forged); err == nil {
		t.Error("a CLR with a changed association still verifies")
	}
	var inner map[string]any
	if err := json.Unmarshal(subj.VerifiableCredential[0], &inner); err != nil {
		t.Fatal(err)
	}
	inner["name"] = "CS 999: Forged"
	forgedInner, _ := json.Marshal(inner)
	if err := verified(t, forgedInner); err == nil {
		t.Error("a changed bundled credential still verifies")
	}
}

func TestUnsignedCLR(t *testing.T) {
	doc := runCLR(t, "-unsigned")
	clr, err := badge.ParseClrCredential(doc)
	if err != nil {
		t.Fatal(err)
	}
	if len(clr.Proof) != 0 {
		t.Errorf("-unsigned CLR has %d proofs", len(clr.Proof))
	}
	for i, raw := range clr.CredentialSubject.VerifiableCredential {
		if err := verified(t, raw); err != nil {
			t.Errorf("bundled credential %d must be signed even with -unsigned: %v", i, err)
		}
	}
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{{"extra"}, {"-nope"}} {
		if err := run(context.Background(), args, &bytes.Buffer{}, &bytes.Buffer{}); !errors.Is(err, errUsage) {
			t.Errorf("run(%q) = %v, want the usage error", args, err)
		}
	}
}
