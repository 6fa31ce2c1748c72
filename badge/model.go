package badge

import (
	"fmt"
	"net/url"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// The patterns the schemas use for the second and third @context items.
var (
	obContextPattern  = regexp.MustCompile(`^https://purl\.imsglobal\.org/spec/ob/v3p0/context(-3\.\d\.\d)*\.json$`)
	clrContextPattern = regexp.MustCompile(`^https://purl\.imsglobal\.org/spec/clr/v2p0/context(-2\.\d\.\d)*\.json$`)
	compactJWSPattern = regexp.MustCompile(`^[a-zA-Z0-9_-]+\.[a-zA-Z0-9_-]*\.[a-zA-Z0-9_-]+$`)
)

// checker collects data-model findings.
type checker struct {
	out Findings
	// inherited are the @context URLs of the credentials enclosing the one
	// being checked: an embedded endorsement is in their scope, so terms
	// they define are defined for it too.
	inherited []string
}

// enter adds vc's contexts to the inherited ones until leave is called
// with the mark it returns.
func (c *checker) enter(vc *VerifiableCredential) (mark int) {
	mark = len(c.inherited)
	for _, e := range vc.Context {
		c.inherited = append(c.inherited, e.URL)
	}
	return mark
}

// leave drops the contexts added since enter returned mark.
func (c *checker) leave(mark int) { c.inherited = c.inherited[:mark] }

func (c *checker) errorf(ptr, code, format string, args ...any) {
	c.out = append(c.out, Finding{Pointer: ptr, Severity: SeverityError, Code: code, Message: fmt.Sprintf(format, args...)})
}

func (c *checker) warnf(ptr, code, format string, args ...any) {
	c.out = append(c.out, Finding{Pointer: ptr, Severity: SeverityWarning, Code: code, Message: fmt.Sprintf(format, args...)})
}

func join(ptr string, tokens ...any) string {
	// A property of the model below a pointer the model has: built once,
	// not once per check (a verification's checks build a dozen or more).
	if len(tokens) == 1 {
		if t, ok := tokens[0].(string); ok {
			if p, ok := modelPointers()[pointerKey{ptr, t}]; ok {
				return p
			}
		}
	}
	return buildPointer(ptr, tokens...)
}

// buildPointer is join without the table.
func buildPointer(ptr string, tokens ...any) string {
	// One allocation for the usual pointer (only an escaped '~' or '/'
	// needs more room).
	n := len(ptr)
	for _, t := range tokens {
		switch t := t.(type) {
		case int:
			n += 1 + 20
		case string:
			n += 1 + len(t)
		}
	}
	var b strings.Builder
	b.Grow(n)
	b.WriteString(ptr)
	for _, t := range tokens {
		b.WriteByte('/')
		switch t := t.(type) {
		case int:
			b.WriteString(strconv.Itoa(t))
		case string:
			b.WriteString(escapePointer(t))
		}
	}
	return b.String()
}

// pointerKey is a pointer and a property below it.
type pointerKey struct{ parent, property string }

// modelPointers maps each property of the credential classes, down to
// four levels and not below an array (whose pointers hold an index), to
// its JSON Pointer: a few hundred strings, derived from the field tables
// once, on first use, and only read afterwards.
var modelPointers = sync.OnceValue(func() map[pointerKey]string {
	m := make(map[pointerKey]string)
	var walk func(t reflect.Type, ptr string, depth int)
	walk = func(t reflect.Type, ptr string, depth int) {
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || depth == 0 {
			return
		}
		for _, fi := range fieldsOf(t) {
			p := ptr + "/" + escapePointer(fi.name)
			m[pointerKey{ptr, fi.name}] = p
			walk(t.FieldByIndex(fi.index).Type, p, depth-1)
		}
	}
	for _, t := range []reflect.Type{reflect.TypeFor[AchievementCredential](), reflect.TypeFor[EndorsementCredential](), reflect.TypeFor[ClrCredential]()} {
		walk(t, "", 4)
	}
	return m
})

// CheckDataModel applies the Open Badges 3.0 / CLR 2.0 data-model rules
// that do not need the JSON Schemas: required properties, type values,
// @context order, dates, vocabularies, and references inside the
// credential (a result's resultDescription, a level's id). It is what the
// builders run, and the first half of Validator.Validate.
func CheckDataModel(cred Credential) Findings {
	var c checker
	// Room for a credential's contexts (two or three) in one allocation,
	// not one per append.
	var inherited [4]string
	c.inherited = inherited[:0]
	switch cr := cred.(type) {
	case *AchievementCredential:
		c.achievementCredential("", cr)
	case *EndorsementCredential:
		c.endorsementCredential("", cr)
	case *ClrCredential:
		c.clrCredential("", cr)
	default:
		c.errorf("", "type.unknown-credential", "%T is not a credential this package models", cred)
	}
	return c.out
}

// vc checks the common credential properties. Call leave with the
// returned mark when done with the credential's embedded parts (see
// enter).
func (c *checker) vc(ptr string, vc *VerifiableCredential, kind Kind) (mark int) {
	c.context(ptr, vc, kind)
	if needsExtensionsContext(vc) && !hasContext(vc, ContextExtensions) && !slices.Contains(c.inherited, ContextExtensions) {
		c.errorf(join(ptr, "@context"), "context.extensions-missing",
			"1EdTech status, refresh or schema types are used but %s is not in @context: they are undefined JSON-LD terms without it", ContextExtensions)
	}
	mark = c.enter(vc)
	switch {
	case len(vc.Type) == 0:
		c.errorf(join(ptr, "type"), "type.missing", "type is required")
	case !vc.HasType(TypeVerifiableCredential):
		c.errorf(join(ptr, "type"), "type.missing-vc", "type must include %q", TypeVerifiableCredential)
	}
	if KindOf(vc.Type) != kind {
		want := map[Kind]string{
			KindAchievement: TypeAchievementCredential + `" or "` + TypeOpenBadgeCredential,
			KindEndorsement: TypeEndorsementCredential,
			KindCLR:         TypeClrCredential,
		}[kind]
		c.errorf(join(ptr, "type"), "type.missing-class", `type must include "%s"`, want)
	}
	if vc.ID == "" {
		c.errorf(join(ptr, "id"), "id.missing", "id is required (a URI, e.g. urn:uuid:...)")
	} else {
		c.uri(join(ptr, "id"), vc.ID)
	}
	if vc.Issuer == nil || vc.Issuer.ID == "" {
		c.errorf(join(ptr, "issuer"), "issuer.missing", "issuer is required: a URI or a Profile with an id")
	} else {
		c.profile(join(ptr, "issuer"), vc.Issuer, "issuer")
	}
	c.dates(ptr, vc)
	if s := vc.CredentialStatus; s != nil {
		if s.Type == "" {
			c.errorf(join(ptr, "credentialStatus", "type"), "status.type", "credentialStatus needs a type")
		}
		if s.ID != "" {
			c.uri(join(ptr, "credentialStatus", "id"), s.ID)
		}
	}
	if r := vc.RefreshService; r != nil {
		if r.Type == "" || r.ID == "" {
			c.errorf(join(ptr, "refreshService"), "refresh.incomplete", "refreshService needs an id and a type")
		}
	}
	for i, s := range vc.CredentialSchema {
		if s.Type == "" || s.ID == "" {
			c.errorf(join(ptr, "credentialSchema", i), "schema-ref.incomplete", "credentialSchema needs an id and a type")
		}
	}
	for i, t := range vc.TermsOfUse {
		if t.Type == "" {
			c.errorf(join(ptr, "termsOfUse", i, "type"), "terms.type", "termsOfUse needs a type")
		}
	}
	for i, p := range vc.Proof {
		if p.Type == "" {
			c.errorf(join(ptr, "proof", i, "type"), "proof.type", "a proof needs a type")
		}
		if p.Created != "" {
			c.date(join(ptr, "proof", i, "created"), p.Created)
		}
	}
	return mark
}

func (c *checker) context(ptr string, vc *VerifiableCredential, kind Kind) {
	p := join(ptr, "@context")
	if len(vc.Context) == 0 {
		c.errorf(p, "context.missing", "@context is required")
		return
	}
	switch vc.Context[0].URL {
	case ContextVCv2:
	case ContextVCv1:
		c.warnf(join(p, 0), "vc1.context", "VC Data Model 1.1 context: accepted for legacy credentials; issue new ones with %s", ContextVCv2)
	default:
		c.errorf(join(p, 0), "context.first", "the first @context item must be %s", ContextVCv2)
	}
	want := []*regexp.Regexp{obContextPattern}
	names := []string{"the Open Badges 3.0 context"}
	if kind == KindCLR {
		want = []*regexp.Regexp{clrContextPattern, obContextPattern}
		names = []string{"the CLR 2.0 context", "the Open Badges 3.0 context"}
	}
	for i, re := range want {
		idx := i + 1
		if idx >= len(vc.Context) || !re.MatchString(vc.Context[idx].URL) {
			found := slices.ContainsFunc(vc.Context, func(e ContextEntry) bool { return re.MatchString(e.URL) })
			if found {
				c.errorf(join(p, idx), "context.order", "%s must be @context item %d", names[i], idx)
			} else {
				c.errorf(join(p, idx), "context.missing-ob", "@context item %d must be %s", idx, names[i])
			}
			continue
		}
		u := vc.Context[idx].URL
		if (re == obContextPattern && u != ContextOB) || (re == clrContextPattern && u != ContextCLR) {
			latest := ContextOB
			if re == clrContextPattern {
				latest = ContextCLR
			}
			c.warnf(join(p, idx), "context.outdated", "%s is an older version of the context; the current one is %s", u, latest)
		}
	}
}

func hasContext(vc *VerifiableCredential, u string) bool {
	return slices.ContainsFunc(vc.Context, func(e ContextEntry) bool { return e.URL == u })
}

func needsExtensionsContext(vc *VerifiableCredential) bool {
	if s := vc.CredentialStatus; s != nil && s.Type == TypeRevocationList {
		return true
	}
	if r := vc.RefreshService; r != nil && r.Type == TypeCredentialRefresh {
		return true
	}
	return slices.ContainsFunc(vc.CredentialSchema, func(s CredentialSchema) bool { return s.Type == TypeJSONSchemaValidator2019 })
}

func (c *checker) dates(ptr string, vc *VerifiableCredential) {
	if vc.IssuanceDate != "" {
		c.warnf(join(ptr, "issuanceDate"), "vc1.issuanceDate", "issuanceDate is the VC 1.1 form; VC 2.0 credentials use validFrom")
		c.date(join(ptr, "issuanceDate"), vc.IssuanceDate)
	}
	if vc.ExpirationDate != "" {
		c.warnf(join(ptr, "expirationDate"), "vc1.expirationDate", "expirationDate is the VC 1.1 form; VC 2.0 credentials use validUntil")
		c.date(join(ptr, "expirationDate"), vc.ExpirationDate)
	}
	switch {
	case vc.ValidFrom != "":
		c.date(join(ptr, "validFrom"), vc.ValidFrom)
	case vc.IssuanceDate == "":
		c.errorf(join(ptr, "validFrom"), "validFrom.missing", "validFrom is required")
	}
	if vc.ValidUntil != "" {
		c.date(join(ptr, "validUntil"), vc.ValidUntil)
		from, err1 := vc.ValidFrom.Time()
		until, err2 := vc.ValidUntil.Time()
		if err1 == nil && err2 == nil && until.Before(from) {
			c.errorf(join(ptr, "validUntil"), "validUntil.before-validFrom", "validUntil (%s) is before validFrom (%s)", vc.ValidUntil, vc.ValidFrom)
		}
	}
	if vc.AwardedDate != "" {
		c.date(join(ptr, "awardedDate"), vc.AwardedDate)
	}
}

func (c *checker) date(ptr string, d DateTime) {
	if _, err := d.Time(); err != nil {
		c.errorf(ptr, "date.format", "%q is not an RFC 3339 date-time with a time zone, e.g. 2024-01-31T12:00:00Z", string(d))
	}
}

// uri checks the minimum every URI in the model needs: a scheme.
func (c *checker) uri(ptr, s string) {
	if !absoluteURI(s) {
		c.errorf(ptr, "uri.invalid", "%q is not an absolute URI", s)
	}
}

// absoluteURI reports whether url.Parse accepts s and finds a scheme. The
// URIs credentials carry (did:, urn:, https://host/path) are answered
// without building a *url.URL, by the rules url.Parse applies to them;
// anything else (a percent sign, a user, a bracketed or unusual host) is
// url.Parse's to decide. FuzzAbsoluteURI holds the two to agreement.
func absoluteURI(s string) bool {
	if ok, known := quickAbsoluteURI(s); known {
		return ok
	}
	u, err := url.Parse(s)
	return err == nil && u.Scheme != ""
}

// quickAbsoluteURI answers for the shapes it knows (known), or not at all.
func quickAbsoluteURI(s string) (ok, known bool) {
	for i := 0; i < len(s); i++ {
		// url.Parse refuses control bytes; unescaping is its to check.
		if c := s[i]; c < 0x20 || c == 0x7f || c == '%' {
			return false, false
		}
	}
	// The scheme: a letter, then letters, digits, '+', '-' or '.', up to
	// the first ':'.
	colon := -1
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			colon = i
		default:
			return false, false
		}
		if colon >= 0 {
			break
		}
	}
	if colon < 0 {
		return false, false
	}
	// What url.Parse reads after the scheme: the fragment and the query
	// cut off (neither can fail without a '%').
	rest := s[colon+1:]
	rest, _, _ = strings.Cut(rest, "#")
	rest, _, _ = strings.Cut(rest, "?")
	if !strings.HasPrefix(rest, "//") {
		// Opaque ("did:key:z6Mk...", "urn:uuid:...") or a path: accepted
		// as they are.
		return true, true
	}
	// An authority: a host of letters, digits, '.' and '-', and at most
	// an all-digit port.
	authority := rest[2:]
	if i := strings.IndexByte(authority, '/'); i >= 0 {
		authority = authority[:i]
	}
	host, port, hasPort := strings.Cut(authority, ":")
	if host == "" {
		return false, false
	}
	for i := 0; i < len(host); i++ {
		if c := host[i]; !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '.' || c == '-') {
			return false, false
		}
	}
	if hasPort {
		for i := 0; i < len(port); i++ {
			if port[i] < '0' || port[i] > '9' {
				return false, false
			}
		}
	}
	return true, true
}

// present reports whether a required string property is there, as a
// string or as a language map kept in extra.
func present(v string, extra Extra, prop string) bool {
	if v != "" {
		return true
	}
	_, ok := extra.LanguageMap(prop)
	return ok
}

func (c *checker) types(ptr string, got []string, want, code string) {
	if !slices.Contains(got, want) {
		c.errorf(join(ptr, "type"), code, "type must include %q (has %q)", want, got)
	}
}

func (c *checker) single(ptr, got, want, code string) {
	if got != want {
		c.errorf(join(ptr, "type"), code, "type must be %q (is %q)", want, got)
	}
}
