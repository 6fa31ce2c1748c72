package badge

import (
	"bytes"
	"embed"
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
)

//go:embed schemas/*.json
var schemaFS embed.FS

// The $ids of the official 1EdTech JSON Schemas this package embeds. A
// credential names the one for its class in credentialSchema, with type
// 1EdTechJsonSchemaValidator2019, to ask verifiers to check it.
const (
	SchemaAchievementCredential = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
	SchemaEndorsementCredential = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_endorsementcredential_schema.json"
	SchemaProfile               = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_profile_schema.json"
	SchemaClrCredential         = "https://purl.imsglobal.org/spec/clr/v2p0/schema/json/clr_v2p0_clrcredential_schema.json"
)

// The official schemas, by the file they are embedded from and their $id.
var schemaFiles = []struct{ file, id string }{
	{"ob_v3p0_achievementcredential_schema.json", SchemaAchievementCredential},
	{"ob_v3p0_endorsementcredential_schema.json", SchemaEndorsementCredential},
	{"ob_v3p0_profile_schema.json", SchemaProfile},
	{"clr_v2p0_clrcredential_schema.json", SchemaClrCredential},
}

// schemaFindings runs the schema on data (already checked by Limits.Check).
// tree, when not nil, is data already decoded (see parseAndValidateDecoded);
// it is copied before vc2Reading would change it.
//
// The quick form answers first; only a document it does not accept goes to
// the library, which writes the findings.
func schemaFindings(os *officialSchema, data []byte, tree map[string]any) Findings {
	var doc any = tree
	var renamed renames
	switch {
	case tree == nil:
		var err error
		if doc, err = jsonschema.UnmarshalJSON(bytes.NewReader(data)); err != nil {
			return Findings{{Severity: SeverityError, Code: "json.invalid", Message: err.Error()}}
		}
		renamed = vc2Reading(doc)
	case hasVC1(tree):
		doc = deepCopy(tree)
		renamed = vc2Reading(doc)
	}
	// A VC 2.0 tree has nothing for vc2Reading to rename.
	if os.quick.accepts(doc) {
		return nil
	}
	err := os.lib.Validate(doc)
	if err == nil {
		return nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return Findings{{Severity: SeverityError, Code: "schema.error", Message: err.Error()}}
	}
	var out Findings
	for _, leaf := range schemaLeaves(ve) {
		ptr := "/" + strings.Join(escapeAll(leaf.InstanceLocation), "/")
		if len(leaf.InstanceLocation) == 0 {
			ptr = ""
		}
		ptr = renamed.restore(ptr)
		kw := "invalid"
		if kp := leaf.ErrorKind.KeywordPath(); len(kp) > 0 {
			kw = kp[0]
		}
		msg := leaf.Error()
		if i := strings.Index(msg, "': "); strings.HasPrefix(msg, "at '") && i >= 0 {
			msg = msg[i+3:]
		}
		out = append(out, Finding{Pointer: ptr, Severity: SeverityError, Code: "schema." + kw,
			Message: "JSON Schema: " + msg})
	}
	// The library reports in map order; sort so that the same document
	// always gives the same findings.
	slices.SortStableFunc(out, func(a, b Finding) int {
		return strings.Compare(a.Pointer+"\x00"+a.Code+"\x00"+a.Message, b.Pointer+"\x00"+b.Code+"\x00"+b.Message)
	})
	if len(out) == 0 {
		out = append(out, Finding{Severity: SeverityError, Code: "schema.invalid", Message: ve.Error()})
	}
	return out
}

func escapeAll(tokens []string) []string {
	out := make([]string, len(tokens))
	for i, t := range tokens {
		out[i] = escapePointer(t)
	}
	return out
}

// schemaLeaves returns the errors that say what is wrong, not that a group
// failed. For oneOf and anyOf only the branch that got furthest into the
// document is reported: the others failed for a reason the author did not
// intend (a string where they wrote an array, say).
func schemaLeaves(e *jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(e.Causes) == 0 {
		return []*jsonschema.ValidationError{e}
	}
	switch e.ErrorKind.(type) {
	case *kind.OneOf, *kind.AnyOf:
		var best []*jsonschema.ValidationError
		bestDepth := -1
		for _, c := range e.Causes {
			l := schemaLeaves(c)
			d := 0
			for _, x := range l {
				d = max(d, len(x.InstanceLocation))
			}
			if d > bestDepth || (d == bestDepth && len(l) < len(best)) {
				best, bestDepth = l, d
			}
		}
		return best
	}
	var out []*jsonschema.ValidationError
	for _, c := range e.Causes {
		out = append(out, schemaLeaves(c)...)
	}
	return out
}

// renames maps the pointer of a property vc2Reading renamed to the
// pointer of the property in the original document.
type renames map[string]string

func (r renames) restore(ptr string) string {
	for now, old := range r {
		if ptr == now || strings.HasPrefix(ptr, now+"/") {
			return old + ptr[len(now):]
		}
	}
	return ptr
}

// vc2Reading rewrites, in place, every VC 1.1 credential in doc (the
// document itself, bundled and endorsement credentials) into its VC 2.0
// reading for the schemas, and returns what it renamed. The work is
// bounded by the document, whose depth Limits.Check has bounded.
func vc2Reading(doc any) renames {
	r := renames{}
	// The pointer of each node is built only when something there is
	// renamed: most documents are VC 2.0 and rename nothing.
	var path []string
	pointer := func() string {
		var b strings.Builder
		for _, p := range path {
			b.WriteString("/" + p)
		}
		return b.String()
	}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if ctx, ok := v["@context"].([]any); ok && len(ctx) > 0 && ctx[0] == ContextVCv1 {
				ctx[0] = ContextVCv2
				for old, now := range map[string]string{"issuanceDate": "validFrom", "expirationDate": "validUntil"} {
					if x, ok := v[old]; ok {
						if _, has := v[now]; !has {
							v[now] = x
							ptr := pointer()
							r[ptr+"/"+now] = ptr + "/" + old
						}
						delete(v, old)
					}
				}
			}
			for k, x := range v {
				switch x.(type) {
				case map[string]any, []any:
					path = append(path, escapePointer(k))
					walk(x)
					path = path[:len(path)-1]
				}
			}
		case []any:
			for i, x := range v {
				switch x.(type) {
				case map[string]any, []any:
					path = append(path, strconv.Itoa(i))
					walk(x)
					path = path[:len(path)-1]
				}
			}
		}
	}
	walk(doc)
	return r
}

// hasVC1 reports whether vc2Reading would rename anything in v: whether
// any object in it has the VC 1.1 context first.
func hasVC1(v any) bool {
	switch v := v.(type) {
	case map[string]any:
		if ctx, ok := v["@context"].([]any); ok && len(ctx) > 0 && ctx[0] == ContextVCv1 {
			return true
		}
		for _, x := range v {
			if hasVC1(x) {
				return true
			}
		}
	case []any:
		for _, x := range v {
			if hasVC1(x) {
				return true
			}
		}
	}
	return false
}

// deepCopy copies the objects and arrays of a decoded JSON value.
func deepCopy(v any) any {
	switch v := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(v))
		for k, x := range v {
			m[k] = deepCopy(x)
		}
		return m
	case []any:
		s := make([]any, len(v))
		for i, x := range v {
			s[i] = deepCopy(x)
		}
		return s
	}
	return v
}
