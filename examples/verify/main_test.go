package main

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	simple, err := os.ReadFile("testdata/simple.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name     string
		args     []string
		stdin    []byte
		code     int
		contains string
	}{
		{"valid credential", []string{"-offline", "testdata/simple.json"}, nil, 0, "VERIFIED"},
		{"valid from stdin", []string{"-offline", "-"}, simple, 0, "VERIFIED"},
		{"warnings still exit 0", []string{"-offline", "testdata/simple_v1.json"}, nil, 0, "VERIFIED_WITH_WARNINGS"},
		{"baked PNG with a VC-JWT; its key is only in the jwk header", []string{"-offline", "testdata/simple-jwt_v1.png"}, nil, 1, "issuer-binding"},
		{"expired", []string{"-offline", "testdata/simple-err-expired.json"}, nil, 1, "expired at 2010-01-01T00:00:00Z"},
		{"valid at a later -now", []string{"-offline", "-now", "2030-06-01T00:00:00Z", "testdata/simple.json"}, nil, 0, "VERIFIED"},
		{"not yet valid at -now", []string{"-offline", "-now", "2000-01-01T00:00:00Z", "testdata/simple.json"}, nil, 1, "not valid until"},
		{"tampered", []string{"-offline", "-"}, bytes.Replace(simple, []byte("Teamwork"), []byte("Teamwerk"), 1), 1, "FAIL"},
		{"garbage", []string{"-offline", "-"}, []byte("not a credential"), 1, "FAILED"},
		{"no file", []string{"-offline"}, nil, 2, "usage"},
		{"two files", []string{"a", "b"}, nil, 2, "usage"},
		{"unknown flag", []string{"-frobnicate", "x"}, nil, 2, "usage"},
		{"bad -now", []string{"-now", "yesterday", "testdata/simple.json"}, nil, 2, "RFC 3339"},
		{"missing file", []string{"-offline", "testdata/nope.json"}, nil, 2, "no such file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := run(tc.args, bytes.NewReader(tc.stdin), &out, &errOut)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tc.code, out.String(), errOut.String())
			}
			if all := out.String() + errOut.String(); !strings.Contains(all, tc.contains) {
				t.Fatalf("output lacks %q:\n%s", tc.contains, all)
			}
		})
	}
}

func TestRunJSON(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run([]string{"-json", "-offline", "testdata/simple.json"}, nil, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	var report struct {
		MediaType string `json:"mediaType"`
		Verdict   string `json:"verdict"`
		Checks    []struct {
			ID, Outcome string
		} `json:"checks"`
	}
	if err := json.Unmarshal(out.Bytes(), &report); err != nil {
		t.Fatalf("-json output is not JSON: %v\n%s", err, out.String())
	}
	// simple.json's key sits in its verification method's fragment; offline,
	// nothing can confirm it with the issuer, hence the warning.
	if report.Verdict != "verified_with_warnings" || len(report.Checks) != 14 || report.Checks[0].ID != "parse" ||
		report.Checks[7].ID != "issuer-binding" || report.Checks[7].Outcome != "warn" || report.MediaType == "" {
		t.Fatalf("unexpected report: %+v", report)
	}
}
