package verify

import (
	"bytes"
	"context"
	"errors"
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
	entries     int // decoded bits / status size
}

// checkStatus runs the status check over every credentialStatus entry. A
// set revocation or suspension bit fails the credential; a list that could
// not be fetched, verified or read leaves the status not established (the
// verdict is then Unverified, never OK); anything the host should know
// about a list that was read (a short list, another issuer's list, a
// status message) is a warning. Status is reported whatever the validity
// check says: an expired credential that was also revoked says both.
func (p *run) checkStatus() {
	entries := objects(p.doc["credentialStatus"])
	if len(entries) == 0 {
		p.add(CheckStatus, Skipped, "the credential has no credentialStatus", nil, nil)
		return
	}
	if !p.proofOK {
		// A status URL chosen by whoever forged the proof is not worth a
		// request; the credential has already failed or is unverified.
		p.add(CheckStatus, Skipped, "not checked: the credential's proof is not established", nil, nil)
		return
	}
	if len(entries) > 8 {
		p.add(CheckStatus, Fail, fmt.Sprintf("%d credentialStatus entries; at most 8 are checked", len(entries)), nil, fmt.Errorf("%w: %w", ErrStatus, ErrLimit))
		return
	}
	var (
		results      []map[string]any
		warns        []string
		unknown      []string
		unknownErrs  []error
		offlineSkips int
	)
	// msg is what the check's message says; err (which wraps the sentinels)
	// goes to Err and the entry's detail.
	notEstablished := func(d map[string]any, msg string, err error) {
		d["error"] = err.Error()
		results = append(results, d)
		unknown = append(unknown, msg)
		unknownErrs = append(unknownErrs, err)
		if errors.Is(err, ErrOfflineSkipped) {
			offlineSkips++
		}
	}
	for _, e := range entries {
		typ, ok := e["type"].(string) // the usual form, read without a list
		if !ok {
			typ = strings.Join(stringList(e["type"]), ",")
		}
		switch {
		case typ == badge.TypeRevocationList:
			res, err := p.revocationList(e)
			switch {
			case errors.Is(err, ErrRevoked):
				p.add(CheckStatus, Fail, err.Error(), map[string]any{"entries": append(results, res)}, err)
				return
			case errors.Is(err, ErrOfflineSkipped):
				notEstablished(res, "the 1EdTech revocation list "+idOf(e)+" needs the network and this verifier is offline", err)
			case err != nil:
				notEstablished(res, err.Error(), err)
			default:
				results = append(results, res)
			}
		case strings.Contains(typ, badge.TypeBitstringStatusListEntry) || strings.Contains(typ, status.TypeStatusList2021Entry):
			entry, err := status.ParseEntryObject(e)
			if err != nil {
				p.add(CheckStatus, Fail, "credentialStatus entry is malformed: "+err.Error(), nil, fmt.Errorf("%w: %w", ErrStatus, err))
				return
			}
			d := map[string]any{"type": entry.Type, "purpose": string(entry.StatusPurpose), "index": entry.Index,
				"statusListCredential": entry.StatusListCredential}
			if p.v.fetch == nil {
				p.noNet = true
				d["skipped"], d["reason"] = true, "offline"
				msg := "fetching the status list " + entry.StatusListCredential + " needs the network and this verifier is offline"
				notEstablished(d, msg, fmt.Errorf("%w: %s", ErrOfflineSkipped, msg))
				continue
			}
			res, note, err := p.v.statusOf(p.ctx, entry, p.issuer, p.signer, p.now)
			if err != nil {
				notEstablished(d, err.Error(), err)
				continue
			}
			d["value"] = res.Value
			if res.Message != "" {
				d["message"] = res.Message
			}
			if note != "" {
				d["note"] = note
				warns = append(warns, note)
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
	d := map[string]any{"entries": results}
	switch {
	case len(unknown) > 0:
		if offlineSkips == len(unknown) {
			d["skipped"], d["reason"] = true, "offline"
		}
		p.unestablished(CheckStatus, "not established: "+summarize(unknown), d, errors.Join(unknownErrs...))
	case len(warns) > 0:
		p.add(CheckStatus, Warn, summarize(warns), d, nil)
	default:
		p.add(CheckStatus, Pass, "not revoked or suspended", d, nil)
	}
}

// revocationList checks a 1EdTechRevocationList entry. A list that cannot
// be fetched or read leaves the status not established (the 1EdTech
// validator only warns; a verifier that cannot see a revocation must not
// call the credential verified).
func (p *run) revocationList(e map[string]any) (map[string]any, error) {
	id := idOf(e)
	d := map[string]any{"type": badge.TypeRevocationList, "id": id}
	if p.v.fetch == nil {
		p.noNet = true
		d["skipped"], d["reason"] = true, "offline"
		return d, fmt.Errorf("%w: the 1EdTech revocation list %s needs the network and this verifier is offline", ErrOfflineSkipped, id)
	}
	body, err := p.v.fetch.get(p.ctx, id, credTypes)
	if err != nil {
		return d, fmt.Errorf("%w: the 1EdTech revocation list could not be fetched: %w", ErrStatus, err)
	}
	if err := checkJSON(body, p.v.lim.MaxDepth); err != nil {
		return d, fmt.Errorf("%w: revocation list %s: %w", ErrStatus, id, err)
	}
	rl, err := status.ParseRevocationList(body)
	if err != nil {
		return d, fmt.Errorf("%w: %w", ErrStatus, err)
	}
	if revoked, reason := rl.Revoked(p.r.CredentialID); revoked {
		d["revoked"] = true
		if reason != "" {
			d["reason"] = reason
		}
		return d, fmt.Errorf("%w: listed in %s (%s)", ErrRevoked, id, reason)
	}
	d["revoked"] = false
	return d, nil
}

// statusOf fetches (or takes from cache), verifies and reads the status
// list an entry names. The list credential must carry a valid proof by a
// key its own issuer controls. Every error means the status could not be
// established from this list. note, when set, is a warning about a list
// that was read: one shorter than the specification minimum, or one issued
// by someone other than the credential's issuer.
//
// A list from another issuer (often a dedicated status key) is how many
// status services publish. Its set revocation or suspension bit is
// believed: failing closed costs nothing, since the credential's own
// issuer chose to point at that list. Its unset bit is only that signer's
// word, so it is reported with the signer's name; Config.
// RequireStatusListIssuer refuses such lists instead.
func (v *Verifier) statusOf(ctx context.Context, e *status.Entry, issuer, credKey string, now time.Time) (res status.Result, note string, err error) {
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
			return status.Result{}, "", fmt.Errorf("%w: %w", ErrStatus, err)
		}
	}
	if sl.err != nil {
		return status.Result{}, "", sl.err
	}
	foreign := sl.lc.Issuer != issuer
	if foreign && v.cfg.RequireStatusListIssuer {
		return status.Result{}, "", fmt.Errorf("%w: status list %s is issued by %q, not by the credential's issuer %q, and Config.RequireStatusListIssuer is set",
			ErrStatus, e.StatusListCredential, sl.lc.Issuer, issuer)
	}
	// A fragment key is the issuer's only on its own say-so (see
	// bindIssuer); for a list, accept it only if the very same key signed
	// the credential, which ties the list to whoever issued it.
	if sl.fragmentKey && !v.cfg.UnsafeTrustFragmentKeys && sl.signer != credKey {
		return status.Result{}, "", fmt.Errorf("%w: status list %s is signed with %s, a key only named in its fragment and not the key that signed the credential",
			ErrStatus, e.StatusListCredential, sl.signer)
	}
	res, err = status.Lookup(e, sl.lc, sl.bits)
	if err != nil {
		return status.Result{}, "", fmt.Errorf("%w: %w", ErrStatus, err)
	}
	var notes []string
	if foreign && !(res.Set() && (res.Purpose == status.Revocation || res.Purpose == status.Suspension)) {
		notes = append(notes, fmt.Sprintf("status list %s is issued by %s and signed with %s, not by the credential's issuer %s; its %s entry is unset on that signer's word (Config.RequireStatusListIssuer refuses such lists)",
			e.StatusListCredential, sl.lc.Issuer, sl.signer, issuer, res.Purpose))
	}
	if sl.entries < status.MinEntries {
		notes = append(notes, fmt.Sprintf("status list %s has %d entries, fewer than the %d the specification asks for, which weakens the holders' privacy (Config.StatusListMinEntries sets the floor)",
			e.StatusListCredential, sl.entries, status.MinEntries))
	}
	return res, strings.Join(notes, "; "), nil
}

func (v *Verifier) loadStatusList(ctx context.Context, e *status.Entry, now time.Time) (*statusList, time.Duration) {
	failed := func(err error) (*statusList, time.Duration) {
		return &statusList{err: fmt.Errorf("%w: status list %s: %w", ErrStatus, e.StatusListCredential, err)}, 0
	}
	// Any content type: static hosting serves a list file without an
	// extension as application/octet-stream or text/plain, and what makes
	// the body a status list is its proof, checked below, not its label.
	body, err := v.fetch.get(ctx, e.StatusListCredential, statusTypes)
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
	if t, ok := parseDateTime(lc.ValidFrom); ok && now.Add(v.skew).Before(t) {
		return failed(fmt.Errorf("not valid until %s (Config.Skew tolerates %s)", lc.ValidFrom, v.skew))
	}
	ttl := v.statusTTL
	if t, ok := parseDateTime(lc.ValidUntil); ok {
		if !now.Add(-v.skew).Before(t) {
			return failed(fmt.Errorf("expired at %s (Config.Skew tolerates %s)", lc.ValidUntil, v.skew))
		}
		ttl = min(ttl, t.Sub(now))
	}
	if lc.TTL > 0 {
		ttl = min(ttl, time.Duration(lc.TTL)*time.Millisecond)
	}
	floor := max(v.cfg.StatusListMinEntries, 1) // under the spec minimum: a warning, see statusOf
	bits, err := lc.Bits(status.DecodeOptions{MaxDecodedBytes: v.lim.MaxStatusListBytes, StatusSize: e.Size(), MinEntries: floor})
	if err != nil {
		if errors.Is(err, status.ErrTooShort) {
			err = fmt.Errorf("%w (Config.StatusListMinEntries is %d)", err, v.cfg.StatusListMinEntries)
		}
		return failed(err)
	}
	return &statusList{lc: lc, bits: bits, signer: signer, fragmentKey: fragmentKey, entries: len(bits) * 8 / max(e.Size(), 1)}, ttl
}
