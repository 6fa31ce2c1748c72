package pathway

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Duration is an ISO 8601 duration such as "P2Y", "P18M", "P90D" or
// "PT36H". Years and months are calendar units: they are added with
// time.AddDate, so "P1M" from January 31 reaches March 2 or 3, as Go's
// AddDate normalises. Fractions and negative durations are not accepted.
type Duration struct {
	// Years, Months, Weeks and Days are the date part, each added as a
	// calendar unit.
	Years, Months, Weeks, Days int
	// Clock is the time part (hours, minutes, seconds).
	Clock time.Duration
}

// maxDurationField bounds every number in a duration so that AddDate and
// time.Duration arithmetic cannot overflow.
const maxDurationField = 100000

// ParseDuration parses an ISO 8601 duration.
func ParseDuration(s string) (Duration, error) {
	var d Duration
	bad := func(why string) (Duration, error) {
		return Duration{}, fmt.Errorf("%w: duration %q: %s (want ISO 8601 like P2Y, P6M, P90D, PT12H)", ErrInvalid, s, why)
	}
	if len(s) < 3 || s[0] != 'P' {
		return bad("must start with P and name at least one unit")
	}
	rest, inTime, seen := s[1:], false, false
	for rest != "" {
		if rest[0] == 'T' {
			if inTime {
				return bad("two T separators")
			}
			inTime, rest = true, rest[1:]
			if rest == "" {
				return bad("T without a time part")
			}
			continue
		}
		i := 0
		for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
			i++
		}
		if i == 0 || i == len(rest) {
			return bad("expected a number followed by a unit letter")
		}
		n, err := strconv.Atoi(rest[:i])
		if err != nil || n > maxDurationField {
			return bad(fmt.Sprintf("number %q out of range (max %d)", rest[:i], maxDurationField))
		}
		unit := rest[i]
		rest = rest[i+1:]
		seen = true
		switch {
		case !inTime && unit == 'Y':
			d.Years = n
		case !inTime && unit == 'M':
			d.Months = n
		case !inTime && unit == 'W':
			d.Weeks = n
		case !inTime && unit == 'D':
			d.Days = n
		case inTime && unit == 'H':
			d.Clock += time.Duration(n) * time.Hour
		case inTime && unit == 'M':
			d.Clock += time.Duration(n) * time.Minute
		case inTime && unit == 'S':
			d.Clock += time.Duration(n) * time.Second
		default:
			return bad(fmt.Sprintf("unexpected unit %q", unit))
		}
	}
	if !seen {
		return bad("no units")
	}
	return d, nil
}

// AddTo returns t plus the duration.
func (d Duration) AddTo(t time.Time) time.Time {
	return t.AddDate(d.Years, d.Months, 7*d.Weeks+d.Days).Add(d.Clock)
}

// SubtractFrom returns t minus the duration.
func (d Duration) SubtractFrom(t time.Time) time.Time {
	return t.AddDate(-d.Years, -d.Months, -(7*d.Weeks + d.Days)).Add(-d.Clock)
}

// IsZero reports whether the duration is empty.
func (d Duration) IsZero() bool { return d == Duration{} }

// String formats the duration in ISO 8601.
func (d Duration) String() string {
	var b strings.Builder
	b.WriteByte('P')
	for _, p := range []struct {
		n int
		u byte
	}{{d.Years, 'Y'}, {d.Months, 'M'}, {d.Weeks, 'W'}, {d.Days, 'D'}} {
		if p.n != 0 {
			fmt.Fprintf(&b, "%d%c", p.n, p.u)
		}
	}
	if d.Clock != 0 {
		b.WriteByte('T')
		c := d.Clock
		h, c := c/time.Hour, c%time.Hour
		m, c := c/time.Minute, c%time.Minute
		s := c / time.Second
		if h != 0 {
			fmt.Fprintf(&b, "%dH", h)
		}
		if m != 0 {
			fmt.Fprintf(&b, "%dM", m)
		}
		if s != 0 {
			fmt.Fprintf(&b, "%dS", s)
		}
	}
	if b.Len() == 1 {
		return "PT0S"
	}
	return b.String()
}

// MarshalJSON writes the ISO 8601 string.
func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(d.String()) }

// UnmarshalJSON reads an ISO 8601 string.
func (d *Duration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("%w: duration must be an ISO 8601 string", ErrInvalid)
	}
	v, err := ParseDuration(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}
