package api_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/microcred/microcred/badge/api"
)

// The payload schemas the OpenAPI documents refer to are 1EdTech's own
// (testdata/schemas, copied from ../shared/schemas: the JSON-LD adaptation
// schemas published under purl.imsglobal.org, see SOURCES.md there).

// openAPIValidator checks responses against OpenAPIDocument: the status is
// one the operation declares (or its default), and the body validates
// against the declared schema of its media type.
type openAPIValidator struct {
	mu      sync.Mutex
	docs    map[string]map[string]any // API base path → document
	c       *jsonschema.Compiler
	schemas map[string]*jsonschema.Schema
}

const docURL = "https://microcred.test/openapi/"

func newOpenAPIValidator(t testing.TB) *openAPIValidator {
	t.Helper()
	v := &openAPIValidator{docs: map[string]map[string]any{}, c: jsonschema.NewCompiler(), schemas: map[string]*jsonschema.Schema{}}
	files, err := filepath.Glob("testdata/schemas/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no schemas in testdata/schemas: %v", err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		id, _ := doc.(map[string]any)["$id"].(string)
		if err := v.c.AddResource(id, doc); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
	}
	for _, clr := range []bool{false, true} {
		b := api.OpenAPIDocument(clr)
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		doc, _ := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		name := "ob"
		base := api.PathOB
		if clr {
			name, base = "clr", api.PathCLR
		}
		if err := v.c.AddResource(docURL+name, doc); err != nil {
			t.Fatal(err)
		}
		v.docs[base] = m
	}
	return v
}

// check validates one response to method on the API path (such as
// /ims/ob/v3p0/credentials).
func (v *openAPIValidator) check(method, path string, status int, contentType string, body []byte) error {
	var base, name string
	for b, n := range map[string]string{api.PathOB: "ob", api.PathCLR: "clr"} {
		if strings.HasPrefix(path, b+"/") {
			base, name = b, n
		}
	}
	if base == "" {
		return fmt.Errorf("%s is not an API path", path)
	}
	doc := v.docs[base]
	op, _ := dig(doc, "paths", strings.TrimPrefix(path, base), strings.ToLower(method)).(map[string]any)
	if op == nil && status == http.StatusMethodNotAllowed {
		// A method the document does not declare: the error is still an
		// Imsx_StatusInfo (any operation's 405 says so).
		op, _ = dig(doc, "paths", "/credentials", "get").(map[string]any)
	}
	if op == nil {
		return fmt.Errorf("the OpenAPI document has no %s %s", method, path)
	}
	resp, _ := dig(op, "responses", strconv.Itoa(status)).(map[string]any)
	if resp == nil {
		if status < 400 {
			return fmt.Errorf("%s %s: status %d is not declared", method, path, status)
		}
		resp, _ = dig(op, "responses", "default").(map[string]any)
	}
	content, _ := resp["content"].(map[string]any)
	if status == http.StatusNotModified || content == nil {
		if len(body) != 0 {
			return fmt.Errorf("%s %s: status %d declares no body but has %d bytes", method, path, status, len(body))
		}
		return nil
	}
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return fmt.Errorf("%s %s: Content-Type %q: %v", method, path, contentType, err)
	}
	media, _ := content[mt].(map[string]any)
	if media == nil {
		return fmt.Errorf("%s %s: status %d declares no %s body", method, path, status, mt)
	}
	ref, _ := dig(media, "schema", "$ref").(string)
	loc := docURL + name + ref
	v.mu.Lock()
	sch := v.schemas[loc]
	if sch == nil {
		if sch, err = v.c.Compile(loc); err != nil {
			v.mu.Unlock()
			return fmt.Errorf("compile %s: %v", loc, err)
		}
		v.schemas[loc] = sch
	}
	v.mu.Unlock()
	var inst any
	if mt == api.MediaTypeJWS {
		inst = string(body)
	} else if inst, err = jsonschema.UnmarshalJSON(bytes.NewReader(body)); err != nil {
		return fmt.Errorf("%s %s: %d body is not JSON: %v", method, path, status, err)
	}
	if err := sch.Validate(inst); err != nil {
		return fmt.Errorf("%s %s: %d body does not validate against %s: %v", method, path, status, ref, err)
	}
	return nil
}

func dig(m any, keys ...string) any {
	for _, k := range keys {
		mm, ok := m.(map[string]any)
		if !ok {
			return nil
		}
		m = mm[k]
	}
	return m
}

// validating wraps a transport so that every API response a test sees is
// checked against the OpenAPI document; a mismatch fails the test.
type validating struct {
	t    testing.TB
	v    *openAPIValidator
	next http.RoundTripper
	n    *int
	mu   *sync.Mutex
}

func (vt validating) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := vt.next.RoundTrip(req)
	if err != nil || !(strings.HasPrefix(req.URL.Path, api.PathOB+"/") || strings.HasPrefix(req.URL.Path, api.PathCLR+"/")) {
		return resp, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	if err := vt.v.check(req.Method, req.URL.Path, resp.StatusCode, resp.Header.Get("Content-Type"), body); err != nil {
		vt.t.Errorf("OpenAPI: %v", err)
	}
	vt.mu.Lock()
	*vt.n++
	vt.mu.Unlock()
	return resp, nil
}

// validate makes every API response through hc checked against the
// OpenAPI document, and reports at the end how many were.
func validate(t *testing.T, v *openAPIValidator, hc *http.Client) {
	next := hc.Transport
	if next == nil {
		next = http.DefaultTransport
	}
	n, mu := new(int), new(sync.Mutex)
	hc.Transport = validating{t: t, v: v, next: next, n: n, mu: mu}
	t.Cleanup(func() { t.Logf("OpenAPI: %d responses validated", *n) })
}

// TestOpenAPIValidatorRejects proves the validator can fail: responses
// that break the spec's shapes are caught.
func TestOpenAPIValidatorRejects(t *testing.T) {
	v := newOpenAPIValidator(t)
	cases := []struct {
		name, method, path string
		status             int
		ct, body           string
		ok                 bool
	}{
		{"a well-formed error", "GET", "/ims/ob/v3p0/credentials", 401, "application/json",
			`{"imsx_codeMajor":"failure","imsx_severity":"error","imsx_codeMinor":{"imsx_codeMinorField":[{"imsx_codeMinorFieldName":"TargetEndSystem","imsx_codeMinorFieldValue":"unauthorizedrequest"}]}}`, true},
		{"codeMajor outside the vocabulary", "GET", "/ims/ob/v3p0/credentials", 401, "application/json",
			`{"imsx_codeMajor":"oops","imsx_severity":"error"}`, false},
		{"codeMinor outside the vocabulary", "GET", "/ims/ob/v3p0/profile", 404, "application/json",
			`{"imsx_codeMajor":"failure","imsx_severity":"error","imsx_codeMinor":{"imsx_codeMinorField":[{"imsx_codeMinorFieldName":"x","imsx_codeMinorFieldValue":"gone"}]}}`, false},
		{"an error without severity", "GET", "/ims/ob/v3p0/credentials", 400, "application/json",
			`{"imsx_codeMajor":"failure"}`, false},
		{"a list with a malformed JWS", "GET", "/ims/ob/v3p0/credentials", 200, "application/json",
			`{"compactJwsString":["not a jws"]}`, false},
		{"an empty list", "GET", "/ims/ob/v3p0/credentials", 200, "application/json", `{}`, true},
		{"a 2xx status the operation does not declare", "GET", "/ims/ob/v3p0/credentials", 204, "application/json", ``, false},
		{"an upsert answered with a malformed JWS", "POST", "/ims/ob/v3p0/credentials", 201, "text/plain", `a.b`, false},
		{"an SDD without the registration URL", "GET", "/ims/ob/v3p0/discovery", 200, "application/json",
			`{"openapi":"3.0.1","info":{"title":"t","version":"1","termsOfService":"https://x/t","x-imssf-privacyPolicyUrl":"https://x/p"},"components":{"securitySchemes":{"OAuth2ACG":{"type":"oauth2"}}}}`, false},
		{"a profile without id", "GET", "/ims/clr/v2p0/profile", 200, "application/json", `{"type":"Profile"}`, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := v.check(c.method, c.path, c.status, c.ct, []byte(c.body))
			if (err == nil) != c.ok {
				t.Errorf("%s: check = %v, want ok=%v", c.name, err, c.ok)
			}
		})
	}
}

// TestOpenAPIDocumentShape pins what the SDD must carry (the
// ServiceDescriptionDocument class and the four scopes of each API).
func TestOpenAPIDocumentShape(t *testing.T) {
	for _, tc := range []struct {
		name   string
		clr    bool
		scopes []string
	}{
		{"Open Badges 3.0", false, []string{api.ScopeCredentialRead, api.ScopeCredentialUpsert, api.ScopeProfileRead, api.ScopeProfileUpdate}},
		{"CLR 2.0", true, []string{api.ScopeClrCredentialRead, api.ScopeClrCredentialUpsert, api.ScopeClrProfileRead, api.ScopeClrProfileUpdate}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var doc map[string]any
			if err := json.Unmarshal(api.OpenAPIDocument(tc.clr), &doc); err != nil {
				t.Fatal(err)
			}
			acg := dig(doc, "components", "securitySchemes", "OAuth2ACG")
			if dig(acg, "x-imssf-registrationUrl") == nil || dig(acg, "type") != "oauth2" {
				t.Errorf("clr=%v: OAuth2ACG lacks type oauth2 or x-imssf-registrationUrl", tc.clr)
			}
			scopes, _ := dig(acg, "flows", "authorizationCode", "scopes").(map[string]any)
			if len(scopes) != 4 {
				t.Errorf("clr=%v: %d scopes, want 4", tc.clr, len(scopes))
			}
			for _, s := range tc.scopes {
				if scopes[s] == nil {
					t.Errorf("clr=%v: scope %s missing", tc.clr, s)
				}
			}
			for _, op := range []struct{ path, method, scope string }{
				{"/credentials", "get", tc.scopes[0]}, {"/credentials", "post", tc.scopes[1]},
				{"/profile", "get", tc.scopes[2]}, {"/profile", "put", tc.scopes[3]},
			} {
				t.Run(op.method+" "+op.path, func(t *testing.T) {
					sec := dig(doc, "paths", op.path, op.method, "security")
					b, _ := json.Marshal(sec)
					if !strings.Contains(string(b), op.scope) {
						t.Errorf("clr=%v: %s %s requires %s, want %s", tc.clr, op.method, op.path, b, op.scope)
					}
				})
			}
			for _, k := range []string{"termsOfService", "title", "version", "x-imssf-privacyPolicyUrl"} {
				if dig(doc, "info", k) == nil {
					t.Errorf("clr=%v: info.%s missing", tc.clr, k)
				}
			}
		})
	}
}

// TestOpenAPIGolden keeps a readable copy of each document in testdata, so
// that a change to the API's description shows in review. Regenerate with
// MICROCRED_UPDATE_GOLDEN=1.
func TestOpenAPIGolden(t *testing.T) {
	for name, clr := range map[string]bool{"openapi_ob_v3p0.json": false, "openapi_clr_v2p0.json": true} {
		path := filepath.Join("testdata", name)
		got := append(api.OpenAPIDocument(clr), '\n')
		if os.Getenv("MICROCRED_UPDATE_GOLDEN") != "" {
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (regenerate with MICROCRED_UPDATE_GOLDEN=1)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from OpenAPIDocument(%v); regenerate with MICROCRED_UPDATE_GOLDEN=1 and review the diff", path, clr)
		}
	}
}
