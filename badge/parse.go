package badge

import (
	"encoding/json"
	"fmt"
	"slices"
)

// Credential is a parsed or built credential: *AchievementCredential,
// *EndorsementCredential or *ClrCredential. Use a type switch to reach the
// subject.
type Credential interface {
	// Base returns the properties every credential has.
	Base() *VerifiableCredential
	// Raw returns the original bytes of a parsed credential (nil if built).
	Raw() []byte
	json.Marshaler
}

// Kind is the class of a credential document, decided from its type.
type Kind int

// The credential kinds this package models.
const (
	KindUnknown     Kind = iota
	KindAchievement      // AchievementCredential / OpenBadgeCredential
	KindEndorsement      // EndorsementCredential
	KindCLR              // ClrCredential
)

func (k Kind) String() string {
	switch k {
	case KindAchievement:
		return "AchievementCredential"
	case KindEndorsement:
		return "EndorsementCredential"
	case KindCLR:
		return "ClrCredential"
	}
	return "unknown"
}

// KindOf returns the kind a list of type values names.
func KindOf(types []string) Kind {
	switch {
	case slices.Contains(types, TypeClrCredential):
		return KindCLR
	case slices.Contains(types, TypeEndorsementCredential):
		return KindEndorsement
	case slices.Contains(types, TypeAchievementCredential), slices.Contains(types, TypeOpenBadgeCredential):
		return KindAchievement
	}
	return KindUnknown
}

// Decoder parses credentials within Limits. The zero value is ready to use
// and applies the default limits.
type Decoder struct {
	Limits Limits
}

// Parse parses a credential with the default limits. See Decoder.Parse.
func Parse(data []byte) (Credential, error) { return Decoder{}.Parse(data) }

// ParseAchievementCredential parses an AchievementCredential (or
// OpenBadgeCredential) with the default limits.
func ParseAchievementCredential(data []byte) (*AchievementCredential, error) {
	var c AchievementCredential
	if err := (Decoder{}).decode(data, KindAchievement, &c); err != nil {
		return nil, err
	}
	return &c, nil
}

// ParseEndorsementCredential parses an EndorsementCredential with the
// default limits.
func ParseEndorsementCredential(data []byte) (*EndorsementCredential, error) {
	var c EndorsementCredential
	if err := (Decoder{}).decode(data, KindEndorsement, &c); err != nil {
		return nil, err
	}
	return &c, nil
}

// ParseClrCredential parses a ClrCredential with the default limits.
func ParseClrCredential(data []byte) (*ClrCredential, error) {
	var c ClrCredential
	if err := (Decoder{}).decode(data, KindCLR, &c); err != nil {
		return nil, err
	}
	return &c, nil
}

// Parse decodes a JSON credential, choosing the Go type from its type
// property. It does no I/O and checks no proof. The input must be a
// single JSON object within the limits, valid UTF-8, with no repeated
// property names; errors wrap ErrInvalidJSON, ErrInvalidUTF8,
// ErrDuplicateKey, ErrTooLarge, ErrTooDeep, ErrWrongType or
// ErrNotCredential, and a *PathError says where. The credential keeps a
// copy of data (Raw), so proofs can be checked over the original bytes.
//
// Parse is lenient about what the data model requires (a missing name is
// not a parse error): run a Validator to check conformance.
func (d Decoder) Parse(data []byte) (Credential, error) {
	if err := d.Limits.Check(data); err != nil {
		return nil, err
	}
	kind, err := peekKind(data)
	if err != nil {
		return nil, err
	}
	var c interface {
		Credential
		json.Unmarshaler
	}
	switch kind {
	case KindAchievement:
		c = new(AchievementCredential)
	case KindEndorsement:
		c = new(EndorsementCredential)
	case KindCLR:
		c = new(ClrCredential)
	default:
		return nil, fmt.Errorf("%w: type lists none of %s, %s, %s, %s", ErrNotCredential,
			TypeAchievementCredential, TypeOpenBadgeCredential, TypeEndorsementCredential, TypeClrCredential)
	}
	// Limits.Check has validated data, so the decoder is called directly
	// rather than through json.Unmarshal, which would validate it again.
	if err := c.UnmarshalJSON(data); err != nil {
		return nil, decodeError(err)
	}
	// encoding/json hands UnmarshalJSON the value without surrounding
	// white space; Raw must be the input exactly.
	c.Base().raw = append([]byte(nil), data...)
	return c, nil
}

func (d Decoder) decode(data []byte, want Kind, v interface {
	json.Unmarshaler
	Base() *VerifiableCredential
}) error {
	if err := d.Limits.Check(data); err != nil {
		return err
	}
	kind, err := peekKind(data)
	if err != nil {
		return err
	}
	if kind != want {
		return fmt.Errorf("%w: want an %v, the document's type says %v", ErrNotCredential, want, kind)
	}
	if err := v.UnmarshalJSON(data); err != nil {
		return decodeError(err)
	}
	v.Base().raw = append([]byte(nil), data...)
	return nil
}

// peekKind reads only the top-level type property.
func peekKind(data []byte) (Kind, error) {
	var buf [16]member
	members, err := splitObject(buf[:], data)
	if err != nil {
		return KindUnknown, err
	}
	i := slices.IndexFunc(members, func(m member) bool { return m.Is("type") })
	if i < 0 {
		return KindUnknown, &PathError{Pointer: "/type", Err: fmt.Errorf("%w: no type property", ErrNotCredential)}
	}
	raw := members[i].Value
	var types []string
	var one string
	if err := json.Unmarshal(raw, &one); err == nil {
		types = []string{one}
	} else if err := json.Unmarshal(raw, &types); err != nil {
		return KindUnknown, &PathError{Pointer: "/type", Err: &TypeError{Want: "a string or an array of strings", Got: jsonKind(raw)}}
	}
	return KindOf(types), nil
}

// decodeError makes sure every decoding error matches one of the package's
// sentinels.
func decodeError(err error) error {
	switch e := err.(type) {
	case *PathError, *TypeError:
		return err
	case *json.UnmarshalTypeError:
		return &TypeError{Want: e.Type.String(), Got: "JSON " + e.Value}
	case *json.SyntaxError:
		return fmt.Errorf("%w: %v", ErrInvalidJSON, e)
	}
	return fmt.Errorf("%w: %v", ErrInvalidJSON, err)
}
