package status

import (
	"encoding/json"
	"fmt"
	"strconv"
	"time"
)

// VCv2Context is the W3C Verifiable Credentials 2.0 context, which defines
// every Bitstring Status List term.
const VCv2Context = "https://www.w3.org/ns/credentials/v2"

// Entry types and list types this package reads.
const (
	TypeBitstringEntry      = "BitstringStatusListEntry"
	TypeBitstringCredential = "BitstringStatusListCredential"
	TypeBitstringList       = "BitstringStatusList"
	TypeStatusList2021Entry = "StatusList2021Entry"
	TypeStatusList2021Cred  = "StatusList2021Credential"
	TypeStatusList2021      = "StatusList2021"
	Type1EdTechRevocation   = "1EdTechRevocationList"
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
		Context:           []string{VCv2Context},
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

// Entry returns the credentialStatus value for the credential that was
// given index i. listURL is the list credential's URL (CredentialOptions.ID).
func (l *List) Entry(listURL string, i int) (*Entry, error) {
	if i < 0 || i >= l.entries {
		return nil, fmt.Errorf("%w: index %d, list holds %d entries", ErrRange, i, l.entries)
	}
	e := &Entry{
		ID:                   listURL + "#" + strconv.Itoa(i),
		Type:                 TypeBitstringEntry,
		StatusPurpose:        l.purpose,
		StatusListIndex:      strconv.Itoa(i),
		StatusListCredential: listURL,
		Index:                i,
	}
	if l.size > 1 {
		e.StatusSize = l.size
		e.StatusMessage = l.Messages()
	}
	return e, nil
}
