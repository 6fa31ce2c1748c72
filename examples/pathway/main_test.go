package main

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

func creds(t *testing.T, names ...string) []string {
	t.Helper()
	var out []string
	for _, n := range names {
		out = append(out, filepath.Join("testdata", n+".json"))
	}
	return out
}

func TestExample(t *testing.T) {
	all := creds(t, "html", "javascript-101", "http", "react", "security", "capstone")
	tests := []struct {
		name string
		args []string
		code int
		want []string
		// not lists what must not appear.
		not []string
	}{
		{"complete, believed as given", append([]string{"-unverified", "-pathway", "testdata/webdev.json", "-as-of", "2025-10-01"}, all...), 0,
			[]string{"WARNING: -unverified: credentials were NOT verified", "100% complete", "complete: award urn:uuid:", "with 6 evidence entries",
				"counted as https://example.edu/achievements/js through exactMatchOf"}, nil},
		{"in progress", append([]string{"-unverified", "-pathway", "testdata/webdev.json", "-as-of", "2025-05-01"}, creds(t, "html", "javascript-101", "http")...), 0,
			[]string{"not complete: no award", "next steps:", "Capstone project: available", "React [available], then 2 more to finish", "milestone Web Foundations: 100% complete"},
			[]string{"milestone Web Foundations: award"}},
		{"milestones awarded on request", append([]string{"-unverified", "-milestones", "-pathway", "testdata/webdev.json", "-as-of", "2025-05-01"}, creds(t, "html", "javascript-101", "http")...), 0,
			[]string{"milestone Web Foundations: award urn:uuid:", "not complete: no award"}, nil},
		{"as-of before the credentials", append([]string{"-unverified", "-pathway", "testdata/webdev.json", "-as-of", "2024-01-01"}, all...), 0,
			[]string{"0% complete", "not valid until 2025-01-15"}, nil},
		{"verified by default: unsigned credentials are refused", append([]string{"-offline", "-pathway", "testdata/webdev.json", "-as-of", "2025-10-01"}, all...), 0,
			[]string{"Credentials were verified offline", "6 refused", "0% complete", "not complete: no award"}, []string{"WARNING"}},
		{"-verify is accepted from old scripts", append([]string{"-verify", "-offline", "-pathway", "testdata/webdev.json", "-as-of", "2025-10-01"}, all...), 0,
			[]string{"6 refused", "not complete: no award"}, nil},
		{"a new learner: where to start", []string{"-pathway", "testdata/webdev.json", "-as-of", "2025-10-01"}, 0,
			[]string{"No credentials given: this is where a new learner starts", "0% complete", "next steps:", "1. HTML"}, []string{"credentials:"}},
		{"-lint prints findings", []string{"-lint", "-pathway", "testdata/vocab__CompTIA-IT_Networking_Specialist.jsonld"}, 0,
			[]string{`warning /components/0: "CompTIA Cloud+" stands for a credential of its own`, "[ctdl-credential-held]", "[unreachable]", "findings"}, []string{"complete"}},
		{"-lint with credentials is a usage error", []string{"-lint", "-pathway", "testdata/webdev.json", "testdata/html.json"}, 2, nil, nil},
		{"bad date", append([]string{"-pathway", "testdata/webdev.json", "-as-of", "tomorrow"}, all...), 2, nil, nil},
		{"missing file", []string{"-pathway", "testdata/nope.json", "testdata/html.json"}, 1, nil, nil},
		{"CTDL: A+ alone is not CompTIA Cloud+", []string{"-unverified", "-pathway", "testdata/vocab__CompTIA-IT_Networking_Specialist.jsonld", "-as-of", "2025-06-01", "testdata/comptia-a-plus.json"}, 0,
			[]string{"Imported from CTDL JSON-LD", "credential-held", "IT Networking Specialist Pathway", "lint warnings", "not complete: no award", "1. CompTIA Cloud+ [available]"},
			[]string{"complete: award"}},
		{"credential as pathway", []string{"-pathway", "testdata/html.json", "testdata/html.json"}, 1, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := run(context.Background(), tt.args, &out, &errb)
			if code != tt.code {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tt.code, out.String(), errb.String())
			}
			for _, w := range tt.want {
				if !strings.Contains(out.String(), w) {
					t.Errorf("output lacks %q:\n%s", w, out.String())
				}
			}
			for _, w := range tt.not {
				if strings.Contains(out.String(), w) {
					t.Errorf("output has %q:\n%s", w, out.String())
				}
			}
		})
	}
}

func TestExampleJSON(t *testing.T) {
	var out, errb bytes.Buffer
	args := append([]string{"-unverified", "-json", "-pathway", "testdata/webdev.json", "-as-of", "2025-10-01"}, creds(t, "html", "javascript-101", "http", "react", "security", "capstone")...)
	if code := run(context.Background(), args, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var p struct {
		Complete bool    `json:"complete"`
		Percent  float64 `json:"percent"`
	}
	if err := json.Unmarshal(out.Bytes(), &p); err != nil || !p.Complete || p.Percent != 100 {
		t.Fatalf("JSON progress %+v, %v", p, err)
	}
}

func TestDetectsCTDL(t *testing.T) {
	if !isCTDL([]byte(`{"@context":"https://credreg.net/ctdl/schema/context/json","@graph":[{"@type":"ceterms:Pathway"}]}`)) {
		t.Error("CTDL JSON-LD not detected")
	}
	if isCTDL([]byte(`{"format":"microcred-pathway/1","id":"x"}`)) {
		t.Error("microcred JSON taken for CTDL")
	}
}
