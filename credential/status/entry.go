package status

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/microcred/microcred/badge"
	"github.com/microcred/microcred/internal/strictjson"
)

// Entry is a credentialStatus value of type BitstringStatusListEntry or
// StatusList2021Entry as [ParseEntry] read and checked it: the view a
// verifier looks statuses up with. It is not how a credential is given a
// status: [List.Entry] and [badge.BitstringStatus] write the JSON, as a
// [badge.CredentialStatus] that the badge builders take in
// [badge.Options].Status.
type Entry struct {
	ID                   string  // the entry's own id, if any
	Type                 string  // badge.TypeBitstringStatusListEntry or TypeStatusList2021Entry
	StatusPurpose        Purpose // what a set bit means: revocation, suspension, ...
	StatusListCredential string  // the URL of the list credential to fetch
	// Index is statusListIndex, whichever JSON form it was written in.
	Index         int
	StatusSize    int // 0 when absent; see Size
	StatusMessage []StatusMessage
	// StatusReference is kept as decoded; nothing in this module reads it.
	StatusReference any
}

// Format reports which list format the entry points at.
func (e *Entry) Format() Format {
	if e.Type == TypeStatusList2021Entry {
		return StatusList2021
	}
	return Bitstring
}

// Size is StatusSize with its default of 1 applied.
func (e *Entry) Size() int {
	if e.StatusSize == 0 {
		return 1
	}
	return e.StatusSize
}

// maxIndex bounds statusListIndex so that index*statusSize cannot overflow
// and so that a hostile entry cannot name a position past any list a
// verifier would accept.
const maxIndex = 1 << 31

// ParseEntry reads one credentialStatus object. statusListIndex may be a
// string (as the specification requires) or a JSON number (as the 1EdTech
// validator's fixtures use).
func ParseEntry(raw []byte) (*Entry, error) {
	var w struct {
		ID                   string          `json:"id"`
		Type                 json.RawMessage `json:"type"`
		StatusPurpose        Purpose         `json:"statusPurpose"`
		StatusListIndex      json.RawMessage `json:"statusListIndex"`
		StatusListCredential string          `json:"statusListCredential"`
		StatusSize           *int            `json:"statusSize"`
		StatusMessage        []StatusMessage `json:"statusMessage"`
		StatusReference      any             `json:"statusReference"`
	}
	// Case-sensitively: encoding/json alone would read "StatusListIndex"
	// as the index, which a JSON-LD reader of the signed credential does
	// not see.
	if err := strictjson.Unmarshal(raw, &w, strictjson.Limits{MaxBytes: max(len(raw), 1)}); err != nil {
		return nil, fmt.Errorf("%w: credentialStatus: %w", ErrMalformed, err)
	}
	types, err := stringOrArray(w.Type)
	if err != nil {
		return nil, fmt.Errorf("%w: credentialStatus.type: %v", ErrMalformed, err)
	}
	e := &Entry{ID: w.ID, StatusPurpose: w.StatusPurpose, StatusListCredential: w.StatusListCredential,
		StatusMessage: w.StatusMessage, StatusReference: w.StatusReference}
	idx := bytes.TrimSpace(w.StatusListIndex)
	if len(idx) > 0 && idx[0] == '"' {
		var s string
		if err := json.Unmarshal(idx, &s); err != nil {
			return nil, fmt.Errorf("%w: statusListIndex: %v", ErrMalformed, err)
		}
		idx = []byte(s)
	}
	if err := e.finish(types, string(idx), w.StatusListIndex, w.StatusSize); err != nil {
		return nil, err
	}
	return e, nil
}

// finish is what ParseEntry and ParseEntryObject check once the members
// are read: the type, purpose, list, index (idx, its digits; rawIdx, as
// written, for the message) and size, and the messages a size or purpose
// requires.
func (e *Entry) finish(types []string, idx string, rawIdx json.RawMessage, size *int) error {
	for _, t := range types {
		if t == badge.TypeBitstringStatusListEntry || t == TypeStatusList2021Entry {
			e.Type = t
		}
	}
	if e.Type == "" {
		return fmt.Errorf("%w: %q", ErrUnsupported, types)
	}
	if !e.StatusPurpose.valid() {
		return fmt.Errorf("%w: credentialStatus.statusPurpose %q", ErrMalformed, e.StatusPurpose)
	}
	if e.StatusListCredential == "" {
		return fmt.Errorf("%w: credentialStatus.statusListCredential is missing", ErrMalformed)
	}
	// Only plain decimal digits: "+5", "0x10", "1e3" and "-0" are not indexes.
	n, err := strconv.ParseUint(idx, 10, 32)
	if err != nil || len(idx) == 0 || idx[0] == '+' || n >= maxIndex {
		return fmt.Errorf("%w: statusListIndex %s is not a non-negative integer below 2^31", ErrMalformed, rawIdx)
	}
	e.Index = int(n)
	if size != nil {
		if *size < 1 || *size > MaxStatusSize {
			return fmt.Errorf("%w: statusSize %d not in 1..%d", ErrMalformed, *size, MaxStatusSize)
		}
		e.StatusSize = *size
	}
	if e.Size() > 1 || e.StatusPurpose == Message {
		// The specification requires statusMessage when statusSize > 1;
		// without it a multi-bit value has no meaning a verifier could report.
		if err := checkMessages(e.StatusMessage, e.Size()); err != nil {
			return err
		}
	}
	return nil
}

// ParseEntryObject is ParseEntry for an entry already decoded (by
// encoding/json with UseNumber, or any reader that gives the same values:
// strings, json.Number, bools, nil, []any and map[string]any). A verifier
// has decoded the whole credential already; encoding one member again to
// parse it was most of the status check's cost. The result, and every
// error, is what ParseEntry gives for m encoded by encoding/json (keys
// sorted): the common shape is read directly, anything else (a
// statusMessage, a statusSize, an unexpected member or value, any refusal)
// is encoded and handed to ParseEntry.
func ParseEntryObject(m map[string]any) (*Entry, error) {
	if e := quickEntry(m); e != nil {
		return e, nil
	}
	raw, err := json.Marshal(m)
	if err != nil {
		return nil, fmt.Errorf("%w: credentialStatus: %w", ErrMalformed, err)
	}
	return ParseEntry(raw)
}

// quickEntry reads the usual entry (id, type, statusPurpose,
// statusListIndex and statusListCredential, each of its plain JSON type)
// and returns nil for anything else, or anything ParseEntry would refuse.
func quickEntry(m map[string]any) *Entry {
	e := &Entry{}
	var types []string
	var idx string
	for k, v := range m {
		var ok bool
		switch k {
		case "id":
			e.ID, ok = v.(string)
		case "statusPurpose":
			var p string
			p, ok = v.(string)
			e.StatusPurpose = Purpose(p)
		case "statusListCredential":
			e.StatusListCredential, ok = v.(string)
		case "statusListIndex":
			switch x := v.(type) {
			case string:
				idx, ok = x, true
			case json.Number:
				idx, ok = string(x), true
			}
		case "type":
			switch x := v.(type) {
			case string:
				types, ok = []string{x}, true
			case []any:
				types, ok = make([]string, len(x)), true
				for i, t := range x {
					if types[i], ok = t.(string); !ok {
						break
					}
				}
			}
		}
		if !ok {
			return nil
		}
	}
	if types == nil || e.finish(types, idx, nil, nil) != nil {
		return nil
	}
	return e
}

func stringOrArray(raw json.RawMessage) ([]string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return nil, fmt.Errorf("missing")
	}
	if raw[0] == '"' {
		var s string
		err := json.Unmarshal(raw, &s)
		return []string{s}, err
	}
	var ss []string
	err := json.Unmarshal(raw, &ss)
	return ss, err
}

// ListCredential is the part of a BitstringStatusListCredential (or
// StatusList2021Credential) that status checking reads. Parsing it checks
// no proof.
type ListCredential struct {
	ID          string    // the list credential's id, which entries name
	Issuer      string    // issuer id, whether issuer was a string or an object
	Format      Format    // Bitstring Status List or StatusList2021 (their encodings differ)
	Purposes    []Purpose // statusPurpose may be one value or an array
	EncodedList string    // the compressed, multibase or base64url list; see Bits
	ValidFrom   string    // validFrom, or issuanceDate for VC 1.1 lists
	ValidUntil  string    // validUntil, or expirationDate
	TTL         int64     // milliseconds; 0 when absent
}

// ParseListCredential reads a status-list credential.
func ParseListCredential(raw []byte) (*ListCredential, error) {
	var w struct {
		ID             string          `json:"id"`
		Type           json.RawMessage `json:"type"`
		Issuer         json.RawMessage `json:"issuer"`
		ValidFrom      string          `json:"validFrom"`
		ValidUntil     string          `json:"validUntil"`
		IssuanceDate   string          `json:"issuanceDate"`
		ExpirationDate string          `json:"expirationDate"`
		Subject        struct {
			Type          json.RawMessage `json:"type"`
			StatusPurpose json.RawMessage `json:"statusPurpose"`
			EncodedList   string          `json:"encodedList"`
			TTL           int64           `json:"ttl"`
		} `json:"credentialSubject"`
	}
	if err := strictjson.Unmarshal(raw, &w, strictjson.Limits{MaxBytes: max(len(raw), 1)}); err != nil {
		return nil, fmt.Errorf("%w: status list credential: %w", ErrMalformed, err)
	}
	lc := &ListCredential{ID: w.ID, EncodedList: w.Subject.EncodedList, TTL: w.Subject.TTL,
		ValidFrom: w.ValidFrom, ValidUntil: w.ValidUntil}
	if lc.ValidFrom == "" {
		lc.ValidFrom = w.IssuanceDate
	}
	if lc.ValidUntil == "" {
		lc.ValidUntil = w.ExpirationDate
	}
	types, err := stringOrArray(w.Type)
	if err != nil {
		return nil, fmt.Errorf("%w: status list credential type: %v", ErrMalformed, err)
	}
	subjTypes, err := stringOrArray(w.Subject.Type)
	if err != nil {
		return nil, fmt.Errorf("%w: status list credentialSubject.type: %v", ErrMalformed, err)
	}
	switch {
	case contains(types, TypeBitstringCredential) && contains(subjTypes, TypeBitstringList):
		lc.Format = Bitstring
	case contains(types, TypeStatusList2021Cred) && contains(subjTypes, TypeStatusList2021):
		lc.Format = StatusList2021
	default:
		return nil, fmt.Errorf("%w: type %q with credentialSubject.type %q is not a status list credential", ErrMalformed, types, subjTypes)
	}
	if issuer := bytes.TrimSpace(w.Issuer); len(issuer) > 0 && issuer[0] == '{' {
		var o struct {
			ID string `json:"id"`
		}
		if err := strictjson.Unmarshal(issuer, &o, strictjson.Limits{MaxBytes: max(len(issuer), 1)}); err != nil {
			return nil, fmt.Errorf("%w: issuer: %w", ErrMalformed, err)
		}
		lc.Issuer = o.ID
	} else if len(issuer) > 0 {
		if err := json.Unmarshal(issuer, &lc.Issuer); err != nil {
			return nil, fmt.Errorf("%w: issuer: %v", ErrMalformed, err)
		}
	}
	if lc.Issuer == "" {
		return nil, fmt.Errorf("%w: status list credential has no issuer", ErrMalformed)
	}
	purposes, err := stringOrArray(w.Subject.StatusPurpose)
	if err != nil || len(purposes) == 0 {
		return nil, fmt.Errorf("%w: credentialSubject.statusPurpose missing", ErrMalformed)
	}
	for _, p := range purposes {
		lc.Purposes = append(lc.Purposes, Purpose(p))
	}
	if lc.EncodedList == "" {
		return nil, fmt.Errorf("%w: credentialSubject.encodedList missing", ErrMalformed)
	}
	return lc, nil
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// Bits decodes the list's encodedList; see DecodeBitstring.
func (lc *ListCredential) Bits(o DecodeOptions) ([]byte, error) {
	return DecodeBitstring(lc.EncodedList, lc.Format, o)
}

// Result is a credential's status as one list reports it.
type Result struct {
	// Purpose is the list's statusPurpose.
	Purpose Purpose `json:"purpose"`
	// Value is the raw status value; for one-bit lists 1 means revoked,
	// suspended, or "refresh available".
	Value uint `json:"value"`
	// Message is the statusMessage for Value, when the entry carries them.
	Message string `json:"message,omitempty"`
}

// Set reports whether the status is anything but 0.
func (r Result) Set() bool { return r.Value != 0 }

// Lookup reads e's status from a list credential whose bits have been
// decoded with lc.Bits (verifiers cache bits across credentials). It checks
// that the list is of the entry's format and carries the entry's purpose.
// Whether lc is authentic and from the right issuer is the caller's check.
func Lookup(e *Entry, lc *ListCredential, bits []byte) (Result, error) {
	if e.Format() != lc.Format {
		return Result{}, fmt.Errorf("%w: a %s entry cannot point at a %s list", ErrMalformed, e.Type, lc.Format)
	}
	purposeOK := false
	for _, p := range lc.Purposes {
		purposeOK = purposeOK || p == e.StatusPurpose
	}
	if !purposeOK {
		return Result{}, fmt.Errorf("%w: entry says %q, list credential says %q", ErrPurpose, e.StatusPurpose, lc.Purposes)
	}
	v, err := ReadStatus(bits, e.Index, e.Size())
	if err != nil {
		return Result{}, err
	}
	r := Result{Purpose: e.StatusPurpose, Value: v}
	if int(v) < len(e.StatusMessage) {
		r.Message = e.StatusMessage[v].Message
	}
	return r, nil
}
