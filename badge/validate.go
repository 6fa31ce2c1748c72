package badge

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/microcred/microcred/internal/badgeseam"
)

// Validator checks credentials against the data model and the official
// 1EdTech JSON Schemas, which are compiled once per process and shared,
// read-only, by every Validator. It is safe for concurrent use. It never loads anything: the schemas are embedded.
//
// The schemas are checked by santhosh-tekuri/jsonschema. A conforming
// document, the common case, is settled by a quick form of each compiled
// schema that answers only "valid", without the library's error
// bookkeeping; any other document goes to the library, which writes every
// finding. The quick form is built from the library's compiled schema and
// defers on any keyword it does not implement, so it never accepts what
// the library rejects.
//
// The zero Validator is ready to use, with the default Limits; it compiles
// the schemas on first use. NewValidator compiles them at once and chooses
// the limits.
type Validator struct {
	limits Limits
	once   sync.Once
	set    *schemaSet
	err    error
}

type schemaSet struct {
	achievement, endorsement, clr, profile *officialSchema
}

// officialSchema is one compiled official schema and its quick form, which
// settles the common case (a conforming document) without the library's
// error bookkeeping; see quickSchema.
type officialSchema struct {
	lib   *jsonschema.Schema
	quick *quickSchema
}

// NewValidator compiles the embedded schemas, or reuses them when another
// Validator in the process already has. Documents larger or deeper
// than limits are refused with a finding (the zero Limits are the
// defaults); negative limits are refused with ErrInvalidLimits.
func NewValidator(limits Limits) (*Validator, error) {
	if err := limits.valid(); err != nil {
		return nil, err
	}
	v := &Validator{limits: limits}
	if _, err := v.schemas(); err != nil {
		return nil, err
	}
	return v, nil
}

func (v *Validator) schemas() (*schemaSet, error) {
	v.once.Do(func() { v.set, v.err = sharedSchemas() })
	return v.set, v.err
}

// sharedSchemas compiles the embedded schemas once per process: compiling
// them takes a large share of a second, and every Validator (every
// verify.Verifier builds one) would otherwise pay it again. Sharing the
// result is not shared mutable state: the schemas are embedded, so every
// compilation yields the same set; a compiled *jsonschema.Schema is never
// written after Compile returns and Validate only reads it (a Validator
// already shares its set between goroutines); and nothing per instance
// (the Limits) lives in the set. A compile error would be a broken build,
// and is returned to every caller alike.
var sharedSchemas = sync.OnceValues(compileSchemas)

func compileSchemas() (*schemaSet, error) {
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
	set := &schemaSet{}
	for _, s := range []struct {
		dst **officialSchema
		id  string
	}{
		{&set.achievement, schemaFiles[0].id}, {&set.endorsement, schemaFiles[1].id},
		{&set.profile, schemaFiles[2].id}, {&set.clr, schemaFiles[3].id},
	} {
		sch, err := c.Compile(s.id)
		if err != nil {
			return nil, fmt.Errorf("badge: compiling %s: %w", s.id, err)
		}
		*s.dst = &officialSchema{lib: sch, quick: newQuickSchema(sch)}
	}
	return set, nil
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
	_, fs := v.validate(data, nil)
	return fs
}

// ParseAndValidate is Parse (with the Validator's limits) and Validate in
// one pass: data is checked and decoded once for both. The credential is
// what Parse would return, nil when Parse would fail; the findings are
// what Validate would return.
func (v *Validator) ParseAndValidate(data []byte) (Credential, Findings) {
	return v.validate(data, nil)
}

// parseAndValidateDecoded is ParseAndValidate for a caller that has already
// read data with internal/strictjson's Decode, under limits no looser than
// the Validator's, into tree: the class and the JSON Schema then read tree,
// and data is not checked again (but for its size). tree must be exactly
// that reading of data, a precondition this package cannot check, so only
// package verify reaches it, through internal/badgeseam.
func (v *Validator) parseAndValidateDecoded(data []byte, tree map[string]any) (Credential, Findings) {
	return v.validate(data, tree)
}

func init() {
	badgeseam.ParseAndValidateDecoded = (*Validator).parseAndValidateDecoded
}

func (v *Validator) validate(data []byte, tree map[string]any) (Credential, Findings) {
	check := v.limits.Check
	if tree != nil {
		// The caller's strict reading of data, under these limits,
		// checked everything Check would but the size.
		check = v.limits.checkSize
	}
	if err := check(data); err != nil {
		return nil, Findings{findingFromError(err)}
	}
	kind, ok := kindOfTree(tree)
	if !ok {
		var err error
		if kind, err = peekKind(data); err != nil {
			return nil, Findings{findingFromError(err)}
		}
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
	// data passed Limits.Check, which json.Unmarshal's own validity scan
	// would repeat; the decoders below need only that (as in Parse). With
	// a tree, the typed view shares its strings.
	parsed := Credential(nil)
	var err error
	if tree != nil {
		err = cred.(treeDecoder).decodeTree(data, tree)
	} else {
		err = cred.(json.Unmarshaler).UnmarshalJSON(data)
	}
	if err != nil {
		out = append(out, findingFromError(decodeError(err)))
	} else {
		if kind != KindUnknown {
			// UnmarshalJSON kept its own copy of data, white space and
			// all, as Raw: called directly, it saw the input exactly.
			parsed = cred
		}
		model := CheckDataModel(cred)
		if kind == KindUnknown {
			model = slices.DeleteFunc(model, func(f Finding) bool { return f.Code == "type.missing-class" && f.Pointer == "/type" })
		}
		out = append(out, model...)
		if clr, ok := cred.(*ClrCredential); ok && clr.CredentialSubject != nil {
			out = append(out, v.nested(clr.CredentialSubject)...)
		}
	}
	set, err := v.schemas()
	if err != nil {
		return parsed, append(out, Finding{Severity: SeverityError, Code: "schema.unavailable", Message: err.Error()})
	}
	sch := set.achievement
	switch kind {
	case KindEndorsement:
		sch = set.endorsement
	case KindCLR:
		sch = set.clr
	}
	out = append(out, schemaFindings(sch, data, tree)...)
	return parsed, dedupe(out)
}

// kindOfTree is peekKind reading the decoded document instead of scanning
// data again. It answers only for a type that is a string or an array of
// strings; any other shape (or none) is peekKind's to explain.
func kindOfTree(tree map[string]any) (Kind, bool) {
	switch t := tree["type"].(type) {
	case string:
		return KindOf([]string{t}), true
	case []any:
		types := make([]string, len(t))
		for i, x := range t {
			s, ok := x.(string)
			if !ok {
				return KindUnknown, false
			}
			types[i] = s
		}
		return KindOf(types), true
	}
	return KindUnknown, false
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
	set, err := v.schemas()
	if err != nil {
		return append(out, Finding{Severity: SeverityError, Code: "schema.unavailable", Message: err.Error()})
	}
	return dedupe(append(out, schemaFindings(set.profile, data, nil)...))
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
