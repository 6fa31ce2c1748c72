package ob2

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/microcred/microcred/internal/strictjson"
)

// The Open Badges 2.0 classes, as far as the conversion reads them. Objects
// that Open Badges 2.0 lets a document give either inline or as an IRI
// (badge, issuer, criteria, image, evidence) accept both: an IRI fills only
// ID and leaves Embedded false.

// ob2Assertion is an Open Badges 2.0 Assertion: one award of a BadgeClass.
type ob2Assertion struct {
	ID               string
	Type             []string
	Recipient        ob2Identity
	Badge            ob2BadgeClass
	Verification     ob2Verification
	IssuedOn         string
	Expires          string
	Image            *ob2Image
	Evidence         []ob2Evidence
	Narrative        string
	Revoked          bool
	RevocationReason string
}

// ob2Identity names the recipient: an e-mail address, URL or telephone
// number, in plain text or as "sha256$..."/"md5$..." of identity+salt.
type ob2Identity struct {
	Type     string `json:"type"`
	Identity string `json:"identity"`
	Hashed   bool   `json:"hashed"`
	Salt     string `json:"salt"`
}

// Verification says how the assertion was to be checked: "hosted" (fetch
// its id) or "signed" (a JWS).
type ob2Verification struct {
	Type    string `json:"type"`
	Creator string `json:"creator"`
}

// ob2BadgeClass is the Open Badges 2.0 description of an achievement.
type ob2BadgeClass struct {
	ID          string
	Type        []string
	Name        string
	Description string
	Image       *ob2Image
	Criteria    ob2Criteria
	Issuer      ob2Profile
	Alignment   []ob2Alignment
	Tags        []string
	Embedded    bool // false when the assertion gave only the BadgeClass IRI
}

// ob2Profile is an Open Badges 2.0 issuer profile.
type ob2Profile struct {
	ID          string
	Type        []string
	Name        string
	URL         string
	Email       string
	Telephone   string
	Description string
	Image       *ob2Image
	Embedded    bool // false when the BadgeClass gave only the issuer IRI
}

// Criteria says how the badge is earned: a page and/or a Markdown narrative.
type ob2Criteria struct {
	ID        string `json:"id"`
	Narrative string `json:"narrative"`
}

// ob2Image is an image IRI or data URI with an optional caption.
type ob2Image struct {
	ID      string `json:"id"`
	Caption string `json:"caption"`
}

// Alignment points the badge at an external framework node.
type ob2Alignment struct {
	TargetName        string `json:"targetName"`
	TargetURL         string `json:"targetUrl"`
	TargetDescription string `json:"targetDescription"`
	TargetFramework   string `json:"targetFramework"`
	TargetCode        string `json:"targetCode"`
}

// ob2Evidence is a piece of work or a page supporting the award.
type ob2Evidence struct {
	ID          string `json:"id"`
	Narrative   string `json:"narrative"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Genre       string `json:"genre"`
	Audience    string `json:"audience"`
}

// OB 2.0 type names, short and as full IRIs.
const (
	vocab           = "https://w3id.org/openbadges#"
	typeAssertion   = "Assertion"
	typeBadgeClass  = "BadgeClass"
	typeProfile     = "Profile"
	typeIssuer      = "Issuer" // the Open Badges 1.1 name of Profile, still seen
	contextOB2      = "https://w3id.org/openbadges/v2"
	vocabAssertion  = vocab + typeAssertion
	vocabBadgeClass = vocab + typeBadgeClass
)

func hasType(types []string, want ...string) bool {
	for _, t := range types {
		for _, w := range want {
			if t == w || t == vocab+w {
				return true
			}
		}
	}
	return false
}

// manyOf accepts a single JSON value or an array of them.
func manyOf(raw json.RawMessage) ([]json.RawMessage, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	if raw[0] != '[' {
		return []json.RawMessage{raw}, nil
	}
	var out []json.RawMessage
	err := json.Unmarshal(raw, &out)
	return out, err
}

// strings decodes a string or an array of strings.
func stringsOf(raw json.RawMessage) ([]string, error) {
	items, err := manyOf(raw)
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(items))
	for _, it := range items {
		var s string
		if err := json.Unmarshal(it, &s); err != nil {
			return nil, fmt.Errorf("want a string, got %s", kindOf(it))
		}
		out = append(out, s)
	}
	return out, nil
}

// refOrObject decodes a value that is an IRI or an object. For an IRI it
// stores the IRI with setID and reports false.
func refOrObject(raw json.RawMessage, obj any, setID func(string)) (embedded bool, err error) {
	raw = bytes.TrimSpace(raw)
	switch {
	case len(raw) > 0 && raw[0] == '"':
		var id string
		if err := json.Unmarshal(raw, &id); err != nil {
			return false, err
		}
		setID(id)
		return false, nil
	case len(raw) > 0 && raw[0] == '{':
		return true, strictjson.Unmarshal(raw, obj, strictjson.Limits{MaxBytes: max(len(raw), 1)})
	}
	return false, fmt.Errorf("want an IRI or an object, got %s", kindOf(raw))
}

func kindOf(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return "nothing"
	}
	switch raw[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}

// fieldError says which property of which class was wrong.
func fieldError(class, prop string, err error) error {
	return fmt.Errorf("%w: %s.%s: %w", ErrInvalid, class, prop, err)
}

func (a *ob2Assertion) UnmarshalJSON(data []byte) error {
	var w struct {
		ID               string           `json:"id"`
		Type             json.RawMessage  `json:"type"`
		Recipient        *ob2Identity     `json:"recipient"`
		Badge            json.RawMessage  `json:"badge"`
		Verification     *ob2Verification `json:"verification"`
		IssuedOn         json.RawMessage  `json:"issuedOn"`
		Expires          json.RawMessage  `json:"expires"`
		Image            json.RawMessage  `json:"image"`
		Evidence         json.RawMessage  `json:"evidence"`
		Narrative        string           `json:"narrative"`
		Revoked          bool             `json:"revoked"`
		RevocationReason string           `json:"revocationReason"`
	}
	// Every object is decoded case-sensitively (strictjson): "Badge" is
	// not badge to a JSON-LD reader, so it must not be to us.
	if err := strictjson.Unmarshal(data, &w, strictjson.Limits{MaxBytes: max(len(data), 1)}); err != nil {
		return fmt.Errorf("%w: Assertion: %w", ErrInvalid, err)
	}
	var err error
	*a = ob2Assertion{ID: w.ID, Narrative: w.Narrative, Revoked: w.Revoked, RevocationReason: w.RevocationReason}
	if a.Type, err = stringsOf(w.Type); err != nil {
		return fieldError("Assertion", "type", err)
	}
	if w.Recipient != nil {
		a.Recipient = *w.Recipient
	}
	if w.Verification != nil {
		a.Verification = *w.Verification
	}
	if a.IssuedOn, err = dateText(w.IssuedOn); err != nil {
		return fieldError("Assertion", "issuedOn", err)
	}
	if a.Expires, err = dateText(w.Expires); err != nil {
		return fieldError("Assertion", "expires", err)
	}
	if len(w.Badge) > 0 {
		if err := json.Unmarshal(w.Badge, &a.Badge); err != nil {
			return err
		}
	}
	if a.Image, err = imageOf(w.Image); err != nil {
		return fieldError("Assertion", "image", err)
	}
	items, err := manyOf(w.Evidence)
	if err != nil {
		return fieldError("Assertion", "evidence", err)
	}
	for _, it := range items {
		var e ob2Evidence
		if _, err := refOrObject(it, &e, func(id string) { e.ID = id }); err != nil {
			return fieldError("Assertion", "evidence", err)
		}
		a.Evidence = append(a.Evidence, e)
	}
	return nil
}

// dateText reads a DateTime, which Open Badges 2.0 allows as text or (a
// legacy of 1.0) as a Unix timestamp number.
func dateText(raw json.RawMessage) (string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	if raw[0] == '"' {
		var s string
		err := json.Unmarshal(raw, &s)
		return strings.TrimSpace(s), err
	}
	var n json.Number
	if err := json.Unmarshal(raw, &n); err != nil {
		return "", fmt.Errorf("want a date, got %s", kindOf(raw))
	}
	return n.String(), nil
}

func imageOf(raw json.RawMessage) (*ob2Image, error) {
	if len(bytes.TrimSpace(raw)) == 0 || string(bytes.TrimSpace(raw)) == "null" {
		return nil, nil
	}
	var im ob2Image
	if _, err := refOrObject(raw, &im, func(id string) { im.ID = id }); err != nil {
		return nil, err
	}
	return &im, nil
}

func (b *ob2BadgeClass) UnmarshalJSON(data []byte) error {
	var w struct {
		ID          string          `json:"id"`
		Type        json.RawMessage `json:"type"`
		Name        string          `json:"name"`
		Description string          `json:"description"`
		Image       json.RawMessage `json:"image"`
		Criteria    json.RawMessage `json:"criteria"`
		Issuer      json.RawMessage `json:"issuer"`
		Alignment   json.RawMessage `json:"alignment"`
		Tags        json.RawMessage `json:"tags"`
	}
	*b = ob2BadgeClass{}
	embedded, err := refOrObject(data, &w, func(id string) { w.ID = id })
	if err != nil {
		return fieldError("Assertion", "badge", err)
	}
	b.ID, b.Name, b.Description, b.Embedded = w.ID, w.Name, w.Description, embedded
	if !embedded {
		return nil
	}
	if b.Type, err = stringsOf(w.Type); err != nil {
		return fieldError("BadgeClass", "type", err)
	}
	if b.Image, err = imageOf(w.Image); err != nil {
		return fieldError("BadgeClass", "image", err)
	}
	if len(w.Criteria) > 0 {
		if _, err := refOrObject(w.Criteria, &b.Criteria, func(id string) { b.Criteria.ID = id }); err != nil {
			return fieldError("BadgeClass", "criteria", err)
		}
	}
	if len(w.Issuer) > 0 {
		if err := json.Unmarshal(w.Issuer, &b.Issuer); err != nil {
			return err
		}
	}
	items, err := manyOf(w.Alignment)
	if err != nil {
		return fieldError("BadgeClass", "alignment", err)
	}
	for _, it := range items {
		var al ob2Alignment
		if err := strictjson.Unmarshal(it, &al, strictjson.Limits{MaxBytes: max(len(it), 1)}); err != nil {
			return fieldError("BadgeClass", "alignment", err)
		}
		b.Alignment = append(b.Alignment, al)
	}
	if b.Tags, err = stringsOf(w.Tags); err != nil {
		return fieldError("BadgeClass", "tags", err)
	}
	return nil
}

func (p *ob2Profile) UnmarshalJSON(data []byte) error {
	var w struct {
		ID          string          `json:"id"`
		Type        json.RawMessage `json:"type"`
		Name        string          `json:"name"`
		URL         string          `json:"url"`
		Email       string          `json:"email"`
		Telephone   string          `json:"telephone"`
		Description string          `json:"description"`
		Image       json.RawMessage `json:"image"`
	}
	*p = ob2Profile{}
	embedded, err := refOrObject(data, &w, func(id string) { w.ID = id })
	if err != nil {
		return fieldError("BadgeClass", "issuer", err)
	}
	*p = ob2Profile{ID: w.ID, Name: w.Name, URL: w.URL, Email: w.Email, Telephone: w.Telephone, Description: w.Description, Embedded: embedded}
	if !embedded {
		return nil
	}
	if p.Type, err = stringsOf(w.Type); err != nil {
		return fieldError("Profile", "type", err)
	}
	if p.Image, err = imageOf(w.Image); err != nil {
		return fieldError("Profile", "image", err)
	}
	return nil
}
