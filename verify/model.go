package verify

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/microcred/microcred/badge"
	"github.com/microcred/microcred/internal/badgeseam"
	"github.com/microcred/microcred/internal/jsonld"
	"github.com/microcred/microcred/internal/strictjson"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// Credential classes this verifier accepts.
var acceptedTypes = []string{"OpenBadgeCredential", "AchievementCredential", "EndorsementCredential", "ClrCredential"}

// officialSchemaPrefixes are the 1EdTech schema locations whose documents
// package badge embeds; a credentialSchema naming one of them is checked by
// the official validation, never fetched.
var officialSchemaPrefixes = []string{
	"https://purl.imsglobal.org/spec/ob/v3p0/schema/json/",
	"https://purl.imsglobal.org/spec/clr/v2p0/schema/json/",
}

// errNotCovered marks a context failure that leaves part of the document
// outside what a Data Integrity proof covers (an unknown context, an
// undefined term): it fails in every policy.
var errNotCovered = errors.New("not covered by the proof")

// errNotCredential marks a type failure that means the document is not a
// Verifiable Credential at all: it fails in every policy.
var errNotCredential = errors.New("not a credential")

// findingClass maps a badge.Finding code to the check that reports it.
func findingClass(code string) CheckID {
	switch {
	case strings.HasPrefix(code, "context.") || code == "vc1.context":
		return CheckContext
	case strings.HasPrefix(code, "type."):
		return CheckType
	case strings.HasPrefix(code, "subject.") || strings.HasPrefix(code, "identifier."):
		return CheckSubject
	}
	return CheckSchema
}

// checkModel runs the context, type, schema and subject checks: the
// conformance step of the Open Badges verification algorithm.
func (p *run) checkModel() {
	// One pass gives both the typed view (Report.Parsed) and the findings.
	var findings badge.Findings
	p.r.Parsed, findings = parseAndValidateDecoded(p.v.validator, p.raw, p.doc)
	by := map[CheckID][]badge.Finding{}
	for _, f := range findings {
		id := findingClass(f.Code)
		by[id] = append(by[id], f)
	}

	// Context: the data-model rules, then JSON-LD expansion in safe mode, so
	// an unknown context or an undefined term (which a signature over
	// canonical N-Quads would not cover) fails here with its name.
	// p.doc, not p.raw: the bytes passed checkJSON (the same strictness as
	// jsonld's own reader) and were decoded once already.
	// The expansion is kept: checkSigned compares it with what the checks
	// read, and the proof check canonicalizes from it.
	err := p.expand()
	var expandErr error
	if err != nil {
		expandErr = fmt.Errorf("%w: %w", errNotCovered, err)
	}
	if expandErr != nil && p.jwtRes != nil && errors.Is(expandErr, jsonld.ErrUndefinedTerm) {
		// A VC-JWT's signature covers the payload bytes, not an RDF
		// dataset, so an undefined term is not an unsigned claim there:
		// only a JSON-LD processor would drop it. The published Open
		// Badges 3.0.3 context lacks endorsementJwt, which the data model
		// defines, so VC-JWTs that use it would otherwise fail. Unknown
		// contexts and unsafe documents still fail.
		by[CheckContext] = append(by[CheckContext], badge.Finding{Severity: badge.SeverityWarning, Code: "context.undefined-term-jwt",
			Message: "a JSON-LD processor would drop an undefined term (the VC-JWT signature still covers it): " + expandErr.Error()})
		expandErr = nil
	}
	p.report(CheckContext, by[CheckContext], expandErr, fmt.Sprintf("%d contexts, all known; every term defined", countStrings(p.doc["@context"])))

	// Type.
	var typeErr error
	switch {
	case !slices.Contains(p.r.Types, "VerifiableCredential"):
		// Not a credential at all (a signed DID document, a presentation
		// fragment, ...): no policy calls that verified.
		typeErr = fmt.Errorf("%w: %w: type does not include VerifiableCredential", errNotCredential, ErrType)
	case !slices.ContainsFunc(p.r.Types, func(t string) bool { return slices.Contains(acceptedTypes, t) }):
		// A plain W3C credential: its proof, status and dates are checked
		// all the same, so the default policy verifies it as a VC and says
		// what it is not. A pathway must not count it (pathway.FromReport
		// looks at Types).
		typeErr = fmt.Errorf("%w: a W3C Verifiable Credential of type %q, not an Open Badge, CLR or Endorsement (%s): verified as a VC only",
			ErrType, p.r.Types, strings.Join(acceptedTypes, ", "))
	case p.expected != "" && !slices.Contains(p.r.Types, p.expected):
		typeErr = fmt.Errorf("%w: expected an %s, got %q", ErrType, p.expected, p.r.Types)
	}
	p.report(CheckType, by[CheckType], typeErr, "type "+strings.Join(p.r.Types, ", "))

	// Schema: the official schema (inside Validate) plus credentialSchema.
	schemaWarn, schemaErr := p.credentialSchemas()
	fs := by[CheckSchema]
	if schemaWarn != "" && schemaErr == nil {
		fs = append(fs, badge.Finding{Severity: badge.SeverityWarning, Code: "credentialSchema.skipped", Message: schemaWarn})
	}
	p.report(CheckSchema, fs, schemaErr, "conforms to the official 1EdTech JSON Schema and the data model")
	if schemaWarn != "" && schemaErr == nil {
		if c := p.r.Check(CheckSchema); c != nil && c.Outcome == Warn {
			c.Detail["skipped"] = true
		}
	}

	// Subject: credentialSubject must be identified by id and/or identifier.
	var subjErr error
	subj := objects(p.doc["credentialSubject"])
	if len(subj) == 0 {
		subjErr = fmt.Errorf("%w: credentialSubject is missing", ErrSubject)
	} else if idOf(subj[0]) == "" && subj[0]["identifier"] == nil && !slices.Contains(p.r.Types, "EndorsementCredential") {
		subjErr = fmt.Errorf("%w", ErrSubject)
	}
	msg := "credentialSubject is identified"
	if len(subj) > 0 {
		if id := idOf(subj[0]); id != "" {
			msg = "credentialSubject " + id
		} else {
			msg = "credentialSubject identified by identifier"
		}
	}
	p.report(CheckSubject, by[CheckSubject], subjErr, msg)
}

// report turns findings and an extra error into one check.
func (p *run) report(id CheckID, fs []badge.Finding, extra error, okMsg string) {
	var errs, warns []string
	var detail []map[string]string
	for _, f := range fs {
		detail = append(detail, map[string]string{"pointer": f.Pointer, "code": f.Code, "severity": string(f.Severity), "message": f.Message, "fix": findingFix(f.Code)})
		if f.Severity == badge.SeverityError {
			errs = append(errs, f.String())
		} else {
			warns = append(warns, f.Message)
		}
	}
	if extra == nil && len(fs) == 0 {
		// The common case, and the only one without a detail.
		p.add(id, Pass, okMsg, nil, nil)
		return
	}
	d := map[string]any{}
	if len(detail) > 0 {
		d["findings"] = detail
	}
	switch {
	case extra != nil && (errors.Is(extra, errNotCovered) || errors.Is(extra, errNotCredential)):
		// Part of the document would not be what the proof covers (principle
		// 9, "read what is signed"), or the document is no credential: no
		// policy softens that.
		msg := strings.TrimPrefix(strings.TrimPrefix(extra.Error(), errNotCovered.Error()+": "), errNotCredential.Error()+": ")
		d["error"] = msg
		p.addFirm(id, Fail, msg, d, extra)
	case extra != nil:
		d["error"] = extra.Error()
		p.add(id, Fail, extra.Error(), d, extra)
	case len(errs) > 0:
		msg := errs[0]
		if len(errs) > 1 {
			msg = fmt.Sprintf("%s (and %d more)", errs[0], len(errs)-1)
		}
		p.add(id, Fail, msg, d, fmt.Errorf("%w: %w", sentinelFor(id), badge.Findings(fs).Err()))
	case len(warns) > 0:
		p.add(id, Warn, summarize(warns), d, nil)
	default:
		p.add(id, Pass, okMsg, nil, nil)
	}
}

// credentialSchemas validates the credential against every
// 1EdTechJsonSchemaValidator2019 credentialSchema that is not an official
// (embedded) schema. It returns the failure, or a warning when a schema was
// not checked for lack of network.
func (p *run) credentialSchemas() (warning string, err error) {
	var skipped []string
	for _, cs := range objects(p.doc["credentialSchema"]) {
		id, _ := cs["id"].(string)
		if t, _ := cs["type"].(string); t != "1EdTechJsonSchemaValidator2019" || id == "" {
			continue
		}
		if slices.ContainsFunc(officialSchemaPrefixes, func(pre string) bool { return strings.HasPrefix(id, pre) }) {
			continue
		}
		if p.v.fetch == nil {
			skipped = append(skipped, id)
			continue
		}
		body, err := p.v.fetch.get(p.ctx, id, jsonTypes)
		if err != nil {
			return "", fmt.Errorf("%w: credentialSchema %s could not be fetched: %w", ErrSchema, id, err)
		}
		if err := validateAgainst(id, body, p.raw, p.v.lim.MaxDepth); err != nil {
			return "", fmt.Errorf("%w: credentialSchema %s: %w", ErrSchema, id, err)
		}
	}
	if len(skipped) > 0 {
		p.noNet = true
		return fmt.Sprintf("skipped: credentialSchema %s needs the network and this verifier is offline", strings.Join(skipped, ", ")), nil
	}
	return "", nil
}

// refuseLoader stops a fetched schema from pulling in further documents.
type refuseLoader struct{}

func (refuseLoader) Load(url string) (any, error) {
	return nil, fmt.Errorf("schema reference %s is not fetched", url)
}

func validateAgainst(id string, schema, doc []byte, maxDepth int) error {
	if err := checkJSON(schema, maxDepth); err != nil {
		return err
	}
	sdoc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schema))
	if err != nil {
		return err
	}
	c := jsonschema.NewCompiler()
	c.UseLoader(refuseLoader{})
	if err := c.AddResource(id, sdoc); err != nil {
		return err
	}
	sch, err := c.Compile(id)
	if err != nil {
		return err
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		return err
	}
	return sch.Validate(inst)
}

// summarize joins distinct messages, at most three, for a check's message;
// the full list stays in the detail.
func summarize(msgs []string) string {
	var uniq []string
	for _, m := range msgs {
		if !slices.Contains(uniq, m) {
			uniq = append(uniq, m)
		}
	}
	if len(uniq) > 3 {
		return fmt.Sprintf("%s (and %d more)", strings.Join(uniq[:3], "; "), len(uniq)-3)
	}
	return strings.Join(uniq, "; ")
}

// findingFixes say, per finding code (or code prefix ending in "."), what a
// conformant issuer writes instead: the part of a finding an issuer can act
// on when a host forwards it.
var findingFixes = map[string]string{
	"image.not-object":           `write the image as an object: {"id": "<url>", "type": "Image"}`,
	"image.":                     `an image is {"id": "<url or data: URL>", "type": "Image", "caption": "..."}`,
	"profile.not-object":         `write the profile as an object: {"id": "<issuer id>", "type": ["Profile"], "name": "..."}`,
	"profile.":                   `a profile is {"id": "<uri>", "type": ["Profile"], "name": "..."}`,
	"issuer.missing":             `add "issuer": {"id": "<issuer id>", "type": ["Profile"], "name": "..."}`,
	"name.missing":               `add a "name" (a string) to the credential`,
	"vc1.name":                   `add a "name" (a string) to the credential`,
	"subject.no-recipient":       `identify the learner: "credentialSubject": {"id": "<did or uri>"} or an "identifier" [{"type": "IdentityObject", "identityHash": "...", "identityType": "emailAddress", "hashed": ...}]`,
	"subject.id":                 `give credentialSubject an "id" (a DID or URI) or an "identifier"`,
	"subject.missing":            `add a "credentialSubject" of type AchievementSubject with the learner's id and the achievement`,
	"subject.":                   `credentialSubject is {"type": ["AchievementSubject"], "id" or "identifier", "achievement": {...}}`,
	"identifier.":                `an identifier is {"type": "IdentityObject", "identityHash": "...", "identityType": "...", "hashed": true|false}`,
	"achievement.":               `an achievement is {"id": "<uri>", "type": ["Achievement"], "name": "...", "description": "...", "criteria": {"narrative": "..."}}`,
	"context.":                   `begin @context with "https://www.w3.org/ns/credentials/v2", then the Open Badges context "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"`,
	"vc1.context":                `re-issue as VC Data Model 2.0: @context "https://www.w3.org/ns/credentials/v2", validFrom instead of issuanceDate`,
	"type.unknown-credential":    `type a credential ["VerifiableCredential", "OpenBadgeCredential"] (or AchievementCredential, EndorsementCredential, ClrCredential)`,
	"type.":                      `type a credential ["VerifiableCredential", "OpenBadgeCredential"]`,
	"date.format":                `write dates as xsd:dateTime with a time zone, e.g. "2026-01-31T12:00:00Z"`,
	"result.":                    `a result is {"type": ["Result"], ...} and names a resultDescription the achievement defines`,
	"evidence.type":              `type evidence ["Evidence"]`,
	"alignment.type":             `type an alignment ["Alignment"]`,
	"uri.invalid":                `use an absolute URI (https:, urn:, did:)`,
	"schema.":                    `follow the official 1EdTech JSON Schema for this credential type at the pointer given (for an enumeration such as achievementType, use a listed value or "ext:" followed by your own term)`,
	"credentialSchema.skipped":   `nothing: verify online to check the credential against its credentialSchema`,
	"context.undefined-term-jwt": `define every property in a context the credential lists (or use the Open Badges extensions context)`,
}

func findingFix(code string) string {
	if f, ok := findingFixes[code]; ok {
		return f
	}
	// The longest prefix ending in "." wins.
	best := ""
	for k := range findingFixes {
		if strings.HasSuffix(k, ".") && strings.HasPrefix(code, k) && len(k) > len(best) {
			best = k
		}
	}
	if best != "" {
		return findingFixes[best]
	}
	return "see the Open Badges 3.0 data model for the property at the pointer given"
}

// parseAndValidateDecoded is badge's one-pass parse and validation reading
// the tree this run has already decoded (see internal/badgeseam): doc is
// strictjson's reading of raw (readDocument) under v.lim, the limits the
// validator was built with (badgeLimits), as the seam requires.
func parseAndValidateDecoded(v *badge.Validator, raw []byte, doc map[string]any) (badge.Credential, badge.Findings) {
	return badgeseam.ParseAndValidateDecoded.(func(*badge.Validator, []byte, map[string]any) (badge.Credential, badge.Findings))(v, raw, doc)
}

// expand expands the credential in safe mode for the context check and
// keeps the result in p.expanded (nil when it fails).
//
// A credential with an RDF proof is expanded in two parts, so that the
// proof check need not expand it again: the document without its proofs,
// which is exactly what the proofs sign (kept in p.unsecured, reused by
// credential.VerifyProofs through the context), and the proofs in the
// document's context and types, which the context check covers as before.
// p.expanded joins the two into the expansion of the whole document that
// checkSigned compares. Standard proofs under standard contexts, whose
// expansion could find nothing (standardProofs), are not expanded: then
// p.expanded stays nil and checkSigned compares p.unsecured.
func (p *run) expand() error {
	opts := &jsonld.Options{Loader: p.v.loader, Limits: p.v.jsonldLimits()}
	proof, hasProof := p.doc["proof"]
	if p.jwtRes != nil || !hasProof || !coversRDF(proof) {
		// Nothing to reuse: a VC-JWT and JCS proofs sign bytes, not RDF.
		expanded, err := jsonld.Expand(p.ctx, p.doc, opts)
		p.expanded = expanded
		return err
	}
	u := make(map[string]any, len(p.doc))
	for k, v := range p.doc {
		if k != "proof" {
			u[k] = v
		}
	}
	// u is the reader's document less a member, and never modified, so
	// the reader's Shape of the whole vouches for it: its expansion need
	// not walk it first (jsonld.ShapedContext; a zero Shape, from a
	// document with an out-of-range number, vouches for nothing). Only
	// this expansion sees that context: u is this map and no other.
	ectx := p.ctx
	if p.shape != (strictjson.Shape{}) {
		ectx = p.shaped.Wrap(p.ctx, u, p.shape)
	}
	unsecured, err := jsonld.ExpandDocument(ectx, u, opts)
	if err != nil {
		return err
	}
	p.unsecured, p.unsecuredDoc = unsecured, u
	if standardProofs(p.doc) {
		// Standard proofs under standard contexts: expanding them could
		// find nothing (see standardProofs), so p.expanded stays nil and
		// checkSigned compares the document without them.
		return nil
	}
	// The proofs as the whole document's expansion reads them: under its
	// @context and its types (whose scoped contexts may define the proof
	// term), nothing else.
	part := map[string]any{"proof": proof}
	for _, k := range [...]string{"@context", "type", "@type"} {
		if v, ok := p.doc[k]; ok {
			part[k] = v
		}
	}
	// part, like u, is never modified, so it may be expanded in place.
	proofs, err := jsonld.ExpandDocument(p.ctx, part, opts)
	if err != nil {
		return err
	}
	p.expanded = joinExpanded(unsecured.Nodes(), proofs.Nodes())
	return nil
}

// joinExpanded adds the properties of proofs' top node (the proofs) to a
// copy of doc's top node, as expanding the whole document would; nil when
// either is not one node (then checkSigned refuses the document).
func joinExpanded(doc, proofs []any) []any {
	if len(doc) != 1 || len(proofs) != 1 {
		return nil
	}
	top, ok1 := doc[0].(map[string]any)
	pt, ok2 := proofs[0].(map[string]any)
	if !ok1 || !ok2 {
		return nil
	}
	joined := make(map[string]any, len(top)+1)
	for k, v := range top {
		joined[k] = v
	}
	for k, v := range pt {
		if k == "@type" || k == "@id" {
			continue // the document's own, already in top
		}
		vs, _ := v.([]any)
		old, _ := joined[k].([]any)
		joined[k] = append(slices.Clip(old), vs...)
	}
	return []any{joined}
}
