package jsonld

import (
	"embed"
	"encoding/json"
	"fmt"
	"path"
	"sync"
)

//go:embed contexts/*.json contexts/*.jsonld contexts/extensions/*.json
var contextFS embed.FS

// ContextInfo describes one embedded context document.
type ContextInfo struct {
	// URL is the context's canonical URL.
	URL string
	// Aliases are other names that resolve to the same document.
	Aliases []string
	// File is the document's path inside the embedded contexts directory.
	File string
	// Variant is true for a document that is NOT served for URL by default
	// (see Variants in LoaderOptions).
	Variant bool
}

// embeddedContext is one row of the immutable embedded table. Its document is
// parsed at most once per process, on first use, and never modified after.
type embeddedContext struct {
	ContextInfo
	once sync.Once
	doc  map[string]any
	err  error
}

// The table mirrors contexts/MANIFEST.tsv. Two rows in that manifest are
// variants of a URL that already has a current file:
//
//   - ob-v3p0-context-3.0.3.validator-variant.json adds top-level terms (jti,
//     endorsementJwt) that the context purl served did not have. Serving it by
//     default would make us accept credentials that every other verifier
//     rejects as having undefined terms.
//   - clr-v2p0-context-2.0.1.pre-partial.json is an older copy without the
//     ClrCredential "partial" term. The current file is a superset, so the
//     1EdTech CLR vector canonicalizes identically with either.
//
// Both stay reachable by name (LoaderOptions.Variants) for diffing and for
// hosts that must reproduce signatures made against them.
var embeddedTable = []*embeddedContext{
	ctxRow("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json", "ob-v3p0-context-3.0.3.json"),
	variantRow("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json", "ob-v3p0-context-3.0.3.validator-variant.json"),
	ctxRow("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json", "ob-v3p0-context-3.0.2.json"),
	ctxRow("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json", "ob-v3p0-context-3.0.1.json"),
	ctxRow("https://purl.imsglobal.org/spec/ob/v3p0/context.json", "ob-v3p0-context-3.0.0.json",
		// The 1EdTech validator maps this alias to the same file.
		"https://purl.imsglobal.org/spec/ob/v3p0/context/ob_v3p0.jsonld"),
	ctxRow("OBv3_beta", "ob-v3p0-context-3.0-beta.json",
		"https://imsglobal.github.io/openbadges-specification/ob_v3p0.html",
		"https://w3c-ccg.github.io/vc-ed/plugfest-1-2022/jff-vc-edu-plugfest-1-context.json"),
	ctxRow("https://purl.imsglobal.org/spec/ob/v3p0/extensions.json", "ob-v3p0-extensions.json"),
	ctxRow("https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json", "clr-v2p0-context-2.0.1.json"),
	variantRow("https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json", "clr-v2p0-context-2.0.1.pre-partial.json"),
	ctxRow("https://purl.imsglobal.org/spec/clr/v2p0/context.json", "clr-v2p0-context.json"),
	ctxRow("https://www.w3.org/2018/credentials/v1", "credentials-v1.jsonld"),
	ctxRow("https://www.w3.org/ns/credentials/v2", "credentials-v2.jsonld"),
	ctxRow("https://www.w3.org/ns/credentials/undefined-terms/v2", "credentials-undefined-terms-v2.jsonld"),
	ctxRow("https://www.w3.org/2018/credentials/examples/v1", "credentials-examples-v1.jsonld"),
	ctxRow("https://www.w3.org/ns/credentials/examples/v2", "credentials-examples-v2.jsonld"),
	ctxRow("https://w3id.org/citizenship/v4rc1", "citizenship-v4rc1.jsonld"),
	ctxRow("https://w3id.org/security/data-integrity/v1", "data-integrity-v1.jsonld"),
	ctxRow("https://w3id.org/security/data-integrity/v2", "data-integrity-v2.jsonld"),
	ctxRow("https://w3id.org/security/multikey/v1", "multikey-v1.jsonld"),
	ctxRow("https://w3id.org/security/suites/ed25519-2020/v1", "ed25519-signature-2020-v1.jsonld"),
	ctxRow("https://www.w3.org/ns/credentials/status/v1", "bitstring-status-list-v1.jsonld"),
	ctxRow("https://w3id.org/vc/status-list/2021/v1", "status-list-2021-v1.jsonld"),
	ctxRow("https://www.w3.org/ns/did/v1", "did-v1.jsonld"),
	ctxRow("https://w3id.org/security/v1", "security-v1.jsonld"),
	ctxRow("https://w3id.org/security/v2", "security-v2.jsonld"),
	ctxRow("https://w3id.org/openbadges/v2", "openbadges-v2.jsonld",
		"https://openbadgespec.org/v2/context.json"),
	ctxRow("https://openbadgespec.org/extensions/accessibilityExtension/context-3.0.0.json", "extensions/accessibilityExtension-context-3.0.0.json"),
	ctxRow("https://openbadgespec.org/extensions/applyLinkExtension/context-3.0.0.json", "extensions/applyLinkExtension-context-3.0.0.json"),
	ctxRow("https://openbadgespec.org/extensions/geoCoordinatesExtension/context-3.0.0.json", "extensions/geoCoordinatesExtension-context-3.0.0.json"),
	ctxRow("https://openbadgespec.org/extensions/licenseExtension/context-3.0.0.json", "extensions/licenseExtension-context-3.0.0.json"),
	ctxRow("https://purl.imsglobal.org/spec/ob-assessment/v2p0/context/", "extensions/ob-assessment-v2p0-context.json"),
	ctxRow("https://purl.imsglobal.org/spec/ob-accred/v2p0/context/", "extensions/ob-accred-v2p0-context.json"),
}

func ctxRow(url, file string, aliases ...string) *embeddedContext {
	return &embeddedContext{ContextInfo: ContextInfo{URL: url, File: file, Aliases: aliases}}
}

func variantRow(url, file string) *embeddedContext {
	return &embeddedContext{ContextInfo: ContextInfo{URL: url, File: file, Variant: true}}
}

// embeddedIndex maps every URL and alias to its default (non-variant)
// document, and every variant's file name to the variant. It is built once
// from embeddedTable and only read afterwards.
var embeddedIndex = buildEmbeddedIndex()

type embeddedIndexes struct {
	byURL     map[string]*embeddedContext
	byVariant map[string]*embeddedContext
}

func buildEmbeddedIndex() embeddedIndexes {
	ix := embeddedIndexes{
		byURL:     make(map[string]*embeddedContext),
		byVariant: make(map[string]*embeddedContext),
	}
	for _, e := range embeddedTable {
		if e.Variant {
			ix.byVariant[e.File] = e
			continue
		}
		for _, k := range append([]string{e.URL}, e.Aliases...) {
			if _, dup := ix.byURL[k]; dup {
				panic("jsonld: duplicate embedded context key " + k) // a bug in the table above
			}
			ix.byURL[k] = e
		}
	}
	return ix
}

// EmbeddedContexts lists the embedded context documents, variants included.
func EmbeddedContexts() []ContextInfo {
	out := make([]ContextInfo, len(embeddedTable))
	for i, e := range embeddedTable {
		out[i] = e.ContextInfo
		out[i].Aliases = append([]string(nil), e.Aliases...)
	}
	return out
}

// EmbeddedContext returns the exact bytes of an embedded context, looked up by
// URL, alias or (for variants) file name.
func EmbeddedContext(name string) ([]byte, error) {
	e := embeddedIndex.byURL[name]
	if e == nil {
		e = embeddedIndex.byVariant[name]
	}
	if e == nil {
		return nil, fmt.Errorf("%w: %q is not embedded", ErrUnknownContext, name)
	}
	return contextFS.ReadFile(path.Join("contexts", e.File))
}

// document parses the embedded file once. The parsed value is shared by every
// caller and must never be modified; loaders hand out copies.
func (e *embeddedContext) document() (map[string]any, error) {
	e.once.Do(func() {
		raw, err := contextFS.ReadFile(path.Join("contexts", e.File))
		if err != nil {
			e.err = err
			return
		}
		e.doc, e.err = parseContextDocument(raw)
	})
	if e.err != nil {
		return nil, fmt.Errorf("jsonld: embedded context %s (%s): %w", e.URL, e.File, e.err)
	}
	return e.doc, nil
}

// parseContextDocument decodes a context document. Numbers stay float64:
// json-gold compares "@version" against the float 1.1.
func parseContextDocument(raw []byte) (map[string]any, error) {
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalidContext, err)
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%w: a context document must be a JSON object", ErrInvalidContext)
	}
	if _, ok := m["@context"]; !ok {
		return nil, fmt.Errorf("%w: a context document must have an @context member", ErrInvalidContext)
	}
	if hasEmptyKey(m) {
		return nil, fmt.Errorf("%w: a term cannot be the empty string", ErrInvalidContext)
	}
	return m, nil
}

func hasEmptyKey(v any) bool {
	switch t := v.(type) {
	case map[string]any:
		for k, x := range t {
			if k == "" || hasEmptyKey(x) {
				return true
			}
		}
	case []any:
		for _, x := range t {
			if hasEmptyKey(x) {
				return true
			}
		}
	}
	return false
}
