package verify

import (
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/microcred/microcred/credential"
)

// bindIssuer reports the issuer-binding check for a verified proof whose
// key k is controlled by the issuer. Keys resolved from a DID document or
// an https document pass. A key that only sits in the verification
// method's fragment ("<issuer-id>#z6Mk...", the 1EdTech convention) says
// nothing by itself: anyone can put their own key after the issuer's id.
// Unless Config.UnsafeTrustFragmentKeys is set, such a key must be
// confirmed by the issuer's controller document at the issuer id: listed,
// it passes; a document that lists other keys fails; no document (or no
// network) leaves the binding not established, so the verdict is
// Unverified: anyone could have signed.
func (p *run) bindIssuer(k *credential.VerificationMethod) {
	d := map[string]any{"controller": p.issuer}
	if k != nil {
		p.signer = k.ID
	}
	if k == nil || k.Source != credential.KeySourceFragment {
		p.proofOK = true
		p.add(CheckIssuerBinding, Pass, "the key is controlled by the issuer "+p.issuer, d, nil)
		return
	}
	d["source"] = string(credential.KeySourceFragment)
	if p.v.cfg.UnsafeTrustFragmentKeys {
		p.proofOK = true
		d["unsafe"] = "UnsafeTrustFragmentKeys"
		p.add(CheckIssuerBinding, Pass, "the key in the verification method's fragment is taken as the issuer's, because Config.UnsafeTrustFragmentKeys is set", d, nil)
		return
	}
	unconfirmed := "the key appears only in the verification method's fragment, so anyone could have signed: "
	base, frag, _ := strings.Cut(k.ID, "#")
	// In the cases below the signature is good but nothing ties its key to
	// the issuer. proofOK stays true so that status is still read (a list
	// must then be signed by this very key, see statusOf) and a revoked
	// credential still fails; the binding itself is not established.
	if u, err := url.Parse(base); err != nil || u.Scheme != "https" {
		p.proofOK = true
		p.unestablished(CheckIssuerBinding, unconfirmed+"the issuer id "+base+" is not an https URL that could publish its keys (Config.UnsafeTrustFragmentKeys takes the key at its word)", d, ErrIssuerBinding)
		return
	}
	if p.v.fetch == nil {
		p.proofOK = true
		d["skipped"], d["reason"] = true, "offline"
		p.unestablished(CheckIssuerBinding, "not established: confirming the fragment key with the issuer's controller document at "+base+" needs the network and this verifier is offline", d, fmt.Errorf("%w: %w", ErrIssuerBinding, ErrOfflineSkipped))
		return
	}
	listed, err := p.v.issuerListsKey(p, base, frag)
	switch {
	case listed:
		p.proofOK = true
		d["confirmedBy"] = base
		p.add(CheckIssuerBinding, Pass, "the issuer's controller document at "+base+" lists the key", d, nil)
	case errors.Is(err, errKeyNotListed):
		p.add(CheckIssuerBinding, Fail, err.Error(), d, fmt.Errorf("%w: %w", ErrIssuerBinding, err))
	default:
		p.proofOK = true
		d["error"] = err.Error()
		p.unestablished(CheckIssuerBinding, unconfirmed+"the issuer's controller document could not be read: "+err.Error(), d, fmt.Errorf("%w: %w", ErrIssuerBinding, err))
	}
}

var errKeyNotListed = errors.New("the issuer's controller document does not list the key")

// issuerListsKey fetches the controller document at issuer and reports
// whether it lists the multikey mk under assertionMethod.
func (v *Verifier) issuerListsKey(p *run, issuer, mk string) (bool, error) {
	doc, err := v.fetchDocument(p.ctx, issuer)
	if err != nil {
		return false, err
	}
	switch {
	case doc.controller != nil:
		for _, ref := range doc.controller.Relationship(credential.AssertionMethod) {
			m := ref.Embedded
			if m == nil {
				for i := range doc.controller.VerificationMethod {
					if vm := &doc.controller.VerificationMethod[i]; vm.ID == ref.ID || issuer+vm.ID == ref.ID || vm.ID == issuer+ref.ID {
						m = vm
					}
				}
			}
			if m != nil && m.PublicKeyMultibase == mk {
				return true, nil
			}
		}
		return false, fmt.Errorf("%w: %s lists no assertionMethod key %s", errKeyNotListed, issuer, mk)
	case doc.method != nil:
		if doc.method.PublicKeyMultibase == mk && doc.method.Controller == issuer {
			return true, nil
		}
		return false, fmt.Errorf("%w: %s publishes a different key", errKeyNotListed, issuer)
	}
	return false, errors.New("not a controller document")
}
