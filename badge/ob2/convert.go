package ob2

import (
	"context"
	"crypto/sha1"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/microcred/microcred/badge"
)

// Errors returned by the package, wrapped with detail; test with errors.Is.
var (
	// ErrInvalid: the Open Badges 2.0 document is malformed or lacks what
	// the conversion needs; or the converted credential fails the Open
	// Badges 3.0 data-model rules (then badge.ErrInvalidCredential matches
	// too).
	ErrInvalid = errors.New("ob2: invalid Open Badges 2.0 document")
	// ErrNotAssertion: the document's type is not Assertion.
	ErrNotAssertion = errors.New("ob2: not an Open Badges 2.0 Assertion")
	// ErrSigned: a compact JWS was passed. Its signature must be verified
	// (with the issuer's published key) before its payload is converted;
	// pass the payload JSON.
	ErrSigned = errors.New("ob2: signed assertion")
	// ErrUnresolved: a BadgeClass or issuer given only as an IRI could not be
	// resolved.
	ErrUnresolved = errors.New("ob2: unresolved reference")
	// ErrRevoked: the assertion says it was revoked; it is not converted.
	ErrRevoked = errors.New("ob2: assertion is revoked")
)

// Options controls the conversion. The zero value converts with the
// defaults described on each field.
type Options struct {
	// Resolver looks up a BadgeClass or issuer the assertion gives only by
	// IRI. Nil means the assertion must embed them.
	Resolver Resolver
	// Limits bounds each JSON document read (zero: badge defaults).
	Limits badge.Limits
	// CredentialID is the id of the new credential. Empty: a fresh random
	// urn:uuid, as the migration guide recommends (the upgraded credential
	// is a new document).
	CredentialID string
	// IssuerID is the id the new credential is issued (and signed) under,
	// such as a did:web or did:key. Empty: the Open Badges 2.0 issuer id.
	// When it differs, the 2.0 id is kept in the issuer's otherIdentifier.
	IssuerID string
	// AchievementID is the id of the new Achievement. Empty: a name-based
	// (version 5) urn:uuid of the BadgeClass id, so every assertion of the
	// same BadgeClass converts to the same Achievement.
	AchievementID string
	// SubjectID is the recipient's own id (a DID) when the host knows it.
	// The recipient's IdentityObject is written either way.
	SubjectID string
	// UnsafePlaintextEmail keeps an unhashed e-mail recipient as plain text,
	// publishing the address in every copy of the credential.
	// By default it is hashed (sha256, salted) as badge.HashedEmail does, so
	// the re-issued credential does not reveal the address.
	UnsafePlaintextEmail bool
	// Salt hashes an unhashed e-mail recipient. Empty: a fresh random salt
	// (badge.NewSalt). Set it only to make output reproducible.
	Salt string
}

// Convert parses an Open Badges 2.0 Assertion (JSON), resolves its
// BadgeClass and issuer if they are given by IRI (through opts.Resolver;
// nothing is fetched otherwise), and converts it to an unsigned Open Badges
// 3.0 AchievementCredential ready to be signed and issued again. The result
// passes badge.CheckDataModel; see the package documentation for the
// mapping.
func Convert(ctx context.Context, assertion []byte, opts *Options) (*badge.AchievementCredential, error) {
	if opts == nil {
		opts = &Options{}
	}
	a, err := parseAssertion(assertion, opts.Limits)
	if err != nil {
		return nil, err
	}
	if err := a.resolve(ctx, opts.Resolver, opts.Limits); err != nil {
		return nil, err
	}
	return a.Credential(opts)
}

// Credential converts a parsed and resolved assertion. It does no I/O
// (opts.Resolver is not used).
func (a *ob2Assertion) Credential(opts *Options) (*badge.AchievementCredential, error) {
	if opts == nil {
		opts = &Options{}
	}
	if a.Revoked {
		return nil, fmt.Errorf("%w: %s (%s)", ErrRevoked, a.ID, a.RevocationReason)
	}
	if !a.Badge.Embedded || !a.Badge.Issuer.Embedded {
		return nil, fmt.Errorf("%w: the BadgeClass and issuer must be embedded or resolved first", ErrUnresolved)
	}
	if a.IssuedOn == "" {
		return nil, fmt.Errorf("%w: Assertion.issuedOn is missing", ErrInvalid)
	}
	validFrom, err := dateTime(a.IssuedOn)
	if err != nil {
		return nil, fieldError("Assertion", "issuedOn", err)
	}
	validUntil, err := dateTime(a.Expires)
	if err != nil {
		return nil, fieldError("Assertion", "expires", err)
	}
	identity, err := recipient(a.Recipient, opts)
	if err != nil {
		return nil, err
	}
	issuer := profile(a.Badge.Issuer, opts.IssuerID)
	var evidence []badge.Evidence
	for _, e := range a.Evidence {
		evidence = append(evidence, badge.Evidence{
			ID: e.ID, Type: []string{"Evidence"}, Narrative: e.Narrative, Name: e.Name,
			Description: e.Description, Genre: e.Genre, Audience: e.Audience,
		})
	}
	if a.ID != "" {
		// The migration guide's link back to the original, which consumers
		// may verify with Open Badges 2.0 rules.
		evidence = append(evidence, badge.Evidence{
			ID:          a.ID,
			Type:        []string{"Evidence", vocabAssertion},
			Name:        "Original Open Badges 2.0 assertion for this credential",
			Description: "This credential was originally issued as an Open Badges 2.0 assertion. It has been updated to Open Badges 3.0.",
		})
	}
	// The builder writes @context, type and the id, and checks the data
	// model, as for every credential this module makes.
	c, err := badge.NewAchievementCredential(*issuer, badge.AchievementSubject{
		ID:          opts.SubjectID,
		Type:        []string{badge.TypeAchievementSubject},
		Achievement: achievement(&a.Badge, opts.AchievementID, issuer),
		Identifier:  []badge.IdentityObject{identity},
		Narrative:   a.Narrative,
		Image:       image(a.Image),
	}, &badge.Options{ID: opts.CredentialID, Name: a.Badge.Name, Evidence: evidence,
		// Placeholders: the builder takes a time.Time at second precision,
		// and the dates are set below as the assertion wrote them.
		ValidFrom: time.Unix(0, 0)})
	if err != nil {
		return nil, fmt.Errorf("%w: the converted credential is not valid Open Badges 3.0: %w", ErrInvalid, err)
	}
	// issuedOn and expires keep their precision (fractional seconds).
	c.ValidFrom, c.ValidUntil = validFrom, validUntil
	// An Open Badges 2.0 assertion has no description of its own; the
	// BadgeClass's stays on the achievement rather than being copied up.
	c.Description = ""
	if fs := badge.CheckDataModel(c); fs.HasErrors() {
		return nil, fmt.Errorf("%w: the converted credential is not valid Open Badges 3.0: %w", ErrInvalid, fs.Err())
	}
	return c, nil
}

func achievement(b *ob2BadgeClass, id string, creator *badge.Profile) *badge.Achievement {
	if id == "" {
		id = nameUUID(b.ID)
	}
	ach := &badge.Achievement{
		ID:          id,
		Type:        []string{badge.TypeAchievement},
		Name:        b.Name,
		Description: b.Description,
		Image:       image(b.Image),
		Tag:         b.Tags,
	}
	if b.Criteria != (ob2Criteria{}) {
		ach.Criteria = &badge.Criteria{ID: b.Criteria.ID, Narrative: b.Criteria.Narrative}
	}
	cr := *creator
	ach.Creator = &cr
	for _, al := range b.Alignment {
		ach.Alignment = append(ach.Alignment, badge.Alignment{
			Type: []string{"Alignment"}, TargetName: al.TargetName, TargetURL: al.TargetURL,
			TargetDescription: al.TargetDescription, TargetFramework: al.TargetFramework, TargetCode: al.TargetCode,
		})
	}
	if b.ID != "" && b.ID != id {
		ach.Related = []badge.Related{{ID: b.ID, Type: []string{"Related", vocabBadgeClass}, Version: "Open Badges v2p0"}}
	}
	return ach
}

func profile(p ob2Profile, id string) *badge.Profile {
	out := &badge.Profile{
		ID:          p.ID,
		Type:        []string{badge.TypeProfile},
		Name:        p.Name,
		URL:         p.URL,
		Email:       p.Email,
		Phone:       p.Telephone,
		Description: p.Description,
		Image:       image(p.Image),
	}
	if id != "" && id != p.ID {
		out.ID = id
		out.OtherIdentifier = []badge.IdentifierEntry{{Type: "IdentifierEntry", Identifier: p.ID, IdentifierType: badge.IdentifierIdentifier}}
	}
	return out
}

func image(im *ob2Image) *badge.Image {
	if im == nil || im.ID == "" {
		return nil
	}
	return &badge.Image{ID: im.ID, Type: "Image", Caption: im.Caption}
}

// The OB 3.0 schema's identityType pattern, "(ext:)[a-z|A-Z|0-9|.|-|_]+",
// has no hyphen in its class ("|-|" is a range from '|' to '|'), so the
// term must start with a letter, digit, '.' or '_' to pass it.
var extTerm = regexp.MustCompile(`^[A-Za-z0-9._][A-Za-z0-9._-]*$`)

// recipient maps the Open Badges 2.0 IdentityObject. Hashes keep their form
// ("sha256$hex" is spelled the same in both versions).
func recipient(r ob2Identity, opts *Options) (badge.IdentityObject, error) {
	if r.Identity == "" {
		return badge.IdentityObject{}, fmt.Errorf("%w: Assertion.recipient.identity is missing", ErrInvalid)
	}
	var typ badge.IdentifierType
	switch t := strings.TrimPrefix(r.Type, vocab); {
	case t == "email":
		typ = badge.IdentifierEmailAddress
	case extTerm.MatchString(t):
		typ = badge.IdentifierType("ext:" + t) // url, telephone, ...
	default:
		return badge.IdentityObject{}, fmt.Errorf("%w: Assertion.recipient.type %q has no Open Badges 3.0 identityType", ErrInvalid, r.Type)
	}
	if r.Hashed {
		alg, _, ok := strings.Cut(r.Identity, "$")
		if !ok || (alg != "sha256" && alg != "md5") {
			return badge.IdentityObject{}, fmt.Errorf("%w: Assertion.recipient.identity is not a sha256$ or md5$ hash", ErrInvalid)
		}
		return badge.IdentityObject{Type: badge.TypeIdentityObject, IdentityHash: r.Identity, IdentityType: typ, Hashed: true, Salt: r.Salt}, nil
	}
	if typ == badge.IdentifierEmailAddress && !opts.UnsafePlaintextEmail {
		salt := opts.Salt
		if salt == "" {
			var err error
			if salt, err = badge.NewSalt(); err != nil {
				return badge.IdentityObject{}, err
			}
		}
		return badge.HashedEmail(r.Identity, salt), nil
	}
	return badge.IdentityObject{Type: badge.TypeIdentityObject, IdentityHash: r.Identity, IdentityType: typ, Hashed: false}, nil
}

// dateTime normalises an Open Badges 2.0 DateTime to the UTC DateTimeZ form
// Open Badges 3.0 requires. 2.0 documents also carry Unix timestamps and,
// against the specification, dates without a zone: those are read as UTC.
func dateTime(s string) (badge.DateTime, error) {
	if s == "" {
		return "", nil
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		if n < 0 || n > 253402300799 { // year 9999
			return "", fmt.Errorf("timestamp %d is out of range", n)
		}
		return badge.NewDateTime(time.Unix(n, 0)), nil
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return badge.DateTime(t.UTC().Format(time.RFC3339Nano)), nil
		}
	}
	return "", fmt.Errorf("%q is not an ISO 8601 date-time", s)
}

// nameUUID returns the version 5 (SHA-1, URL namespace) urn:uuid of name
// (RFC 9562 section 5.5).
func nameUUID(name string) string {
	nsURL := [16]byte{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}
	h := sha1.New()
	h.Write(nsURL[:])
	h.Write([]byte(name))
	var u [16]byte
	copy(u[:], h.Sum(nil))
	u[6] = u[6]&0x0f | 0x50
	u[8] = u[8]&0x3f | 0x80
	return urn(u)
}

func urn(u [16]byte) string {
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}
