package verify

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/microcred/microcred/badge"
	"github.com/microcred/microcred/credential"
	"github.com/microcred/microcred/credential/status"
)

// statusList is a fetched, verified and decoded status-list credential,
// cached by URL.
type statusList struct {
	lc   *status.ListCredential
	bits []byte
	err  error // why the list could not be used
	// signer is the verification method that signed the list; fragmentKey
	// says it was only a multikey fragment of the issuer id.
	signer      string
	fragmentKey bool
}

// checkStatus runs the status check over every credentialStatus entry.
func (p *run) checkStatus() {
	entries := objects(p.doc["credentialStatus"])
	if len(entries) == 0 {
		p.add(CheckStatus, Skipped, "the credential has no credentialStatus", nil, nil)
		return
	}
	if !p.proofOK {
		// A status URL chosen by whoever forged the proof is not worth a
		// request; the credential has already failed.
		p.add(CheckStatus, Skipped, "not checked: the credential's proof did not verify", nil, nil)
		return
	}
	if len(entries) > 8 {
		p.add(CheckStatus, Fail, fmt.Sprintf("%d credentialStatus entries; at most 8 are checked", len(entries)), nil, fmt.Errorf("%w: %w", ErrStatus, ErrLimit))
		return
	}
	var results []map[string]any
	var warns []string
	for _, e := range entries {
		raw, _ := json.Marshal(e)
		typ := strings.Join(stringList(e["type"]), ",")
		switch {
		case typ == badge.TypeRevocationList:
			res, warn, err := p.revocationList(e)
			if err != nil {
				p.add(CheckStatus, Fail, err.Error(), map[string]any{"entries": append(results, res)}, err)
				return
			}
			if warn != "" {
				warns = append(warns, warn)
			}
			results = append(results, res)
		case strings.Contains(typ, badge.TypeBitstringStatusListEntry) || strings.Contains(typ, status.TypeStatusList2021Entry):
			entry, err := status.ParseEntry(raw)
			if err != nil {
				p.add(CheckStatus, Fail, "credentialStatus entry is malformed: "+err.Error(), nil, fmt.Errorf("%w: %w", ErrStatus, err))
				return
			}
			if p.v.fetch == nil {
				p.skipNet(CheckStatus, "fetching the status list "+entry.StatusListCredential)
				return
			}
			res, err := p.v.statusOf(p.ctx, entry, p.issuer, p.signer, p.now)
			d := map[string]any{"type": entry.Type, "purpose": string(entry.StatusPurpose), "index": entry.Index,
				"statusListCredential": entry.StatusListCredential}
			if err != nil {
				p.add(CheckStatus, Fail, err.Error(), map[string]any{"entries": append(results, d)}, err)
				return
			}
			d["value"] = res.Value
			if res.Message != "" {
				d["message"] = res.Message
			}
			results = append(results, d)
			if res.Set() {
				switch res.Purpose {
				case status.Revocation:
					p.add(CheckStatus, Fail, "the issuer has revoked this credential", map[string]any{"entries": results}, ErrRevoked)
					return
				case status.Suspension:
					p.add(CheckStatus, Fail, "the issuer has suspended this credential", map[string]any{"entries": results}, ErrSuspended)
					return
				case status.Refresh:
					warns = append(warns, "the issuer says a refreshed copy of this credential is available")
				case status.Message:
					warns = append(warns, fmt.Sprintf("status message: %s", res.Message))
				}
			}
		default:
			warns = append(warns, fmt.Sprintf("credentialStatus type %q is not one this verifier reads; its status is unknown", typ))
		}
	}
	if p.r.Check(CheckStatus) != nil {
		return
	}
	if len(warns) > 0 {
		p.add(CheckStatus, Warn, summarize(warns), map[string]any{"entries": results}, nil)
		return
	}
	p.add(CheckStatus, Pass, "not revoked or suspended", map[string]any{"entries": results}, nil)
}

// revocationList checks a 1EdTechRevocationList entry. As in the 1EdTech
// validator, a list that cannot be fetched is a warning, not a failure.
func (p *run) revocationList(e map[string]any) (map[string]any, string, error) {
	id := idOf(e)
	d := map[string]any{"type": badge.TypeRevocationList, "id": id}
	if p.v.fetch == nil {
		p.noNet = true
		return d, "skipped: the 1EdTech revocation list " + id + " needs the network and this verifier is offline", nil
	}
	body, err := p.v.fetch.get(p.ctx, id, credTypes)
	if err != nil {
		return d, "the 1EdTech revocation list could not be fetched: " + err.Error(), nil
	}
	if err := checkJSON(body, p.v.lim.MaxDepth); err != nil {
		return d, "", fmt.Errorf("%w: revocation list %s: %w", ErrStatus, id, err)
	}
	rl, err := status.ParseRevocationList(body)
	if err != nil {
		return d, "", fmt.Errorf("%w: %w", ErrStatus, err)
	}
	if revoked, reason := rl.Revoked(p.r.CredentialID); revoked {
		d["revoked"] = true
		if reason != "" {
			d["reason"] = reason
		}
		return d, "", fmt.Errorf("%w: listed in %s (%s)", ErrRevoked, id, reason)
	}
	d["revoked"] = false
	return d, "", nil
}

// statusOf fetches (or takes from cache), verifies and reads the status
// list an entry names. The list credential must carry a valid proof by a
// key its issuer controls, and that issuer must be the credential's
// issuer: otherwise anyone could publish a list that "un-revokes" it.
func (v *Verifier) statusOf(ctx context.Context, e *status.Entry, issuer, credKey string, now time.Time) (status.Result, error) {
	key := e.StatusListCredential + "\x00" + fmt.Sprint(e.Size())
	sl, ok := v.statusCache.get(key, now)
	if !ok {
		var err error
		sl, err = v.statusFlight.do(ctx, key, func() *statusList {
			sl, ttl := v.loadStatusList(ctx, e, now)
			// Only verified lists are cached: a failure may be a passing
			// network fault, and caching it would fail every credential on
			// the list until it expired.
			if sl.err == nil {
				v.statusCache.put(key, sl, now.Add(ttl))
			}
			return sl
		})
		if err != nil {
			return status.Result{}, fmt.Errorf("%w: %w", ErrStatus, err)
		}
	}
	if sl.err != nil {
		return status.Result{}, sl.err
	}
	if sl.lc.Issuer != issuer {
		return status.Result{}, fmt.Errorf("%w: status list %s is issued by %q, not by the credential's issuer %q",
			ErrStatus, e.StatusListCredential, sl.lc.Issuer, issuer)
	}
	// A fragment key is the issuer's only on its own say-so (see
	// bindIssuer); for a list, accept it only if the very same key signed
	// the credential, which ties the list to whoever issued it.
	if sl.fragmentKey && !v.cfg.UnsafeTrustFragmentKeys && sl.signer != credKey {
		return status.Result{}, fmt.Errorf("%w: status list %s is signed with %s, a key only named in its fragment and not the key that signed the credential",
			ErrStatus, e.StatusListCredential, sl.signer)
	}
	res, err := status.Lookup(e, sl.lc, sl.bits)
	if err != nil {
		return status.Result{}, fmt.Errorf("%w: %w", ErrStatus, err)
	}
	return res, nil
}

func (v *Verifier) loadStatusList(ctx context.Context, e *status.Entry, now time.Time) (*statusList, time.Duration) {
	failed := func(err error) (*statusList, time.Duration) {
		return &statusList{err: fmt.Errorf("%w: status list %s: %w", ErrStatus, e.StatusListCredential, err)}, 0
	}
	body, err := v.fetch.get(ctx, e.StatusListCredential, credTypes)
	if err != nil {
		return failed(err)
	}
	// The list credential's proof is verified like a credential's, and must
	// be made by a key its issuer controls; the other checks do not apply
	// (a list has no status of its own to check).
	res := v.newResolver(credential.AssertionMethod)
	raw := bytes.TrimSpace(body)
	var signer string
	var signerKey *credential.VerificationMethod
	if looksLikeJWT(raw) {
		jr, err := credential.VerifyJWT(ctx, string(raw), credential.JWTVerifyOptions{
			Resolver: res, Algorithms: v.algs, MaxJWTBytes: v.lim.MaxFetchBytes,
		})
		if err == nil {
			err = jr.KeyBoundTo(jr.Issuer)
		}
		if err != nil {
			return failed(fmt.Errorf("VC-JWT: %w", err))
		}
		raw, signer, signerKey = jr.Credential, jr.Header.Kid, jr.VerificationMethod
	}
	if err := checkJSON(raw, v.lim.MaxDepth); err != nil {
		return failed(err)
	}
	lc, err := status.ParseListCredential(raw)
	if err != nil {
		return failed(err)
	}
	if signer == "" {
		sub := v.newRun(ctx, DefaultMaxEndorsementDepth+1)
		rep, err := sub.verifyProofs(raw, sub.proofOptions(res))
		if rep == nil {
			return failed(fmt.Errorf("proof: %w", err))
		}
		for _, pr := range rep.Proofs {
			if pr.Err == nil && pr.Controller == lc.Issuer {
				signer, signerKey = pr.VerificationMethod, pr.Key
				break
			}
		}
		if signer == "" {
			if err := rep.Err(); err != nil {
				return failed(fmt.Errorf("no valid proof by its issuer: %w", err))
			}
			return failed(fmt.Errorf("no proof by a key %q controls", lc.Issuer))
		}
	}
	fragmentKey := signerKey != nil && signerKey.Source == credential.KeySourceFragment
	if t, ok := parseDateTime(lc.ValidFrom); ok && now.Add(v.cfg.Skew).Before(t) {
		return failed(fmt.Errorf("not valid until %s", lc.ValidFrom))
	}
	ttl := v.statusTTL
	if t, ok := parseDateTime(lc.ValidUntil); ok {
		if !now.Add(-v.cfg.Skew).Before(t) {
			return failed(fmt.Errorf("expired at %s", lc.ValidUntil))
		}
		ttl = min(ttl, t.Sub(now))
	}
	if lc.TTL > 0 {
		ttl = min(ttl, time.Duration(lc.TTL)*time.Millisecond)
	}
	bits, err := lc.Bits(status.DecodeOptions{MaxDecodedBytes: v.lim.MaxStatusListBytes, StatusSize: e.Size()})
	if err != nil {
		return failed(err)
	}
	return &statusList{lc: lc, bits: bits, signer: signer, fragmentKey: fragmentKey}, ttl
}
