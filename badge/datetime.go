package badge

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// DateTime is an xsd:dateTime as written in the document. It is kept as
// text so that a parsed credential marshals back byte for byte (time.Time
// would rewrite "2010-01-01T00:00:00.000Z" as "2010-01-01T00:00:00Z").
// Use Time to read it and NewDateTime to write one.
type DateTime string

// NewDateTime formats t in UTC with second precision, the form the
// examples in the specification use.
func NewDateTime(t time.Time) DateTime {
	return DateTime(t.UTC().Truncate(time.Second).Format(time.RFC3339))
}

// Time parses d as RFC 3339. The data model's DateTimeZ requires a time
// zone (Z or an offset); so does RFC 3339, so a value without one fails.
func (d DateTime) Time() (time.Time, error) {
	s := string(d)
	// RFC 3339 allows a lower-case t and z; time.Parse does not.
	if len(s) > 10 && s[10] == 't' {
		s = s[:10] + "T" + s[11:]
	}
	if strings.HasSuffix(s, "z") {
		s = s[:len(s)-1] + "Z"
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("badge: %q is not an RFC 3339 date-time with a time zone", string(d))
	}
	return t, nil
}

// ContextEntry is one item of @context: a URL, or an inline context object
// (Inline holds its JSON verbatim).
type ContextEntry struct {
	URL    string
	Inline json.RawMessage
}

// UnmarshalJSON accepts a string or an object.
func (c *ContextEntry) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	*c = ContextEntry{}
	if len(data) > 0 && data[0] == '{' {
		c.Inline = append(json.RawMessage(nil), data...)
		return nil
	}
	if s, ok := plainString(data); ok {
		c.URL = s
		return nil
	}
	if len(data) > 0 && data[0] == '"' {
		return json.Unmarshal(data, &c.URL)
	}
	return &TypeError{Want: "a URL or a context object", Got: jsonKind(data)}
}

// MarshalJSON writes the URL, or the inline context compacted.
func (c ContextEntry) MarshalJSON() ([]byte, error) {
	if c.Inline != nil {
		var b bytes.Buffer
		if err := json.Compact(&b, c.Inline); err != nil {
			return nil, err
		}
		return b.Bytes(), nil
	}
	return json.Marshal(c.URL)
}
