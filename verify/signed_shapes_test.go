package verify

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/microcred/microcred/internal/jsonld"
)

// contextTerms collects, from one context document, every term definition
// (top level and scoped) as term → IRIs, resolving compact IRIs with the
// prefixes in scope. It reads the documents, not our expander, so that the
// shapes are checked against the published contexts themselves.
func contextTerms(c any, prefixes map[string]string, out map[string][]string) {
	switch c := c.(type) {
	case []any:
		for _, x := range c {
			contextTerms(x, prefixes, out)
		}
	case map[string]any:
		p := map[string]string{}
		for k, v := range prefixes {
			p[k] = v
		}
		for k, v := range c {
			if s, ok := v.(string); ok && (strings.HasSuffix(s, "#") || strings.HasSuffix(s, "/")) {
				p[k] = s
			}
		}
		for k, v := range c {
			var iri string
			switch d := v.(type) {
			case string:
				iri = d
			case map[string]any:
				iri, _ = d["@id"].(string)
				if sc, ok := d["@context"]; ok {
					contextTerms(sc, p, out)
				}
			}
			if pre, rest, ok := strings.Cut(iri, ":"); ok && !strings.HasPrefix(rest, "//") {
				if ns, ok := p[pre]; ok {
					iri = ns + rest
				}
			}
			if iri != "" && !slices.Contains(out[k], iri) {
				out[k] = append(out[k], iri)
			}
		}
	}
}

// TestSignedShapesCoverStandardContexts pins checkSigned's IRIs to the
// embedded standard contexts: every IRI a context gives a term the checks
// read is one the shapes accept for that term, so a credential spelled
// the standard way under any context version is never refused, and the
// reverse lookup (a key whose IRI is the term's) finds every spelling.
func TestSignedShapesCoverStandardContexts(t *testing.T) {
	accepted := map[string][]string{}
	var walk func(s *shape)
	seen := map[*shape]bool{}
	walk = func(s *shape) {
		if s == nil || seen[s] {
			return
		}
		seen[s] = true
		for _, p := range s.props {
			accepted[p.term] = append(accepted[p.term], p.iris...)
			walk(p.shape)
		}
	}
	walk(credentialShape)
	accepted["endorsement"] = append(accepted["endorsement"], endorsementIRIs...)
	accepted["endorsementJwt"] = append(accepted["endorsementJwt"], endorsementIRIs...)

	// Same term, another property that no check reads where it is defined.
	elsewhere := map[string]string{
		"https://www.w3.org/ns/credentials/status#status": "BitstringStatusList's status messages",
		"https://schema.org/identifier":                   "schema.org identifier of examples and DID contexts",
		"https://w3id.org/credentials#credential":         "Open Badges 2.0 endorsement (package badge/ob2)",
		"https://w3id.org/security#salt":                  "security/v1's salt of encrypted messages",
	}
	for _, ci := range jsonld.EmbeddedContexts() {
		if ci.Variant || strings.Contains(ci.URL, "openbadges/v2") {
			continue
		}
		raw, err := jsonld.EmbeddedContext(ci.URL)
		if err != nil {
			t.Fatal(err)
		}
		var doc map[string]any
		if err := json.Unmarshal(raw, &doc); err != nil {
			t.Fatal(err)
		}
		defs := map[string][]string{}
		// security/v2 imports security/v1 and uses its prefixes.
		contextTerms(doc["@context"], map[string]string{"sec": nsSec, "cred": nsCred, "dc": "http://purl.org/dc/terms/"}, defs)
		for term, iris := range defs {
			ok, read := accepted[term]
			if !read {
				continue
			}
			for _, iri := range iris {
				if !slices.Contains(ok, iri) && elsewhere[iri] == "" && !strings.HasPrefix(iri, "@") {
					t.Errorf("%s defines %q as %s, which checkSigned does not accept for it", ci.URL, term, iri)
				}
			}
		}
	}
}
