package verify

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// MaxRegistryBytes bounds an issuer registry document. The largest
// registries education verifiers load today hold a few hundred issuers in
// well under a megabyte.
const MaxRegistryBytes = 8 << 20

// RegisteredIssuer is what an issuer registry says about one issuer.
type RegisteredIssuer struct {
	Name     string `json:"name"`               // the issuer's name in the registry, shown to people
	URL      string `json:"url,omitempty"`      // the issuer's web site
	Location string `json:"location,omitempty"` // where the issuer is, as the registry says it
}

// IssuerRegistry is a list of issuers a host recognises, keyed by issuer id
// (usually a DID). It is immutable once parsed and safe for concurrent use.
type IssuerRegistry struct {
	name    string
	entries map[string]RegisteredIssuer
}

// ParseIssuerRegistry reads an issuer registry in the shape widely used by
// education verifiers (the Digital Credentials Consortium's registry.json):
//
//	{"meta": {...}, "registry": {"did:web:registrar.example.edu": {"name": "Example University", "url": "https://example.edu", "location": "..."}}}
//
// ("entries" is accepted for "registry"). name is how reports refer to the
// registry, e.g. "DCC Member Registry". The host fetches the document (and
// decides how often) itself: the verifier never downloads a registry.
func ParseIssuerRegistry(name string, data []byte) (*IssuerRegistry, error) {
	if name == "" {
		return nil, fmt.Errorf("%w: an issuer registry needs a name for reports to cite", ErrInvalidConfig)
	}
	if len(data) > MaxRegistryBytes {
		return nil, fmt.Errorf("%w: issuer registry %q is %d bytes, over %d", ErrInvalidConfig, name, len(data), MaxRegistryBytes)
	}
	var doc struct {
		Registry map[string]RegisteredIssuer `json:"registry"`
		Entries  map[string]RegisteredIssuer `json:"entries"`
	}
	if err := strictUnmarshal(data, &doc, DefaultMaxDepth); err != nil {
		return nil, fmt.Errorf("%w: issuer registry %q: %w", ErrInvalidConfig, name, err)
	}
	entries := doc.Registry
	if entries == nil {
		entries = doc.Entries
	} else if doc.Entries != nil {
		return nil, fmt.Errorf("%w: issuer registry %q has both \"registry\" and \"entries\"; which one counts is ambiguous", ErrInvalidConfig, name)
	}
	if entries == nil {
		return nil, fmt.Errorf("%w: issuer registry %q has no \"registry\" object mapping issuer ids to entries", ErrInvalidConfig, name)
	}
	for id, e := range entries {
		if strings.TrimSpace(id) == "" || strings.TrimSpace(e.Name) == "" {
			return nil, fmt.Errorf("%w: issuer registry %q: entry %q has an empty id or name", ErrInvalidConfig, name, id)
		}
	}
	return &IssuerRegistry{name: name, entries: entries}, nil
}

// Name is the registry's name as reports cite it.
func (r *IssuerRegistry) Name() string { return r.name }

// Len is the number of registered issuers.
func (r *IssuerRegistry) Len() int { return len(r.entries) }

// Lookup returns the registry's entry for issuerID. Ids match exactly, as
// DIDs do.
func (r *IssuerRegistry) Lookup(issuerID string) (RegisteredIssuer, bool) {
	e, ok := r.entries[issuerID]
	return e, ok
}

// Recognition says which registry recognised an issuer and under what name.
type Recognition struct {
	Registry string           `json:"registry"` // the registry's name
	Issuer   RegisteredIssuer `json:"issuer"`   // what it says about the issuer
}

// IssuerRecognizer is implemented by trust policies that can say who
// recognises an issuer; the trust check then names the registry and the
// issuer's registered name. found is false for an issuer no source knows.
type IssuerRecognizer interface {
	RecognizeIssuer(ctx context.Context, issuerID string) (rec Recognition, found bool, err error)
}

// RegistryPolicy is a TrustPolicy over issuer registries, most
// authoritative first: an issuer listed in any of them is recognised, under
// the name the first one gives it. An issuer in none is a warning (the
// credential is still authentic and current, only unknown to the host), or
// a failure when Require is set.
type RegistryPolicy struct {
	// Registries are consulted in order; the first that lists an issuer
	// names it.
	Registries []*IssuerRegistry
	// Require fails credentials whose issuer no registry lists.
	Require bool
}

// RecognizeIssuer implements IssuerRecognizer.
func (p RegistryPolicy) RecognizeIssuer(_ context.Context, issuerID string) (Recognition, bool, error) {
	for _, r := range p.Registries {
		if r == nil {
			continue
		}
		if e, ok := r.Lookup(issuerID); ok {
			return Recognition{Registry: r.name, Issuer: e}, true, nil
		}
	}
	return Recognition{}, false, nil
}

// TrustIssuer implements TrustPolicy: nil for a recognised issuer, an error
// wrapping ErrUnrecognizedIssuer otherwise.
func (p RegistryPolicy) TrustIssuer(ctx context.Context, issuerID string, _ *Report) error {
	if _, ok, err := p.RecognizeIssuer(ctx, issuerID); err != nil || ok {
		return err
	}
	return fmt.Errorf("%w: %s is not in %s", ErrUnrecognizedIssuer, issuerID, p.names())
}

func (p RegistryPolicy) names() string {
	var n []string
	for _, r := range p.Registries {
		if r != nil {
			n = append(n, fmt.Sprintf("%q", r.name))
		}
	}
	if len(n) == 0 {
		return "any registry (none is loaded)"
	}
	return strings.Join(n, ", ")
}

// requiresRecognition reports whether an unrecognised issuer fails.
func requiresRecognition(t TrustPolicy) bool {
	switch p := t.(type) {
	case RegistryPolicy:
		return p.Require
	case *RegistryPolicy:
		return p != nil && p.Require
	}
	return false
}

// checkTrust consults the host's trust policy. A refusal fails the check;
// an issuer the policy merely does not know (ErrUnrecognizedIssuer) warns
// unless the policy requires recognition.
func (p *run) checkTrust() {
	t := p.v.cfg.Trust
	switch {
	case t == nil && p.v.cfg.RequireTrustPolicy:
		p.add(CheckTrust, Warn, "no trust policy configured: the issuer's identity is proven, not its standing", nil, nil)
		return
	case t == nil:
		p.add(CheckTrust, Skipped, "no trust policy configured", nil, nil)
		return
	case p.expected == "EndorsementCredential":
		// An endorsement is a third party's opinion of the credential; the
		// host's policy is about who may issue credentials it accepts.
		p.add(CheckTrust, Skipped, "the trust policy applies to the endorsed credential's issuer, not to endorsers", nil, nil)
		return
	case !p.proofOK:
		p.add(CheckTrust, Skipped, "not consulted: the credential is not proven to come from its issuer", nil, nil)
		return
	}
	d := map[string]any{"issuer": p.issuer}
	if rz, ok := t.(IssuerRecognizer); ok {
		rec, found, err := rz.RecognizeIssuer(p.ctx, p.issuer)
		switch {
		case err != nil:
			d["error"] = err.Error()
			p.unestablished(CheckTrust, "the issuer registry could not be consulted: "+err.Error(), d, fmt.Errorf("%w: %w", ErrUntrusted, err))
			return
		case found:
			d["registry"], d["name"] = rec.Registry, rec.Issuer.Name
			if rec.Issuer.URL != "" {
				d["url"] = rec.Issuer.URL
			}
			p.add(CheckTrust, Pass, fmt.Sprintf("%s is registered in %q as %q", p.issuer, rec.Registry, rec.Issuer.Name), d, nil)
			return
		}
	}
	err := t.TrustIssuer(p.ctx, p.issuer, p.r)
	switch {
	case err == nil:
		p.add(CheckTrust, Pass, "the trust policy accepts "+p.issuer, d, nil)
	case errors.Is(err, ErrUnrecognizedIssuer) && !requiresRecognition(t):
		d["error"] = err.Error()
		p.add(CheckTrust, Warn, err.Error()+"; the credential is authentic, but the host does not know this issuer (RegistryPolicy.Require fails such credentials)", d, nil)
	default:
		d["error"] = err.Error()
		p.add(CheckTrust, Fail, err.Error(), d, fmt.Errorf("%w: %w", ErrUntrusted, err))
	}
}

// Compile-time checks that the registry policy is both kinds of policy.
var (
	_ TrustPolicy      = RegistryPolicy{}
	_ IssuerRecognizer = RegistryPolicy{}
)
