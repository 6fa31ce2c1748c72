package status

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/microcred/microcred/internal/strictjson"
)

// RevocationList is a 1EdTech Revocation List (credentialStatus type
// 1EdTechRevocationList): a JSON document published at the entry's id,
// listing revoked credential ids. The 1EdTech validator treats an entry as
// revoked when its id matches and revoked is true or absent.
type RevocationList struct {
	ID                string              `json:"id,omitempty"`      // the list's URL
	Issuer            string              `json:"-"`                 // the issuer id, when the list names one
	RevokedCredential []RevokedCredential `json:"revokedCredential"` // the revoked credentials
}

// RevokedCredential is one entry of a RevocationList.
type RevokedCredential struct {
	ID               string `json:"id"`                         // the credential's id
	Revoked          *bool  `json:"revoked,omitempty"`          // nil counts as true
	RevocationReason string `json:"revocationReason,omitempty"` // for people
}

// ParseRevocationList reads a 1EdTech Revocation List document. Its issuer
// may be a string or a Profile object.
func ParseRevocationList(raw []byte) (*RevocationList, error) {
	var rl RevocationList
	var w struct {
		Issuer            json.RawMessage   `json:"issuer"`
		RevokedCredential []json.RawMessage `json:"revokedCredential"`
	}
	// Case-sensitively, as every reader of these documents must: a
	// "RevokedCredential" is not the list, nor "Revoked" the flag.
	if err := strictjson.Unmarshal(raw, &rl, strictjson.Limits{MaxBytes: max(len(raw), 1)}); err != nil {
		return nil, fmt.Errorf("%w: 1EdTech revocation list: %w", ErrMalformed, err)
	}
	if err := strictjson.Unmarshal(raw, &w, strictjson.Limits{MaxBytes: max(len(raw), 1)}); err != nil {
		return nil, fmt.Errorf("%w: 1EdTech revocation list: %w", ErrMalformed, err)
	}
	if w.RevokedCredential == nil {
		return nil, fmt.Errorf("%w: 1EdTech revocation list has no revokedCredential array", ErrMalformed)
	}
	if is := bytes.TrimSpace(w.Issuer); len(is) > 0 {
		if is[0] == '{' {
			var o struct {
				ID string `json:"id"`
			}
			_ = strictjson.Unmarshal(is, &o, strictjson.Limits{MaxBytes: max(len(is), 1)})
			rl.Issuer = o.ID
		} else {
			_ = json.Unmarshal(is, &rl.Issuer)
		}
	}
	return &rl, nil
}

// Revoked reports whether credentialID is revoked, and the reason if given.
func (rl *RevocationList) Revoked(credentialID string) (bool, string) {
	for _, r := range rl.RevokedCredential {
		if r.ID == credentialID && (r.Revoked == nil || *r.Revoked) {
			return true, r.RevocationReason
		}
	}
	return false, ""
}
