package badge

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
)

// Severity of a Finding.
type Severity string

// Severities. A credential with only warnings is valid.
const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
)

// Finding is one problem Validate found.
type Finding struct {
	// Pointer locates the problem in the document (RFC 6901 JSON Pointer);
	// "" is the whole document.
	Pointer  string   `json:"pointer"`
	Severity Severity `json:"severity"`
	// Code is a stable identifier for programs, e.g. "context.first",
	// "achievement.name", "vc1.issuanceDate", "schema.required".
	Code    string `json:"code"`
	Message string `json:"message"`
}

func (f Finding) String() string {
	p := f.Pointer
	if p == "" {
		p = "/"
	}
	return fmt.Sprintf("%s %s: %s [%s]", f.Severity, p, f.Message, f.Code)
}

// Findings is the result of a validation, data-model findings first.
type Findings []Finding

// HasErrors reports whether any finding is an error.
func (fs Findings) HasErrors() bool {
	return slices.ContainsFunc(fs, func(f Finding) bool { return f.Severity == SeverityError })
}

// Errors returns the findings of severity error.
func (fs Findings) Errors() Findings {
	var out Findings
	for _, f := range fs {
		if f.Severity == SeverityError {
			out = append(out, f)
		}
	}
	return out
}

// Warnings returns the findings of severity warning.
func (fs Findings) Warnings() Findings {
	var out Findings
	for _, f := range fs {
		if f.Severity == SeverityWarning {
			out = append(out, f)
		}
	}
	return out
}

// Codes lists the codes of the findings, in order, for tests and logs.
func (fs Findings) Codes() []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Code
	}
	return out
}

// Err returns nil when there are no errors, and otherwise an
// *InvalidError, which matches ErrInvalidCredential.
func (fs Findings) Err() error {
	if !fs.HasErrors() {
		return nil
	}
	return &InvalidError{Findings: fs.Errors()}
}

// ErrInvalidCredential: the credential breaks the data model or its JSON
// Schema. The *InvalidError carrying it lists every finding.
var ErrInvalidCredential = errors.New("badge: credential is not valid")

// InvalidError lists the errors that make a credential invalid.
type InvalidError struct {
	Findings Findings
}

func (e *InvalidError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "badge: credential is not valid (%d errors)", len(e.Findings))
	for i, f := range e.Findings {
		if i == 3 {
			fmt.Fprintf(&b, "; ...")
			break
		}
		fmt.Fprintf(&b, "; %s", f)
	}
	return b.String()
}

// Is makes errors.Is(err, ErrInvalidCredential) true.
func (e *InvalidError) Is(target error) bool { return target == ErrInvalidCredential }

//go:embed schemas/*.json
var schemaFS embed.FS

// The official schemas, by the file they are embedded from and their $id.
var schemaFiles = []struct{ file, id string }{
	{"ob_v3p0_achievementcredential_schema.json", "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"},
	{"ob_v3p0_endorsementcredential_schema.json", "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_endorsementcredential_schema.json"},
	{"ob_v3p0_profile_schema.json", "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_profile_schema.json"},
	{"clr_v2p0_clrcredential_schema.json", "https://purl.imsglobal.org/spec/clr/v2p0/schema/json/clr_v2p0_clrcredential_schema.json"},
}

// Validator checks credentials against the data model and the official
// 1EdTech JSON Schemas, which it compiles once. It is safe for concurrent
// use. It never loads anything: the schemas are embedded.
type Validator struct {
	limits      Limits
	achievement *jsonschema.Schema
	endorsement *jsonschema.Schema
	clr         *jsonschema.Schema
	profile     *jsonschema.Schema
}

// NewValidator compiles the embedded schemas. Documents larger or deeper
// than limits are refused with a finding (the zero Limits are the
// defaults).
func NewValidator(limits Limits) (*Validator, error) {
	c := jsonschema.NewCompiler()
	c.UseLoader(noLoader{})
	c.AssertFormat()
	for _, s := range schemaFiles {
		data, err := schemaFS.ReadFile("schemas/" + s.file)
		if err != nil {
			return nil, err
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("badge: embedded schema %s: %w", s.file, err)
		}
		if err := c.AddResource(s.id, doc); err != nil {
			return nil, fmt.Errorf("badge: embedded schema %s: %w", s.file, err)
		}
	}
	v := &Validator{limits: limits}
	for _, s := range []struct {
		dst **jsonschema.Schema
		id  string
	}{
		{&v.achievement, schemaFiles[0].id}, {&v.endorsement, schemaFiles[1].id},
		{&v.profile, schemaFiles[2].id}, {&v.clr, schemaFiles[3].id},
	} {
		sch, err := c.Compile(s.id)
		if err != nil {
			return nil, fmt.Errorf("badge: compiling %s: %w", s.id, err)
		}
		*s.dst = sch
	}
	return v, nil
}

// noLoader refuses to load any schema that is not embedded, so a $ref to a
// remote document can never cause a network request.
type noLoader struct{}

func (noLoader) Load(url string) (any, error) {
	return nil, fmt.Errorf("badge: schema %s is not embedded and will not be fetched", url)
}

// Validate checks a JSON credential (an AchievementCredential or
// OpenBadgeCredential, an EndorsementCredential, or a ClrCredential): the
// data-model rules of CheckDataModel, then the official JSON Schema for its
// class. It never returns nil findings for a broken document, and never
// panics. Proofs, status, expiry and issuer keys are not checked here:
// that is package verify's work.
//
// VC Data Model 1.1 credentials (credentials/v1 context, issuanceDate,
// expirationDate) are accepted with warnings. No "any version" schema has
// been published, so the schema is applied to the VC 2.0 reading of such a
// credential (first context item, issuanceDate and expirationDate mapped
// to their 2.0 names); findings point at the original properties.
func (v *Validator) Validate(data []byte) Findings {
	if err := v.limits.Check(data); err != nil {
		return Findings{findingFromError(err)}
	}
	kind, err := peekKind(data)
	if err != nil {
		return Findings{findingFromError(err)}
	}
	var out Findings
	var cred Credential
	switch kind {
	case KindEndorsement:
		cred = new(EndorsementCredential)
	case KindCLR:
		cred = new(ClrCredential)
	default:
		if kind == KindUnknown {
			out = append(out, Finding{Pointer: "/type", Severity: SeverityError, Code: "type.unknown-credential",
				Message: fmt.Sprintf("type must include %q (or %q), %q or %q; checked as an AchievementCredential",
					TypeOpenBadgeCredential, TypeAchievementCredential, TypeEndorsementCredential, TypeClrCredential)})
		}
		cred = new(AchievementCredential)
	}
	if err := json.Unmarshal(data, cred); err != nil {
		out = append(out, findingFromError(decodeError(err)))
	} else {
		model := CheckDataModel(cred)
		if kind == KindUnknown {
			model = slices.DeleteFunc(model, func(f Finding) bool { return f.Code == "type.missing-class" && f.Pointer == "/type" })
		}
		out = append(out, model...)
		if clr, ok := cred.(*ClrCredential); ok && clr.CredentialSubject != nil {
			out = append(out, v.nested(clr.CredentialSubject)...)
		}
	}
	sch := v.achievement
	switch kind {
	case KindEndorsement:
		sch = v.endorsement
	case KindCLR:
		sch = v.clr
	}
	out = append(out, schemaFindings(sch, data)...)
	return dedupe(out)
}

// nested validates the credentials a CLR bundles (data model only: their
// schemas are checked by validating them on their own).
func (v *Validator) nested(s *ClrSubject) Findings {
	var out Findings
	for i, raw := range s.VerifiableCredential {
		if len(raw) == 0 || raw[0] != '{' {
			continue
		}
		prefix := join("/credentialSubject/verifiableCredential", i)
		c, err := (Decoder{Limits: v.limits}).Parse(raw)
		if err != nil {
			f := findingFromError(err)
			f.Pointer = prefix + f.Pointer
			out = append(out, f)
			continue
		}
		for _, f := range CheckDataModel(c) {
			f.Pointer = prefix + f.Pointer
			out = append(out, f)
		}
	}
	return out
}

// ValidateCredential validates a parsed credential over its original bytes,
// or, for a credential built in Go, over its JSON encoding.
func (v *Validator) ValidateCredential(c Credential) Findings {
	data := c.Raw()
	if data == nil {
		var err error
		if data, err = json.Marshal(c); err != nil {
			return Findings{{Severity: SeverityError, Code: "json.marshal", Message: err.Error()}}
		}
	}
	return v.Validate(data)
}

// ValidateProfile checks an issuer Profile document against the official
// Profile schema and the data-model rules for profiles.
func (v *Validator) ValidateProfile(data []byte) Findings {
	if err := v.limits.Check(data); err != nil {
		return Findings{findingFromError(err)}
	}
	var out Findings
	var p Profile
	if err := json.Unmarshal(data, &p); err != nil {
		out = append(out, findingFromError(decodeError(err)))
	} else {
		var c checker
		c.profile("", &p, "profile")
		out = append(out, c.out...)
	}
	return dedupe(append(out, schemaFindings(v.profile, data)...))
}

func findingFromError(err error) Finding {
	f := Finding{Severity: SeverityError, Message: err.Error()}
	var pe *PathError
	if errors.As(err, &pe) {
		f.Pointer, f.Message = pe.Pointer, pe.Err.Error()
	}
	switch {
	case errors.Is(err, ErrTooLarge):
		f.Code = "json.too-large"
	case errors.Is(err, ErrTooDeep):
		f.Code = "json.too-deep"
	case errors.Is(err, ErrInvalidUTF8):
		f.Code = "json.invalid-utf8"
	case errors.Is(err, ErrDuplicateKey):
		f.Code = "json.duplicate-key"
	case errors.Is(err, ErrWrongType):
		f.Code = "json.wrong-type"
	case errors.Is(err, ErrNotCredential):
		f.Code = "type.unknown-credential"
	default:
		f.Code = "json.invalid"
	}
	return f
}

// schemaFindings runs the schema on data (already checked by Limits.Check).
func schemaFindings(sch *jsonschema.Schema, data []byte) Findings {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return Findings{{Severity: SeverityError, Code: "json.invalid", Message: err.Error()}}
	}
	renamed := vc2Reading(doc)
	err = sch.Validate(doc)
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
	var walk func(v any, ptr string)
	walk = func(v any, ptr string) {
		switch v := v.(type) {
		case map[string]any:
			if ctx, ok := v["@context"].([]any); ok && len(ctx) > 0 && ctx[0] == ContextVCv1 {
				ctx[0] = ContextVCv2
				for old, now := range map[string]string{"issuanceDate": "validFrom", "expirationDate": "validUntil"} {
					if x, ok := v[old]; ok {
						if _, has := v[now]; !has {
							v[now] = x
							r[ptr+"/"+now] = ptr + "/" + old
						}
						delete(v, old)
					}
				}
			}
			for k, x := range v {
				walk(x, ptr+"/"+escapePointer(k))
			}
		case []any:
			for i, x := range v {
				walk(x, ptr+"/"+strconv.Itoa(i))
			}
		}
	}
	walk(doc, "")
	return r
}

// dedupe drops repeated findings (same pointer and code), keeping order.
func dedupe(fs Findings) Findings {
	seen := map[[2]string]bool{}
	out := fs[:0]
	for _, f := range fs {
		k := [2]string{f.Pointer, f.Code + f.Message}
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, f)
	}
	return out
}
