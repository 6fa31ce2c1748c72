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
	}{
		{"complete", append([]string{"-pathway", "testdata/webdev.json", "-as-of", "2025-10-01"}, all...), 0,
			[]string{"NOTE: credentials were not verified", "100% complete", "complete: award urn:uuid:", "with 6 evidence entries",
				"counted as https://example.edu/achievements/js through exactMatchOf"}},
		{"in progress", append([]string{"-pathway", "testdata/webdev.json", "-as-of", "2025-05-01"}, creds(t, "html", "javascript-101", "http")...), 0,
			[]string{"not complete: no award", "next steps:", "Capstone project: available", "React [available], then 2 more to finish", "milestone Web Foundations: 100% complete"}},
		{"as-of before the credentials", append([]string{"-pathway", "testdata/webdev.json", "-as-of", "2024-01-01"}, all...), 0,
			[]string{"0% complete", "not valid until 2025-01-15"}},
		{"verify rejects unsigned credentials", append([]string{"-verify", "-pathway", "testdata/webdev.json", "-as-of", "2025-10-01"}, all...), 0,
			[]string{"Credentials were verified offline", "6 rejected", "0% complete", "not complete: no award"}},
		{"no credentials", []string{"-pathway", "testdata/webdev.json"}, 2, nil},
		{"bad date", append([]string{"-pathway", "testdata/webdev.json", "-as-of", "tomorrow"}, all...), 2, nil},
		{"missing file", []string{"-pathway", "testdata/nope.json", "testdata/html.json"}, 1, nil},
		{"CTDL pathway", []string{"-pathway", "testdata/vocab__CompTIA-IT_Networking_Specialist.jsonld", "-as-of", "2025-06-01", "testdata/comptia-a-plus.json"}, 0,
			[]string{"Imported from CTDL JSON-LD", "IT Networking Specialist Pathway", "100% complete", "complete: award urn:uuid:"}},
		{"credential as pathway", []string{"-pathway", "testdata/html.json", "testdata/html.json"}, 1, nil},
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
		})
	}
}

func TestExampleJSON(t *testing.T) {
	var out, errb bytes.Buffer
	args := append([]string{"-json", "-pathway", "testdata/webdev.json", "-as-of", "2025-10-01"}, creds(t, "html", "javascript-101", "http", "react", "security", "capstone")...)
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
