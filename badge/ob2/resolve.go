package ob2

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"

	"github.com/microcred/microcred/badge"
)

// Resolver returns the JSON document an Open Badges 2.0 IRI names: the
// BadgeClass of an assertion that only links to it, or the issuer Profile of
// such a BadgeClass (and, for an image baked with a hosted URL, the
// assertion itself). This package never touches the network: a host that
// wants hosted documents fetched implements Resolver with its own HTTP
// client, timeouts and allowlist. Implementations must be safe for
// concurrent use.
type Resolver interface {
	Resolve(ctx context.Context, iri string) ([]byte, error)
}

// ResolverFunc adapts a function to Resolver.
type ResolverFunc func(ctx context.Context, iri string) ([]byte, error)

// Resolve calls f.
func (f ResolverFunc) Resolve(ctx context.Context, iri string) ([]byte, error) { return f(ctx, iri) }

// Documents is a Resolver over documents the caller already has, keyed by
// their id. A missing IRI is an error wrapping ErrUnresolved.
type Documents map[string][]byte

// Resolve returns the document with id iri.
func (d Documents) Resolve(_ context.Context, iri string) ([]byte, error) {
	if doc, ok := d[iri]; ok {
		return doc, nil
	}
	return nil, fmt.Errorf("%w: no document for %s", ErrUnresolved, iri)
}

// parseAssertion parses an Open Badges 2.0 Assertion (JSON) within lim.
// It does no I/O: a BadgeClass or issuer given as an IRI is left for
// resolve.
func parseAssertion(data []byte, lim badge.Limits) (*ob2Assertion, error) {
	if err := checkJSON(data, lim, "assertion"); err != nil {
		return nil, err
	}
	var a ob2Assertion
	if err := json.Unmarshal(data, &a); err != nil {
		return nil, err
	}
	if !hasType(a.Type, typeAssertion) {
		return nil, fmt.Errorf("%w: type is %q, want Assertion", ErrNotAssertion, a.Type)
	}
	return &a, nil
}

// checkJSON refuses compact JWS input (the signature must be checked before
// its payload is trusted) and anything over the limits.
func checkJSON(data []byte, lim badge.Limits, what string) error {
	t := bytes.TrimSpace(data)
	if len(t) > 0 && t[0] != '{' && bytes.Count(t, []byte(".")) == 2 {
		return fmt.Errorf("%w: the %s is a compact JWS; verify it and pass its payload", ErrSigned, what)
	}
	if err := lim.Check(data); err != nil {
		return fmt.Errorf("%w: %s: %w", ErrInvalid, what, err)
	}
	if len(t) == 0 || t[0] != '{' {
		return fmt.Errorf("%w: the %s is not a JSON object", ErrInvalid, what)
	}
	// Limits.Check (internal/strictjson) has refused names that differ
	// only in case within one object, and the decoders match names to
	// fields case-sensitively, so "badge" and "Badge" cannot compete for
	// one field.
	return nil
}

// Resolve completes the assertion: a BadgeClass given as an IRI, and then an
// issuer given as an IRI, are looked up with r (at most two lookups). A nil
// r resolves nothing; then an unresolved reference is an error wrapping
// ErrUnresolved.
func (a *ob2Assertion) Resolve(ctx context.Context, r Resolver) error {
	return a.resolve(ctx, r, badge.Limits{})
}

func (a *ob2Assertion) resolve(ctx context.Context, r Resolver, lim badge.Limits) error {
	if !a.Badge.Embedded {
		data, err := lookup(ctx, r, a.Badge.ID, "BadgeClass")
		if err != nil {
			return err
		}
		if err := checkJSON(data, lim, "BadgeClass"); err != nil {
			return err
		}
		var b ob2BadgeClass
		if err := json.Unmarshal(data, &b); err != nil {
			return err
		}
		if b.ID != a.Badge.ID {
			return fmt.Errorf("%w: the document resolved for %s has id %q", ErrInvalid, a.Badge.ID, b.ID)
		}
		a.Badge = b
	}
	if !a.Badge.Issuer.Embedded {
		data, err := lookup(ctx, r, a.Badge.Issuer.ID, "issuer Profile")
		if err != nil {
			return err
		}
		if err := checkJSON(data, lim, "issuer Profile"); err != nil {
			return err
		}
		var p ob2Profile
		if err := json.Unmarshal(data, &p); err != nil {
			return err
		}
		if p.ID != a.Badge.Issuer.ID {
			return fmt.Errorf("%w: the document resolved for %s has id %q", ErrInvalid, a.Badge.Issuer.ID, p.ID)
		}
		a.Badge.Issuer = p
	}
	return nil
}

func lookup(ctx context.Context, r Resolver, iri, what string) ([]byte, error) {
	if iri == "" {
		return nil, fmt.Errorf("%w: the %s is missing", ErrInvalid, what)
	}
	if r == nil {
		return nil, fmt.Errorf("%w: the %s is given only as %s and no Resolver was supplied", ErrUnresolved, what, iri)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	data, err := r.Resolve(ctx, iri)
	if err != nil {
		return nil, fmt.Errorf("%w: %s %s: %w", ErrUnresolved, what, iri, err)
	}
	return data, nil
}
