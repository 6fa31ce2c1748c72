package status

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/microcred/microcred/badge"
)

// List and entry types this package reads, besides the two entry types
// package badge names ([badge.TypeBitstringStatusListEntry] and
// [badge.TypeRevocationList]).
const (
	TypeBitstringCredential = "BitstringStatusListCredential"
	TypeBitstringList       = "BitstringStatusList"
	TypeStatusList2021Entry = "StatusList2021Entry"
	TypeStatusList2021Cred  = "StatusList2021Credential"
	TypeStatusList2021      = "StatusList2021"
)

// CredentialOptions describes the status-list credential List.Credential
// writes.
type CredentialOptions struct {
	// ID is the URL the list credential will be published at; it is also
	// every entry's statusListCredential. Required.
	ID string
	// Issuer is the issuer id. It must be the issuer of the credentials whose
	// status the list carries: verifiers refuse lists signed by anyone else.
	Issuer string
	// ValidFrom defaults to the zero time, which omits the property.
	ValidFrom, ValidUntil time.Time
	// TTL, when positive, tells verifiers how long they may cache the list.
	TTL time.Duration
}

// Credential returns the unsigned BitstringStatusListCredential for l as
// JSON. Sign it with package credential before publishing it.
func (l *List) Credential(o CredentialOptions) ([]byte, error) {
	if o.ID == "" || o.Issuer == "" {
		return nil, fmt.Errorf("%w: a status list credential needs an ID (its URL) and an Issuer", ErrMalformed)
	}
	enc, err := l.Encode()
	if err != nil {
		return nil, err
	}
	subject := struct {
		ID            string  `json:"id"`
		Type          string  `json:"type"`
		StatusPurpose Purpose `json:"statusPurpose"`
		EncodedList   string  `json:"encodedList"`
		TTL           int64   `json:"ttl,omitempty"`
	}{o.ID + "#list", TypeBitstringList, l.purpose, enc, o.TTL.Milliseconds()}
	cred := struct {
		Context           []string `json:"@context"`
		ID                string   `json:"id"`
		Type              []string `json:"type"`
		Issuer            string   `json:"issuer"`
		ValidFrom         string   `json:"validFrom,omitempty"`
		ValidUntil        string   `json:"validUntil,omitempty"`
		CredentialSubject any      `json:"credentialSubject"`
	}{
		Context:           []string{badge.ContextVCv2},
		ID:                o.ID,
		Type:              []string{"VerifiableCredential", TypeBitstringCredential},
		Issuer:            o.Issuer,
		ValidFrom:         formatTime(o.ValidFrom),
		ValidUntil:        formatTime(o.ValidUntil),
		CredentialSubject: subject,
	}
	return json.MarshalIndent(cred, "", "  ")
}

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// Entry returns the credentialStatus of the credential that was given index
// i, for [badge.Options].Status. listURL is the list credential's URL
// (CredentialOptions.ID). A list of more than one bit per entry adds
// statusSize and statusMessage, which a verifier needs to read the value.
func (l *List) Entry(listURL string, i int) (*badge.CredentialStatus, error) {
	if i < 0 || i >= l.entries {
		return nil, fmt.Errorf("%w: index %d, list holds %d entries", ErrRange, i, l.entries)
	}
	e := badge.BitstringStatus(listURL, i, string(l.purpose))
	if l.size > 1 {
		size, err := json.Marshal(l.size)
		if err != nil {
			return nil, err
		}
		msgs, err := json.Marshal(l.messages)
		if err != nil {
			return nil, err
		}
		e.Extra["statusSize"], e.Extra["statusMessage"] = size, msgs
	}
	return e, nil
}
