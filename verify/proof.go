package verify

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/microcred/microcred/credential"
	"github.com/microcred/microcred/internal/jsonld"
)

// keyResolver resolves keys for package credential's verification
// functions through the verifier's caches and network policy. It holds
// no state: what each proof's key resolution established comes back in
// credential's own results.
type keyResolver struct {
	v   *Verifier
	rel credential.Relationship
}

func (v *Verifier) newResolver(rel credential.Relationship) keyResolver {
	return keyResolver{v: v, rel: rel}
}

// ResolveVerificationMethod implements credential.Resolver.
func (r keyResolver) ResolveVerificationMethod(ctx context.Context, id string) (*credential.VerificationMethod, error) {
	return r.v.resolveKey(ctx, id, r.rel)
}

// proofOptions are the VerifyProofs options every credential proof uses.
func (p *run) proofOptions(res credential.Resolver) credential.VerifyOptions {
	return credential.VerifyOptions{
		Resolver:            res,
		Loader:              p.v.contexts,
		ProofPurpose:        credential.PurposeAssertionMethod,
		AllowedCryptosuites: p.v.suites,
		MaxProofs:           p.v.lim.MaxProofs,
		MaxDocumentBytes:    p.v.lim.MaxDocumentBytes,
		MaxDepth:            p.v.lim.MaxDepth,
	}
}

// verifyProofs runs credential.VerifyProofs and then this verifier's own
// time rule: a proof whose created or expires puts it outside the
// verifier's clock, with its skew, counts as a failed proof.
func (p *run) verifyProofs(raw []byte, opts credential.VerifyOptions) (*credential.ProofReport, error) {
	ctx := p.ctx
	if p.doc != nil {
		// The document was read once, strictly, by parse; credential
		// reuses that reading only for these very bytes under the same
		// depth limit, and with the reader's Shape it need not walk it
		// again for numbers a double cannot hold (the read refused them).
		ctx = p.lent.Wrap(ctx, p.raw, p.doc, p.v.lim.MaxDepth, p.shape)
	}
	if p.unsecured != nil {
		// The context check expanded the proof-less document already;
		// credential reuses it only if its own proof-less document of raw
		// is equal, under the same loader and limits.
		ctx = jsonld.WithExpanded(ctx, p.unsecured)
	}
	rep, err := credential.VerifyProofs(ctx, raw, opts)
	if rep == nil {
		return nil, err
	}
	for i := range rep.Proofs {
		pr := &rep.Proofs[i]
		if pr.Err != nil {
			continue
		}
		if terr := pr.ValidateTime(p.now, p.v.skew); terr != nil {
			pr.Err = &credential.ProofError{Index: pr.Index, Type: pr.Type, Cryptosuite: pr.Cryptosuite, Err: terr}
			pr.Error = pr.Err.Error()
		}
	}
	return rep, rep.Err()
}

// keyErr returns the key-resolution failure of a proof, or nil when the
// proof failed for another reason (or did not fail).
func keyErr(pr *credential.ProofResult) error {
	var ke *credential.KeyError
	if pr.Err != nil && errors.As(pr.Err, &ke) {
		return ke
	}
	return nil
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
	rep, err := p.verifyProofs(p.raw, p.proofOptions(p.v.newResolver(credential.AssertionMethod)))
	if rep == nil {
		p.add(CheckProof, Fail, "proof could not be read: "+err.Error(), nil, fmt.Errorf("%w: %w", ErrProof, err))
		p.add(CheckKey, Skipped, "no usable proof", nil, nil)
		p.add(CheckIssuerBinding, Skipped, "no usable proof", nil, nil)
		return
	}
	p.judgeProofs(rep)
}

// judgeProofs turns a ProofReport into the three checks.
func (p *run) judgeProofs(rep *credential.ProofReport) {
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
		kerr := keyErr(pr)
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
		case errors.Is(pr.Err, credential.ErrUnsupported) && slices.Contains(unimplementedCryptosuites, pr.Cryptosuite):
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
		p.unestablished(CheckProof, "not established: "+strings.Join(unsupported, "; "), detail, fmt.Errorf("%w: %w", ErrProof, credential.ErrUnsupported))
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
		if !p.checkBareDID(chosen) {
			p.add(CheckIssuerBinding, Skipped, "the proof's key was refused", nil, nil)
			return
		}
	} else if len(keyErrs) > 0 {
		p.add(CheckKey, Fail, keyErrs[0].Error(), nil, fmt.Errorf("%w: %w", ErrKey, errors.Join(keyErrs...)))
	} else {
		p.add(CheckKey, Skipped, "no proof got as far as a usable key", nil, nil)
	}

	// Issuer binding.
	switch {
	case bound != nil:
		p.bindIssuer(bound.Key)
	case good != nil:
		p.add(CheckIssuerBinding, Fail, fmt.Sprintf("the proof is valid but its key is controlled by %q, not by the issuer %q", good.Controller, p.issuer),
			map[string]any{"controller": good.Controller, "issuer": p.issuer},
			fmt.Errorf("%w: controller %q, issuer %q", ErrIssuerBinding, good.Controller, p.issuer))
	default:
		p.add(CheckIssuerBinding, Skipped, "no proof verified", nil, nil)
	}
}

// checkBareDID adds the key check for a verified proof, and reports
// whether its key is acceptable.
//
// A Data Integrity verificationMethod should be a DID URL with a fragment
// ("did:key:z6Mk...#z6Mk..."): a bare DID dereferences to the DID
// document, not to a key (Controlled Identifiers 1.0 § 3.3). Issuers
// nevertheless write the bare did:key or did:jwk of their own DID, and
// such a DID names exactly one key, so when it is the issuer's DID the
// key check warns and the proof stands. A bare DID that is not the
// issuer's is refused: it names a key the issuer does not control, and
// nothing is gained by reading it charitably. (A bare DID of another
// method never gets here: package credential cannot resolve it to one
// key.)
func (p *run) checkBareDID(pr *credential.ProofResult) bool {
	vm := pr.VerificationMethod
	kd := map[string]any{"verificationMethod": vm, "controller": pr.Controller}
	src := "resolved"
	if pr.Key != nil {
		kd["source"], kd["type"] = string(pr.Key.Source), pr.Key.Type
		src = string(pr.Key.Source)
	}
	msg := fmt.Sprintf("key %s resolved (%s)", vm, src)
	if !strings.HasPrefix(vm, "did:") || strings.Contains(vm, "#") {
		p.add(CheckKey, Pass, msg, kd, nil)
		return true
	}
	conformant := vm
	if pr.Key != nil && pr.Key.ID != "" {
		conformant = pr.Key.ID
	}
	kd["conformant"] = conformant
	if vm != p.issuer {
		p.add(CheckKey, Fail, fmt.Sprintf("the verificationMethod %s is a bare DID that is not the issuer %q; a DID names a document, not a key", vm, p.issuer), kd,
			fmt.Errorf("%w: %w: bare DID %q is not the issuer", ErrKey, credential.ErrVerificationMethod, vm))
		return false
	}
	p.add(CheckKey, Warn, msg+fmt.Sprintf("; the verificationMethod is the bare DID of the issuer, which names its only key; a conformant issuer writes %s", conformant), kd, nil)
	return true
}
