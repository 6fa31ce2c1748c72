package verify

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/microcred/microcred/credential"
	"github.com/microcred/microcred/internal/credseam"
)

// resolveKey resolves a verification method id to a key whose Source
// says where it came from. The order follows the 1EdTech validator: a
// multikey fragment first, then DID methods, then https documents;
// anything else is an error.
//
// A did:key or did:jwk without fragment resolves to the DID's only key:
// it names that key unambiguously. Whether a proof may name its key that
// way is the caller's rule (see checkBareDID), not the resolver's.
func (v *Verifier) resolveKey(ctx context.Context, id string, rel credential.Relationship) (*credential.VerificationMethod, error) {
	if len(id) > credential.MaxDIDLength {
		return nil, fmt.Errorf("%w: verification method id is %d bytes", ErrKey, len(id))
	}
	base, frag, _ := strings.Cut(id, "#")
	if strings.HasPrefix(id, "did:") {
		method, _, _ := strings.Cut(strings.TrimPrefix(base, "did:"), ":")
		switch method {
		case "key", "jwk":
			if vm, ok := didKeyMethod(ctx, id, rel); ok {
				return vm, nil
			}
			return offlineDIDMethod(ctx, id, base, frag, method, rel)
		case "web":
			doc, err := v.resolveDIDWeb(ctx, base)
			if err != nil {
				return nil, err
			}
			vm, err := doc.VerificationMethodFor(id, rel)
			if err != nil {
				return nil, fmt.Errorf("%w: %w", ErrKey, err)
			}
			vm.Source = credential.KeySourceDIDWeb
			return vm, nil
		}
		if v.cfg.DIDResolver != nil {
			doc, err := v.cfg.DIDResolver.ResolveDID(ctx, base)
			if err != nil {
				return nil, fmt.Errorf("%w: %w", ErrKey, err)
			}
			vm, err := doc.VerificationMethodFor(id, rel)
			if err != nil {
				return nil, fmt.Errorf("%w: %w", ErrKey, err)
			}
			vm.Source = credential.KeySourceDID
			return vm, nil
		}
		return nil, fmt.Errorf("%w: %w: did:%s", ErrKey, credential.ErrUnsupported, method)
	}
	u, err := url.Parse(id)
	if err != nil || u.Scheme == "" {
		return nil, fmt.Errorf("%w: verification method %q is not a URI", ErrKey, id)
	}
	// The 1EdTech convention: <issuer-id>#<publicKeyMultibase>. The key is
	// in the identifier and its controller is the id before the fragment,
	// whatever its scheme (the 1EdTech validator accepts urn:uuid issuers
	// this way). Binding then rests on that id being the issuer's.
	if strings.HasPrefix(frag, "z") {
		if pub, err := credential.ParseMultikey(frag); err == nil {
			return &credential.VerificationMethod{ID: id, Type: "Multikey", Controller: base, PublicKey: pub, Source: credential.KeySourceFragment}, nil
		}
	}
	if u.Scheme != "https" && u.Scheme != "http" {
		return nil, fmt.Errorf("%w: verification method scheme %q is not supported", ErrKey, u.Scheme)
	}
	doc, err := v.fetchDocument(ctx, base)
	if err != nil {
		return nil, err
	}
	// A document that is itself the key: {id, type, controller, publicKey...}.
	if doc.method != nil && (doc.method.ID == id || doc.method.ID == base) {
		vm, err := doc.method.Resolve()
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrKey, err)
		}
		if vm.Controller == "" {
			return nil, fmt.Errorf("%w: key document %s names no controller", ErrKey, base)
		}
		vm.Source = credential.KeySourceHTTPS
		return vm, nil
	}
	if doc.controller == nil {
		return nil, fmt.Errorf("%w: %s is neither a key nor a controller document", ErrKey, base)
	}
	vm, err := doc.controller.VerificationMethodFor(id, rel)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrKey, err)
	}
	vm.Source = credential.KeySourceControllerDocument
	return vm, nil
}

func (v *Verifier) resolveDIDWeb(ctx context.Context, did string) (*credential.DIDDocument, error) {
	u, err := credential.DIDWebURL(did)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrKey, err)
	}
	now := v.now()
	if doc, ok := v.didCache.get(did, now); ok {
		return doc, nil
	}
	if v.fetch == nil {
		return nil, fmt.Errorf("%w: resolving %s needs the network", ErrOfflineSkipped, did)
	}
	body, err := v.fetchShared(ctx, u)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrKey, err)
	}
	doc, err := credential.ParseDIDDocument(body)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrKey, err)
	}
	// A did:web document must describe that DID, or one host could publish
	// keys for another.
	if doc.ID != did {
		return nil, fmt.Errorf("%w: %s serves a document for %q", ErrKey, u, doc.ID)
	}
	v.didCache.put(did, doc, now.Add(v.docTTL))
	return doc, nil
}

type fetchedDoc struct {
	method     *credential.DocumentMethod
	controller *credential.DIDDocument
}

func (v *Verifier) fetchDocument(ctx context.Context, u string) (*fetchedDoc, error) {
	now := v.now()
	if d, ok := v.docCache.get(u, now); ok {
		return d, nil
	}
	if v.fetch == nil {
		return nil, fmt.Errorf("%w: fetching %s needs the network", ErrOfflineSkipped, u)
	}
	body, err := v.fetchShared(ctx, u)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrKey, err)
	}
	d := &fetchedDoc{}
	var m credential.DocumentMethod
	if err := strictUnmarshal(body, &m, v.lim.MaxDepth); err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrKey, u, err)
	}
	if m.PublicKeyMultibase != "" || len(m.PublicKeyJWK) > 0 || m.PublicKeyBase58 != "" {
		d.method = &m
	} else if doc, err := credential.ParseDIDDocument(body); err == nil {
		d.controller = doc
	} else {
		return nil, fmt.Errorf("%w: %s: %w", ErrKey, u, err)
	}
	v.docCache.put(u, d, now.Add(v.docTTL))
	return d, nil
}

// isOfflineSkip reports whether err means "not attempted: offline".
func isOfflineSkip(err error) bool { return errors.Is(err, ErrOfflineSkipped) }

func (v *Verifier) now() time.Time { return v.clock() }

type fetchResult struct {
	body []byte
	err  error
}

// fetchShared fetches a JSON document once for all concurrent callers.
func (v *Verifier) fetchShared(ctx context.Context, u string) ([]byte, error) {
	res, err := v.docFlight.do(ctx, u, func() fetchResult {
		b, err := v.fetch.get(ctx, u, jsonTypes)
		return fetchResult{b, err}
	})
	if err != nil {
		return nil, err
	}
	return res.body, res.err
}

// offlineDIDMethod resolves a did:key or did:jwk URL id (base, the DID,
// and frag, its fragment, cut from it) through its DID document.
func offlineDIDMethod(ctx context.Context, id, base, frag, method string, rel credential.Relationship) (*credential.VerificationMethod, error) {
	doc, err := credential.OfflineResolver{}.ResolveDID(ctx, base)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrKey, err)
	}
	if frag == "" {
		if len(doc.VerificationMethod) != 1 {
			return nil, fmt.Errorf("%w: %w: %q is a DID, which names a document, not a key; name the key with a fragment", ErrKey, credential.ErrVerificationMethod, id)
		}
		id = doc.VerificationMethod[0].ID
	}
	vm, err := doc.VerificationMethodFor(id, rel)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrKey, err)
	}
	vm.Source = credential.KeySourceDIDKey
	if method == "jwk" {
		vm.Source = credential.KeySourceDIDJWK
	}
	return vm, nil
}

// didKeyMethod is what offlineDIDMethod gives for a did:key URL in the
// one form issuers write, did:key:MK#MK with MK the canonical encoding of
// its key, for a purpose a did:key document lists its key under: the
// method itself, without building the DID document, its lists and its
// method only to look the key up again (that cost four allocations more
// and about 1.5% of a whole verification). Anything else, a cancelled
// ctx included, is not answered (ok false) and takes the general path,
// which says why it fails where it does. TestDIDKeyMethod and
// FuzzDIDKeyMethod hold it to the general path.
func didKeyMethod(ctx context.Context, id string, rel credential.Relationship) (vm *credential.VerificationMethod, ok bool) {
	// credential's own shortcut, which VerifyProofs takes under its
	// OfflineResolver: one implementation for both.
	return credseam.OfflineDIDKeyMethod.(func(context.Context, string, string) (*credential.VerificationMethod, bool))(ctx, id, string(rel))
}
