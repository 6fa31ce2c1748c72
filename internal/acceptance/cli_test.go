package acceptance

import (
	"bytes"
	"context"
	"crypto"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/microcred/microcred/credential"
	"github.com/microcred/microcred/verify"
)

var (
	binOnce sync.Once
	binDir  string
	binErr  error
)

// exampleBin builds the example commands once per test binary: DESIGN.md
// "Contracts the examples keep" are command lines, so they are tested as
// commands.
func exampleBin(t *testing.T, name string) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the example commands; skipped with -short")
	}
	binOnce.Do(func() {
		goTool, err := exec.LookPath("go")
		if err != nil {
			binErr = err
			return
		}
		binDir, binErr = os.MkdirTemp("", "microcred-acceptance-bin-")
		if binErr != nil {
			return
		}
		tempDirs.add(binDir)
		cmd := exec.Command(goTool, "build", "-o", binDir+string(os.PathSeparator), "./examples/verify", "./examples/issue", "./examples/pathway", "./examples/quickstart")
		cmd.Dir = filepath.Join("..", "..")
		if out, err := cmd.CombinedOutput(); err != nil {
			binErr = err
			binErr = &buildError{err: err, out: string(out)}
		}
	})
	if binErr != nil {
		t.Fatalf("building the examples: %v", binErr)
	}
	return filepath.Join(binDir, name)
}

type buildError struct {
	err error
	out string
}

func (e *buildError) Error() string { return e.err.Error() + ": " + e.out }

// runCmd runs a command and returns its exit code, stdout and stderr.
func runCmd(t *testing.T, stdin []byte, bin string, args ...string) (int, string, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Stdin = bytes.NewReader(stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("%s: %v", bin, err)
	}
	return code, stdout.String(), stderr.String()
}

func writeFile(t *testing.T, dir, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestExampleCommands: the command lines DESIGN.md promises, fed credentials
// made by the reference stack and by examples/issue.
func TestExampleCommands(t *testing.T) {
	t.Parallel()
	s := referenceStack(t)
	verifyBin := exampleBin(t, "verify")
	issueBin := exampleBin(t, "issue")
	pathwayBin := exampleBin(t, "pathway")
	dir := t.TempDir()

	expiring := baseCredential()
	expiring["id"] = "urn:uuid:00000000-0000-4000-8000-0000000c1001"
	expiring["validUntil"] = "2030-01-01T00:00:00Z"
	status := baseCredential()
	status["credentialStatus"] = obj{"id": statusURL + "#5", "type": "BitstringStatusListEntry",
		"statusPurpose": "revocation", "statusListIndex": "5", "statusListCredential": statusURL}
	res := s.batch(t, []job{
		{"name": "expiring", "op": "sign", "suite": "eddsa-rdfc-2022", "doc": expiring, "date": "2024-01-01T00:00:00Z"},
		{"name": "status", "op": "sign", "suite": "eddsa-rdfc-2022", "doc": status, "date": "2024-01-01T00:00:00Z"},
		{"name": "vc11", "op": "sign", "suite": "Ed25519Signature2020", "doc": vc11Credential(ctxVC1, ctxOB300, ctxEd2020), "date": "2024-01-01T00:00:00Z"},
		{"name": "jwt", "op": "jwt", "form": "vc11", "alg": "ES256", "header": "kid", "doc": vc11Credential(ctxVC1, ctxOB303)},
	})
	for n, r := range res {
		if r.Error != "" {
			t.Fatalf("reference stack, %s: %s", n, r.Error)
		}
	}
	expFile := writeFile(t, dir, "expiring.json", res["expiring"].OK)
	statusFile := writeFile(t, dir, "status.json", res["status"].OK)
	vc11File := writeFile(t, dir, "vc11.json", res["vc11"].OK)
	var token string
	json.Unmarshal(res["jwt"].OK, &token)
	jwtSVG := writeFile(t, dir, "jwt.svg", bakeBoth(t, []byte(token))[verify.FormatSVG])
	jwtPNG := writeFile(t, dir, "jwt.png", bakeBoth(t, []byte(token))[verify.FormatPNG])
	tampered := writeFile(t, dir, "tampered.json", tamperName(t, res["expiring"].OK))

	t.Run("verify", func(t *testing.T) {
		for _, c := range []struct {
			name string
			args []string
			want int
			why  string
		}{
			{"file", []string{expFile}, 0, "verified"},
			{"vc11-warnings", []string{vc11File}, 0, "VC 1.1: verified with warnings still exits 0"},
			{"jwt-in-svg", []string{jwtSVG}, 0, "a baked SVG holding a VC-JWT"},
			{"jwt-in-png", []string{jwtPNG}, 0, "a baked PNG holding a VC-JWT"},
			{"tampered", []string{tampered}, 1, "not verified"},
			{"expired-now", []string{"-now", "2031-01-01T00:00:00Z", expFile}, 1, "-now after validUntil"},
			{"offline-status", []string{"-offline", statusFile}, 1, "DESIGN: a status that could not be established offline is unverified (exit 1)"},
			{"no-args", nil, 2, "usage"},
			{"two-files", []string{expFile, expFile}, 2, "usage"},
			{"bad-now", []string{"-now", "yesterday", expFile}, 2, "usage"},
			{"missing-file", []string{filepath.Join(dir, "nope.json")}, 2, "usage error, not a verification failure"},
			{"unknown-flag", []string{"-frobnicate", expFile}, 2, "usage"},
		} {
			t.Run(c.name, func(t *testing.T) {
				code, out, errOut := runCmd(t, nil, verifyBin, c.args...)
				if code != c.want {
					t.Errorf("verify %v: exit %d, want %d (%s)\nstdout: %s\nstderr: %s", c.args, code, c.want, c.why, shorten([]byte(out)), shorten([]byte(errOut)))
				}
			})
		}
		t.Run("stdin-json", func(t *testing.T) {
			code, out, errOut := runCmd(t, res["expiring"].OK, verifyBin, "-json", "-")
			if code != 0 {
				t.Fatalf("exit %d: %s %s", code, out, errOut)
			}
			var rep verify.Report
			if err := json.Unmarshal([]byte(out), &rep); err != nil {
				t.Fatalf("-json output is not a Report: %v\n%s", err, shorten([]byte(out)))
			}
			if rep.Verdict != verify.Verified || rep.MediaType != verify.ReportMediaType {
				t.Errorf("verdict %q mediaType %q", rep.Verdict, rep.MediaType)
			}
		})
		t.Run("offline-json-skipped", func(t *testing.T) {
			_, out, _ := runCmd(t, nil, verifyBin, "-json", "-offline", statusFile)
			var rep verify.Report
			if err := json.Unmarshal([]byte(out), &rep); err != nil {
				t.Fatal(err)
			}
			c := rep.Check(verify.CheckStatus)
			if c == nil || c.Outcome != verify.NotEstablished || c.Detail["skipped"] != true || rep.Verdict != verify.Unverified {
				t.Errorf("DESIGN: -offline reports network checks as not established, and the credential unverified; got %s %+v", rep.Verdict, c)
			}
		})
		t.Run("jwt-stdin", func(t *testing.T) {
			code, out, errOut := runCmd(t, []byte(token+"\n"), verifyBin, "-")
			if code != 0 {
				t.Errorf("a compact JWT on stdin (with its newline): exit %d\n%s\n%s", code, out, errOut)
			}
		})
	})

	t.Run("issue", func(t *testing.T) {
		for _, kt := range []credential.KeyType{credential.KeyEd25519, credential.KeyP256, credential.KeyP384, credential.KeyRSA} {
			key, err := credential.GenerateKey(kt)
			if err != nil {
				t.Fatal(err)
			}
			jwk, err := credential.MarshalJWK(key)
			if err != nil {
				t.Fatal(err)
			}
			keyFile := writeFile(t, dir, string(kt)+".jwk", jwk)
			formats := []string{"di", "jwt"}
			if kt == credential.KeyRSA {
				formats = []string{"jwt"} // DESIGN: RSA only for VC-JWT (RS256)
			}
			for _, format := range formats {
				for name, unsigned := range map[string]obj{
					"object-issuer": baseCredential(),
					"string-issuer": func() obj { c := baseCredential(); c["issuer"] = "https://example.edu/issuers/565049"; return c }(),
					"rich": func() obj {
						c := baseCredential()
						c["issuer"] = richIssuer()
						c["credentialSubject"] = richSubject()
						return c
					}(),
				} {
					t.Run(string(kt)+"/"+format+"/"+name, func(t *testing.T) {
						code, out, errOut := runCmd(t, mustJSON(t, unsigned), issueBin, "-key", keyFile, "-format", format)
						if code != 0 {
							t.Fatalf("issue: exit %d: %s", code, errOut)
						}
						f := writeFile(t, t.TempDir(), "signed", []byte(out))
						code, vout, verr := runCmd(t, nil, verifyBin, f)
						if code != 0 {
							t.Errorf("verify of what issue signed: exit %d\n%s\n%s", code, vout, verr)
						}
						// DESIGN: the issuer id becomes the key's did:key (did:jwk for RSA).
						rep := runVerify(t, newVerifier(t, verify.Config{}), []byte(out))
						want := "did:key:"
						if kt == credential.KeyRSA {
							want = "did:jwk:"
						}
						if !strings.HasPrefix(rep.Issuer, want) {
							t.Errorf("issuer %q, want a %s", rep.Issuer, want)
						}
						_ = crypto.SHA256
					})
				}
			}
		}
	})

	t.Run("issue-unusual-input", func(t *testing.T) {
		key, _ := credential.GenerateKey(credential.KeyEd25519)
		jwk, _ := credential.MarshalJWK(key)
		keyFile := writeFile(t, dir, "unusual.jwk", jwk)
		noIssuerID := baseCredential()
		delete(noIssuerID["issuer"].(obj), "id")
		for name, in := range map[string][]byte{
			// A VC 1.1 credential without a data-integrity context: either sign it so that it verifies, or refuse clearly.
			"vc11-no-di-context": mustJSON(t, vc11Credential(ctxVC1, ctxOB303)),
			"issuer-without-id":  mustJSON(t, noIssuerID),
			"trailing-garbage":   append(mustJSON(t, baseCredential()), []byte("}")...),
			"not-json":           []byte("hello"),
		} {
			for _, format := range []string{"di", "jwt"} {
				t.Run(name+"/"+format, func(t *testing.T) {
					code, out, errOut := runCmd(t, in, issueBin, "-key", keyFile, "-format", format)
					switch code {
					case 0:
						vcode, vout, _ := runCmd(t, []byte(out), verifyBin, "-")
						if vcode != 0 {
							t.Errorf("issue exited 0 but its output does not verify (exit %d): %s", vcode, shorten([]byte(vout)))
						}
					case 1:
						if strings.TrimSpace(errOut) == "" {
							t.Errorf("exit 1 without a message")
						}
					default:
						t.Errorf("exit %d (DESIGN: 0 or 1 for input problems): %s", code, errOut)
					}
					if name == "trailing-garbage" || name == "not-json" {
						if code == 0 {
							t.Errorf("signed input that is not one JSON object")
						}
					}
				})
			}
		}
	})
	t.Run("quickstart", func(t *testing.T) {
		// DESIGN: no arguments, no network; prints what happened.
		code, out, errOut := runCmd(t, nil, exampleBin(t, "quickstart"))
		if code != 0 || strings.TrimSpace(out) == "" {
			t.Errorf("quickstart: exit %d\n%s\n%s", code, shorten([]byte(out)), errOut)
		}
	})
	t.Run("pathway-same-id-two-issuers", func(t *testing.T) {
		// status.json and vc11.json have the same credential id but different issuers.
		pw, _ := filepath.Abs(filepath.Join("testdata", "pathway.json"))
		code, out, errOut := runCmd(t, nil, pathwayBin, "-pathway", pw, "-as-of", "2024-07-01", "-offline", statusFile, vc11File)
		if code != 0 {
			t.Errorf("exit %d\n%s\n%s", code, out, errOut)
		}
	})
	t.Run("pathway", func(t *testing.T) {
		// DESIGN: pathway -pathway FILE [-as-of DATE] [CREDENTIAL...]; verifies the credentials; exit 0 when the evaluation ran.
		pw, _ := filepath.Abs(filepath.Join("testdata", "pathway.json"))
		code, out, errOut := runCmd(t, nil, pathwayBin, "-pathway", pw, "-as-of", "2024-07-01", "-offline", expFile, vc11File)
		if code != 0 {
			t.Errorf("exit %d\n%s\n%s", code, out, errOut)
		}
		// DESIGN: with no credential it shows where a new learner starts.
		code, out, _ = runCmd(t, nil, pathwayBin, "-pathway", pw)
		if code != 0 || !strings.Contains(out, "new learner") || !strings.Contains(out, "next steps:") {
			t.Errorf("no credentials: exit %d, want 0 and where to start\n%s", code, out)
		}
	})
}
