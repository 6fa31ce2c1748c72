package skills

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/microcred/microcred/pathway"
)

func date(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

var (
	asOf  = date("2026-06-01")
	sql   = pathway.Alignment{TargetURL: "https://skills.example/sql", TargetFramework: "ESCO", TargetCode: "S1", TargetName: "SQL"}
	py    = pathway.Alignment{TargetURL: "https://skills.example/python", TargetFramework: "ESCO", TargetCode: "S2", TargetName: "Python"}
	scale = Scale{"novice", "competent", "proficient", "expert"}
)

func cred(id, issuer string, earned string, al ...pathway.Alignment) pathway.Earned {
	return pathway.Earned{ID: id, AchievementID: "urn:ach:" + id, AchievementName: "Badge " + id, IssuerID: issuer,
		EarnedAt: date(earned), Alignments: al}
}

func withLevel(e pathway.Earned, level string) pathway.Earned {
	e.Results = append(e.Results, pathway.Result{Type: "RubricCriterionLevel", Level: level})
	return e
}

func until(e pathway.Earned, d string) pathway.Earned { e.ValidUntil = date(d); return e }

func status(e pathway.Earned, s pathway.Status) pathway.Earned { e.Status = s; return e }

// summary is a compact picture of a profile: per skill, its key, level and
// evidence credentials in order, with "!" marking expired.
func summary(p *Profile) string {
	var out []string
	for _, s := range p.Skills {
		var ev []string
		for _, e := range s.Evidence {
			x := e.Credential
			if e.Level != nil {
				x += "@" + e.Level.Name
			}
			if e.Expired {
				x += "!"
			}
			ev = append(ev, x)
		}
		exp := ""
		if s.Expired {
			exp = " expired"
		}
		out = append(out, fmt.Sprintf("%s%s [%s]", s.Key, exp, strings.Join(ev, " ")))
	}
	for _, x := range p.Excluded {
		out = append(out, "excluded "+x.Credential+": "+x.Reason)
	}
	return strings.Join(out, "\n")
}

func TestProfile(t *testing.T) {
	opts := Options{Scales: []Scale{scale}, Issuers: []string{"urn:iss:trusted"}}
	tests := []struct {
		name   string
		reason string
		earned []pathway.Earned
		opts   Options
		want   string
	}{{
		name:   "same target from two issuers merges",
		reason: "one skill, two pieces of evidence: the identity is the targetUrl, not the issuer or the badge",
		earned: []pathway.Earned{cred("a", "urn:iss:1", "2025-01-01", sql), cred("b", "urn:iss:2", "2025-02-01", sql)},
		want:   "url:https://skills.example/sql [b a]",
	}, {
		name:   "strongest level first",
		reason: "a higher level on the scale outranks a more recent lower level",
		earned: []pathway.Earned{
			withLevel(cred("old-expert", "urn:iss:1", "2024-01-01", sql), "expert"),
			withLevel(cred("new-novice", "urn:iss:2", "2025-06-01", sql), "novice")},
		want: "url:https://skills.example/sql [old-expert@expert new-novice@novice]",
	}, {
		name:   "recency breaks a level tie",
		reason: "same level: the later credential is stronger evidence",
		earned: []pathway.Earned{
			withLevel(cred("x1", "urn:iss:1", "2024-01-01", sql), "competent"),
			withLevel(cred("x2", "urn:iss:1", "2025-01-01", sql), "competent")},
		want: "url:https://skills.example/sql [x2@competent x1@competent]",
	}, {
		name:   "issuer trust breaks a level and date tie",
		reason: "same level and day: the issuer listed in Options.Issuers first wins even over a smaller id",
		earned: []pathway.Earned{
			withLevel(cred("a", "urn:iss:other", "2025-01-01", sql), "competent"),
			withLevel(cred("b", "urn:iss:trusted", "2025-01-01", sql), "competent")},
		want: "url:https://skills.example/sql [b@competent a@competent]",
	}, {
		name:   "expired credential's skill is kept and marked",
		reason: "expiry is not revocation: the learner did hold the skill, the profile says it lapsed",
		earned: []pathway.Earned{until(cred("old", "urn:iss:1", "2020-01-01", py), "2023-01-01"), cred("s", "urn:iss:1", "2025-01-01", sql)},
		want:   "url:https://skills.example/sql [s]\nurl:https://skills.example/python expired [old!]",
	}, {
		name:   "valid evidence outranks expired evidence of a higher level",
		reason: "a lapsed expert credential is weaker than a current competent one; the skill is not expired",
		earned: []pathway.Earned{
			withLevel(until(cred("lapsed", "urn:iss:1", "2020-01-01", sql), "2022-01-01"), "expert"),
			withLevel(cred("current", "urn:iss:1", "2025-01-01", sql), "competent")},
		want: "url:https://skills.example/sql [current@competent lapsed@expert!]",
	}, {
		name:   "revoked credential is excluded with a note",
		reason: "revocation withdraws the evidence; the skill is not in the profile, the credential is listed",
		earned: []pathway.Earned{status(cred("r", "urn:iss:1", "2025-01-01", py), pathway.StatusRevoked)},
		want:   "excluded r: revoked",
	}, {
		name:   "not yet valid and future credentials are excluded",
		reason: "evidence dated after the as-of time does not exist yet",
		earned: []pathway.Earned{cred("future", "urn:iss:1", "2027-01-01", py)},
		want:   "excluded future: earned after 2026-06-01",
	}, {
		name:   "alignment without URL joins the unique URL of its framework and code",
		reason: "a host record with framework+code only is the same ESCO S1 skill the badge names by URL",
		earned: []pathway.Earned{cred("u", "urn:iss:1", "2025-01-01", sql),
			cred("c", "urn:iss:2", "2025-02-01", pathway.Alignment{TargetFramework: "ESCO", TargetCode: "S1"})},
		want: "url:https://skills.example/sql [c u]",
	}, {
		name:   "different URLs with one code stay apart",
		reason: "a URL identifies a framework node; equal codes under two URLs do not merge, and a URL-less alignment with that code is ambiguous",
		earned: []pathway.Earned{
			cred("u1", "urn:iss:1", "2025-01-01", pathway.Alignment{TargetURL: "https://a.example/x", TargetFramework: "F", TargetCode: "X"}),
			cred("u2", "urn:iss:1", "2025-01-01", pathway.Alignment{TargetURL: "https://b.example/x", TargetFramework: "F", TargetCode: "X"}),
			cred("c", "urn:iss:1", "2025-01-01", pathway.Alignment{TargetFramework: "F", TargetCode: "X", TargetName: "x"})},
		want: "code:F|X [c]\nurl:https://a.example/x [u1]\nurl:https://b.example/x [u2]",
	}, {
		name:   "name-only alignments merge case-insensitively within a framework",
		reason: "the last resort identity is framework and folded name",
		earned: []pathway.Earned{
			cred("n1", "urn:iss:1", "2025-01-01", pathway.Alignment{TargetFramework: "F", TargetName: "Teamwork"}),
			cred("n2", "urn:iss:1", "2025-02-01", pathway.Alignment{TargetFramework: "F", TargetName: "teamwork"})},
		want: "name:F|teamwork [n2 n1]",
	}, {
		name:   "percent results compare by value",
		reason: "a Percent result is placed at value/100 without a host scale",
		earned: []pathway.Earned{
			func() pathway.Earned {
				e := cred("p90", "urn:iss:1", "2024-01-01", sql)
				e.Results = []pathway.Result{{Type: "Percent", Value: "90"}}
				return e
			}(),
			func() pathway.Earned {
				e := cred("p60", "urn:iss:1", "2025-01-01", sql)
				e.Results = []pathway.Result{{Type: "Percent", Value: "60%"}}
				return e
			}()},
		want: "url:https://skills.example/sql [p90@90 p60@60%]",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := tt.opts
			if o.Scales == nil {
				o = opts
			}
			p, err := Build(tt.earned, asOf, o)
			if err != nil {
				t.Fatal(err)
			}
			if got := summary(p); got != tt.want {
				t.Errorf("%s\ngot:\n%s\nwant:\n%s", tt.reason, got, tt.want)
			}
		})
	}
}

func TestProfileErrors(t *testing.T) {
	tests := []struct {
		name   string
		earned []pathway.Earned
		opts   Options
		want   error
	}{
		{"duplicate ids", []pathway.Earned{cred("a", "i", "2025-01-01", sql), cred("a", "i", "2025-01-01", py)}, Options{}, ErrInput},
		{"missing id", []pathway.Earned{{AchievementID: "urn:x"}}, Options{}, ErrInput},
		{"too many credentials", []pathway.Earned{cred("a", "i", "2025-01-01"), cred("b", "i", "2025-01-01")}, Options{MaxCredentials: 1}, ErrLimit},
		{"too many alignments", []pathway.Earned{cred("a", "i", "2025-01-01", sql, py)}, Options{MaxAlignments: 1}, ErrLimit},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Build(tt.earned, asOf, tt.opts); !errors.Is(err, tt.want) {
				t.Errorf("%s: err = %v, want %v", tt.name, err, tt.want)
			}
		})
	}
}

// TestProfileOrderIndependent: the profile is a function of the set of
// credentials, not of their order.
func TestProfileOrderIndependent(t *testing.T) {
	in := []pathway.Earned{
		withLevel(cred("a", "urn:iss:1", "2025-01-01", sql, py), "expert"),
		withLevel(cred("b", "urn:iss:2", "2025-01-01", sql), "expert"),
		until(cred("c", "urn:iss:3", "2021-01-01", py), "2022-01-01"),
		cred("d", "urn:iss:1", "2024-01-01", pathway.Alignment{TargetFramework: "ESCO", TargetCode: "S2"}),
	}
	want, err := Build(in, asOf, Options{Scales: []Scale{scale}})
	if err != nil {
		t.Fatal(err)
	}
	rev := []pathway.Earned{in[3], in[2], in[1], in[0]}
	got, err := Build(rev, asOf, Options{Scales: []Scale{scale}})
	if err != nil {
		t.Fatal(err)
	}
	if summary(got) != summary(want) {
		t.Errorf("order changed the profile:\n%s\nvs\n%s", summary(got), summary(want))
	}
}

// TestProfileSharedCredentialID: OB 3.0 equality makes a credential its
// issuer and id together, so two issuers' credentials with one id both count
// as evidence, while the same credential given twice is refused.
func TestProfileSharedCredentialID(t *testing.T) {
	a := cred("urn:uuid:shared", "urn:iss:a", "2025-01-01", sql)
	b := cred("urn:uuid:shared", "urn:iss:b", "2025-02-01", py)
	p, err := Build([]pathway.Earned{a, b}, asOf, Options{})
	if err != nil {
		t.Fatalf("two issuers sharing an id: %v", err)
	}
	if len(p.Skills) != 2 {
		t.Fatalf("want both credentials' skills, got:\n%s", summary(p))
	}
	if _, err := Build([]pathway.Earned{a, a}, asOf, Options{}); !errors.Is(err, ErrInput) {
		t.Errorf("the same credential twice: err = %v, want ErrInput", err)
	}
}
