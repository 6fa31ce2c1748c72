package verify

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/microcred/microcred/credential"
)

// recordingResolver resolves keys for credential.VerifyProofs and
// remembers, per verification method, how each was resolved or why not.
type recordingResolver struct {
	v   *Verifier
	rel credential.Relationship
	mu  sync.Mutex
	got map[string]*ResolvedKey
	err map[string]error
	// bareDID lets a bare did:key or did:jwk name its only key: a VC-JWT
	// kid may be one, a Data Integrity verificationMethod may not.
	bareDID bool
}

func (v *Verifier) newResolver(rel credential.Relationship) *recordingResolver {
	return &recordingResolver{v: v, rel: rel, got: map[string]*ResolvedKey{}, err: map[string]error{},
		bareDID: v.cfg.UnsafeAllowBareDIDKey}
}

// ResolveVerificationMethod implements credential.Resolver.
func (r *recordingResolver) ResolveVerificationMethod(ctx context.Context, id string) (*credential.VerificationMethod, error) {
	k, err := r.v.resolveKey(ctx, id, r.rel, r.bareDID)
	r.mu.Lock()
	defer r.mu.Unlock()
	if err != nil {
		r.err[id] = err
		return nil, err
	}
	r.got[id] = k
	return k.VerificationMethod, nil
}

// proofOptions are the VerifyProofs options every credential proof uses.
func (p *run) proofOptions(res credential.Resolver) credential.VerifyOptions {
	skew := p.v.skew // resolved once by New
	if skew == 0 {
		skew = -1 // credential treats 0 as its default; we mean none
	}
	return credential.VerifyOptions{
		Resolver:            res,
		Loader:              p.v.loader,
		ProofPurpose:        credential.PurposeAssertionMethod,
		Now:                 p.now,
		ClockSkew:           skew,
		AllowedCryptosuites: p.v.suites,
		MaxProofs:           p.v.lim.MaxProofs,
		MaxDocumentBytes:    p.v.lim.MaxDocumentBytes,
		MaxDepth:            p.v.lim.MaxDepth,
	}
}

// checkProof runs the proof, key and issuer-binding checks. Any one valid
// proof by a key the issuer controls is enough (Open Badges 3.0 §
// Verification, step 2); a VC-JWT counts as such a proof.
func (p *run) checkProof() {
	if p.jwtRes != nil {
		p.reportJWT()
		return
	}
	if p.doc["proof"] == nil {
		p.add(CheckProof, Fail, "the credential has no proof (and did not arrive as a VC-JWT)", nil, fmt.Errorf("%w: %w", ErrProof, credential.ErrNoProof))
		p.add(CheckKey, Skipped, "no proof names a key", nil, nil)
		p.add(CheckIssuerBinding, Skipped, "no proof names a key", nil, nil)
		return
	}
	res := p.v.newResolver(credential.AssertionMethod)
	rep, err := credential.VerifyProofs(p.ctx, p.raw, p.proofOptions(res))
	if rep == nil {
		p.add(CheckProof, Fail, "proof could not be read: "+err.Error(), nil, fmt.Errorf("%w: %w", ErrProof, err))
		p.add(CheckKey, Skipped, "no usable proof", nil, nil)
		p.add(CheckIssuerBinding, Skipped, "no usable proof", nil, nil)
		return
	}
	p.judgeProofs(rep, res)
}

// judgeProofs turns a ProofReport into the three checks.
func (p *run) judgeProofs(rep *credential.ProofReport, res *recordingResolver) {
	var (
		good, bound  *credential.ProofResult
		failures     []string
		offlineVMs   []string
		unsupported  []string // proofs in a registered suite package credential does not implement
		keyErrs      []error
		proofSummary []map[string]any
	)
	for i := range rep.Proofs {
		pr := &rep.Proofs[i]
		s := map[string]any{"index": pr.Index, "type": pr.Type, "cryptosuite": pr.Cryptosuite,
			"verificationMethod": pr.VerificationMethod, "controller": pr.Controller, "verified": pr.Err == nil}
		if pr.Err != nil {
			s["error"] = pr.Err.Error()
		}
		proofSummary = append(proofSummary, s)
		res.mu.Lock()
		kerr := res.err[pr.VerificationMethod]
		res.mu.Unlock()
		switch {
		case pr.Err == nil:
			if good == nil {
				good = pr
			}
			if bound == nil && pr.Controller == p.issuer {
				bound = pr
			}
		case kerr != nil && isOfflineSkip(kerr):
			offlineVMs = append(offlineVMs, pr.VerificationMethod)
		case errors.Is(pr.Err, credential.ErrUnsupportedCryptosuite):
			unsupported = append(unsupported, pr.Err.Error())
		case kerr != nil:
			keyErrs = append(keyErrs, kerr)
			failures = append(failures, pr.Err.Error())
		default:
			failures = append(failures, pr.Err.Error())
		}
	}
	detail := map[string]any{"proofs": proofSummary}
	chosen := bound
	if chosen == nil {
		chosen = good
	}
	switch {
	case chosen != nil:
		name := chosen.Cryptosuite
		if name == "" {
			name = chosen.Type
		}
		msg := fmt.Sprintf("%s proof verified (proof %d of %d)", name, chosen.Index+1, len(rep.Proofs))
		if chosen.Legacy || slices.Contains(deprecatedSuites, name) {
			p.add(CheckProof, Warn, msg+"; "+name+" is deprecated: ask the issuer to re-sign with eddsa-rdfc-2022", detail, nil)
		} else {
			p.add(CheckProof, Pass, msg, detail, nil)
		}
	case len(offlineVMs) > 0 && len(failures) == 0:
		p.skipNet(CheckProof, "resolving "+strings.Join(offlineVMs, ", "))
		p.r.Checks[len(p.r.Checks)-1].Detail["proofs"] = proofSummary
		p.skipNet(CheckKey, "resolving "+strings.Join(offlineVMs, ", "))
		p.add(CheckIssuerBinding, Skipped, "no key could be resolved offline", nil, nil)
		return
	case len(unsupported) > 0 && len(failures) == 0:
		// Not refuted, only not checkable here: unverified, never OK.
		p.unestablished(CheckProof, "not established: "+strings.Join(unsupported, "; "), detail, fmt.Errorf("%w: %w", ErrProof, credential.ErrUnsupportedCryptosuite))
		p.add(CheckKey, Skipped, "no proof in a supported cryptosuite", nil, nil)
		p.add(CheckIssuerBinding, Skipped, "no proof in a supported cryptosuite", nil, nil)
		return
	default:
		err := rep.Err()
		if err == nil {
			err = credential.ErrNoProof
		}
		p.add(CheckProof, Fail, "no proof verified: "+strings.Join(failures, "; "), detail, fmt.Errorf("%w: %w", ErrProof, err))
	}

	// Key resolution.
	if chosen != nil {
		res.mu.Lock()
		k := res.got[chosen.VerificationMethod]
		res.mu.Unlock()
		kd := map[string]any{"verificationMethod": chosen.VerificationMethod, "controller": chosen.Controller}
		src := "resolved"
		if k != nil {
			kd["source"] = string(k.Source)
			kd["type"] = k.Type
			src = string(k.Source)
		}
		msg := fmt.Sprintf("key %s resolved (%s)", chosen.VerificationMethod, src)
		if strings.HasPrefix(chosen.VerificationMethod, "did:") && !strings.Contains(chosen.VerificationMethod, "#") {
			kd["unsafe"] = "UnsafeAllowBareDIDKey"
			msg += "; a bare DID names a document, not a key, and is accepted only because Config.UnsafeAllowBareDIDKey is set"
		}
		p.add(CheckKey, Pass, msg, kd, nil)
	} else if len(keyErrs) > 0 {
		p.add(CheckKey, Fail, keyErrs[0].Error(), nil, fmt.Errorf("%w: %w", ErrKey, errors.Join(keyErrs...)))
	} else {
		p.add(CheckKey, Skipped, "no proof got as far as a usable key", nil, nil)
	}

	// Issuer binding.
	switch {
	case bound != nil:
		res.mu.Lock()
		k := res.got[bound.VerificationMethod]
		res.mu.Unlock()
		p.bindIssuer(k)
	case good != nil:
		p.add(CheckIssuerBinding, Fail, fmt.Sprintf("the proof is valid but its key is controlled by %q, not by the issuer %q", good.Controller, p.issuer),
			map[string]any{"controller": good.Controller, "issuer": p.issuer},
			fmt.Errorf("%w: controller %q, issuer %q", ErrIssuerBinding, good.Controller, p.issuer))
	default:
		p.add(CheckIssuerBinding, Skipped, "no proof verified", nil, nil)
	}
}
