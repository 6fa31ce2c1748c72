package badge

import (
	"encoding/json"
	"fmt"
)

// ClrCredential (Comprehensive Learner Record 2.0) bundles a learner's
// credentials, each signed on its own, with the achievements they relate to
// and the associations between those achievements.
type ClrCredential struct {
	VerifiableCredential
	Image             *Image                  `json:"image,omitempty"`
	Partial           *bool                   `json:"partial,omitempty"`           // true: not all of the learner's credentials are included
	CredentialSubject *ClrSubject             `json:"credentialSubject,omitempty"` // required
	Endorsement       []EndorsementCredential `json:"endorsement,omitempty"`
	EndorsementJwt    []string                `json:"endorsementJwt,omitempty"`
	Evidence          []Evidence              `json:"evidence,omitempty"`
	Extra             Extra                   `json:"-"`
	form              form
}

// ClrSubject is the learner of a CLR. Either ID or at least one Identifier
// is required.
type ClrSubject struct {
	ID          string           `json:"id,omitempty"`
	Type        []string         `json:"type,omitempty"` // required, contains "ClrSubject"
	Identifier  []IdentityObject `json:"identifier,omitempty"`
	Achievement []Achievement    `json:"achievement,omitempty"` // definitions, including ones not (yet) earned
	// VerifiableCredential holds the bundled credentials exactly as they
	// appear in the document: each is signed on its own, so each is kept as
	// its original JSON (an object, or a compact JWS string in legacy CLRs).
	// Use Credentials to parse them.
	VerifiableCredential []json.RawMessage `json:"verifiableCredential,omitempty"` // required, 1 or more
	Association          []Association     `json:"association,omitempty"`
	Extra                Extra             `json:"-"`
	form                 form
}

// Association relates two achievements of a CLR: "SourceID <AssociationType>
// TargetID", both achievement ids. The class allows no extension
// properties.
type Association struct {
	Type            string          `json:"type,omitempty"`            // required, "Association"
	AssociationType AssociationType `json:"associationType,omitempty"` // required
	SourceID        string          `json:"sourceId,omitempty"`        // required
	TargetID        string          `json:"targetId,omitempty"`        // required
	Extra           Extra           `json:"-"`
	form            form
}

// UnmarshalJSON decodes the credential and keeps a copy of data as Raw.
func (c *ClrCredential) UnmarshalJSON(data []byte) error { return c.decodeTree(data, nil) }

func (c *ClrCredential) decodeTree(data []byte, tree any) error {
	*c = ClrCredential{}
	if err := decodeObject(data, tree, c, &c.Extra, &c.form, false); err != nil {
		return err
	}
	c.raw = append([]byte(nil), data...)
	return nil
}

// MarshalJSON encodes the credential with a stable property order.
func (c ClrCredential) MarshalJSON() ([]byte, error) { return encodeObject(&c, c.Extra, &c.form) }

// Credentials parses the bundled credentials that are JSON objects, with
// the default Limits. Compact JWS strings (legacy CLRs) are skipped: they
// need package credential to be opened. Each parsed credential's Raw is its
// original JSON, so its own proof can be checked.
func (s *ClrSubject) Credentials() ([]Credential, error) {
	var out []Credential
	for i, raw := range s.VerifiableCredential {
		if len(raw) > 0 && raw[0] == '"' {
			continue
		}
		c, err := Parse(raw)
		if err != nil {
			return nil, fmt.Errorf("verifiableCredential[%d]: %w", i, err)
		}
		out = append(out, c)
	}
	return out, nil
}
