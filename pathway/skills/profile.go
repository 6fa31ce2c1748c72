package skills

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/microcred/microcred/badge"
	"github.com/microcred/microcred/pathway"
)

// Sentinel errors; every error this package returns wraps one of them.
var (
	// ErrInput: an argument is unusable (a credential without ids, two
	// credentials with one id, a role without requirements). Fix the input.
	ErrInput = errors.New("skills: bad input")
	// ErrLimit: the input exceeds a documented limit of Options or
	// GapOptions. Raise the limit only for input you trust.
	ErrLimit = errors.New("skills: limit exceeded")
)

// DefaultMaxCredentials and DefaultMaxAlignments are the defaults of
// Options.MaxCredentials and Options.MaxAlignments.
const (
	DefaultMaxCredentials = 10000
	DefaultMaxAlignments  = 100000
)

// Options tune Build. The zero Options is safe for untrusted input.
type Options struct {
	// Issuers ranks issuers by trust, most trusted first; it breaks ties
	// between evidence of equal level and date (see Profile). Issuers not
	// listed rank after every listed one, equal among themselves.
	Issuers []string
	// Scales place result levels that the credentials do not describe
	// themselves (an Earned carries only the achieved level's id); see
	// Scale. An OB 3.0 credential's own ResultDescription takes precedence.
	Scales []Scale
	// MaxCredentials bounds the credentials one profile reads. Default
	// DefaultMaxCredentials.
	MaxCredentials int
	// MaxAlignments bounds the alignments read over all credentials
	// (achievement, result and rubric-level alignments). Default
	// DefaultMaxAlignments.
	MaxAlignments int
}

// A Profile is every skill or competency a learner holds evidence for, as
// of one time, from credentials the host has verified.
//
// Skills are the alignment targets of the credentials' achievements (and of
// their results and achieved rubric levels), merged by target identity (see
// Skill.Key). Within a skill, evidence is ordered strongest first by:
//
//  1. validity: evidence from a credential valid at AsOf before expired;
//  2. level reached: a level placed on its scale before one that cannot be
//     placed, before none; among placed levels the higher Score first;
//  3. recency: the later earned date first (undated last);
//  4. issuer trust: the earlier position in Options.Issuers first;
//  5. the credential id, so the order is total and reproducible.
//
// Skills are ordered by their strongest evidence with the same rule, then by
// name and key. A skill whose every credential has expired is kept and
// marked Expired. Revoked, suspended and not-yet-valid credentials (and
// those earned after AsOf) give no evidence; they are listed in Excluded
// with the reason.
type Profile struct {
	AsOf     time.Time  `json:"asOf"`
	Skills   []Skill    `json:"skills"`
	Excluded []Excluded `json:"excluded,omitempty"`
	// Credentials counts the credentials read, excluded ones included.
	Credentials int `json:"credentials"`
}

// A Skill is one alignment target and the evidence for it.
type Skill struct {
	// Key is the target's identity: "url:" + targetUrl; else "code:" +
	// targetFramework + "|" + targetCode; else "name:" + targetFramework +
	// "|" + lower-cased targetName. An alignment without a URL takes the
	// URL key of others with its framework and code when exactly one URL
	// was seen with them.
	Key    string `json:"key"`
	Target Target `json:"target"`
	// Level is the level of the strongest evidence, if it records one.
	Level *Level `json:"level,omitempty"`
	// Expired is true when every credential evidencing the skill has
	// expired at AsOf.
	Expired bool `json:"expired,omitempty"`
	// Evidence lists one entry per credential, strongest first.
	Evidence []Evidence `json:"evidence"`
}

// Evidence is one credential's support for a skill.
type Evidence struct {
	Credential      string    `json:"credential"`
	Achievement     string    `json:"achievement"`
	AchievementName string    `json:"achievementName,omitempty"`
	Issuer          string    `json:"issuer,omitempty"`
	EarnedAt        time.Time `json:"earnedAt,omitzero"`
	ValidUntil      time.Time `json:"validUntil,omitzero"`
	Expired         bool      `json:"expired,omitempty"`
	// Level is the strongest result the credential records for the skill.
	Level *Level `json:"level,omitempty"`
	// Via says which part of the credential aligns to the skill:
	// "achievement", "result" or "rubricLevel".
	Via string `json:"via"`
}

// Excluded is a credential that gives no evidence, and why.
type Excluded struct {
	Credential  string `json:"credential"`
	Achievement string `json:"achievement,omitempty"`
	Reason      string `json:"reason"`
}

// Verified is an Open Badges 3.0 credential the host has verified, with
// the outcome of its status check (the credential cannot be trusted to
// state its own revocation).
type Verified struct {
	Credential *badge.AchievementCredential
	Status     pathway.Status
}

// claim is one credential's statement about one target.
type claim struct {
	target Target
	level  *Level
	via    string
}

// record is one credential as the profile reads it.
type record struct {
	e      pathway.Earned
	claims []claim
}

// Build makes the profile of the credentials in earned at asOf. Every
// Earned needs a distinct, non-empty ID. The level of every achievement
// alignment is the strongest of the credential's results, placed with
// Options.Scales.
func Build(earned []pathway.Earned, asOf time.Time, opts Options) (*Profile, error) {
	if err := opts.checkCount(len(earned)); err != nil {
		return nil, err
	}
	recs := make([]record, 0, len(earned))
	for _, e := range earned {
		var best *Level
		for _, r := range e.Results {
			if l := levelFromEarned(r, opts.Scales); cmpLevel(l, best) < 0 {
				best = l
			}
		}
		r := record{e: e}
		for _, a := range e.Alignments {
			r.claims = append(r.claims, claim{Target{URL: a.TargetURL, Framework: a.TargetFramework, Code: a.TargetCode, Name: a.TargetName}, best, "achievement"})
		}
		recs = append(recs, r)
	}
	return build(recs, asOf, opts)
}

// BuildFromCredentials makes the profile of verified Open Badges 3.0
// credentials at asOf. It reads more than Build can: alignment target types
// and descriptions, each result's own scale (rubric levels and allowed
// values in the order the ResultDescription gives, lowest first; numeric
// bounds), and the alignments of results, result descriptions and achieved
// rubric levels, which evidence their targets at that result's level only.
func BuildFromCredentials(creds []Verified, asOf time.Time, opts Options) (*Profile, error) {
	if err := opts.checkCount(len(creds)); err != nil {
		return nil, err
	}
	recs := make([]record, 0, len(creds))
	for i, v := range creds {
		e, err := pathway.FromCredential(v.Credential)
		if err != nil {
			return nil, fmt.Errorf("%w: credential %d: %w", ErrInput, i, err)
		}
		e.Status = v.Status
		r := record{e: e}
		s := v.Credential.CredentialSubject
		a := s.Achievement
		var best *Level
		for ri := range s.Result {
			res := &s.Result[ri]
			var rd *badge.ResultDescription
			if j := slices.IndexFunc(a.ResultDescription, func(d badge.ResultDescription) bool { return d.ID == res.ResultDescription }); j >= 0 {
				rd = &a.ResultDescription[j]
			}
			l := levelFromResult(res, rd, opts.Scales)
			if cmpLevel(l, best) < 0 {
				best = l
			}
			var als []badge.Alignment
			als = append(als, res.Alignment...)
			if rd != nil {
				als = append(als, rd.Alignment...)
			}
			for _, al := range als {
				r.claims = append(r.claims, claim{target(al), l, "result"})
			}
			if rd != nil && res.AchievedLevel != "" {
				if k := slices.IndexFunc(rd.RubricCriterionLevel, func(x badge.RubricCriterionLevel) bool { return x.ID == res.AchievedLevel }); k >= 0 {
					for _, al := range rd.RubricCriterionLevel[k].Alignment {
						r.claims = append(r.claims, claim{target(al), l, "rubricLevel"})
					}
				}
			}
		}
		for _, al := range a.Alignment {
			r.claims = append(r.claims, claim{target(al), best, "achievement"})
		}
		recs = append(recs, r)
	}
	return build(recs, asOf, opts)
}

// Earned converts verified credentials to what pathway.Evaluate and
// Analyze take, with the status the host found. A Profile is for reading;
// a gap analysis needs the credentials themselves (achievement ids, dates,
// results per credential), so Analyze takes these.
func Earned(creds []Verified) ([]pathway.Earned, error) {
	out := make([]pathway.Earned, 0, len(creds))
	for i, v := range creds {
		e, err := pathway.FromCredential(v.Credential)
		if err != nil {
			return nil, fmt.Errorf("%w: credential %d: %w", ErrInput, i, err)
		}
		e.Status = v.Status
		out = append(out, e)
	}
	return out, nil
}

func target(a badge.Alignment) Target {
	return Target{URL: a.TargetURL, Framework: a.TargetFramework, Code: a.TargetCode, Name: a.TargetName,
		Type: string(a.TargetType), Description: a.TargetDescription}
}

func (o Options) checkCount(n int) error {
	if m := cmp.Or(o.MaxCredentials, DefaultMaxCredentials); n > m {
		return fmt.Errorf("%w: %d credentials, at most %d (Options.MaxCredentials)", ErrLimit, n, m)
	}
	return nil
}

func build(recs []record, asOf time.Time, opts Options) (*Profile, error) {
	p := &Profile{AsOf: asOf, Credentials: len(recs), Skills: []Skill{}}
	seen := map[string]bool{}
	var all []Target
	total := 0
	for i := range recs {
		e := &recs[i].e
		if e.ID == "" {
			return nil, fmt.Errorf("%w: credential %d has no id", ErrInput, i)
		}
		// OB 3.0 equality: a credential is its issuer and its id together,
		// so two issuers may use the same id.
		key := pathway.CredentialKey(e.IssuerID, e.ID)
		if seen[key] {
			return nil, fmt.Errorf("%w: credential %q of issuer %q is given twice; pass one copy", ErrInput, e.ID, e.IssuerID)
		}
		seen[key] = true
		total += len(recs[i].claims)
		if m := cmp.Or(opts.MaxAlignments, DefaultMaxAlignments); total > m {
			return nil, fmt.Errorf("%w: more than %d alignments (Options.MaxAlignments)", ErrLimit, m)
		}
		for _, c := range recs[i].claims {
			all = append(all, c.target)
		}
	}
	byCode := codeIndex(all)
	idx := map[string]int{}
	for i := range recs {
		r := &recs[i]
		expired, why := validity(&r.e, asOf)
		if why != "" {
			p.Excluded = append(p.Excluded, Excluded{r.e.ID, r.e.AchievementID, why})
			continue
		}
		for _, c := range r.claims {
			k := keyOf(c.target, byCode)
			if k == "" {
				continue
			}
			si, ok := idx[k]
			if !ok {
				si = len(p.Skills)
				idx[k] = si
				p.Skills = append(p.Skills, Skill{Key: k})
			}
			sk := &p.Skills[si]
			ev := Evidence{Credential: r.e.ID, Achievement: r.e.AchievementID, AchievementName: r.e.AchievementName,
				Issuer: r.e.IssuerID, EarnedAt: r.e.EarnedAt, ValidUntil: r.e.ValidUntil, Expired: expired,
				Level: c.level, Via: c.via}
			// One entry per credential: the strongest of its claims, the
			// target fields of all of them.
			j := slices.IndexFunc(sk.Evidence, func(x Evidence) bool { return x.Credential == ev.Credential })
			switch {
			case j < 0:
				sk.Evidence = append(sk.Evidence, ev)
			case cmpLevel(ev.Level, sk.Evidence[j].Level) < 0:
				sk.Evidence[j].Level, sk.Evidence[j].Via = ev.Level, ev.Via
			}
			sk.Target.fill(c.target)
		}
	}
	trust := func(issuer string) int {
		if i := slices.Index(opts.Issuers, issuer); i >= 0 {
			return i
		}
		return len(opts.Issuers)
	}
	strength := func(a, b Evidence) int {
		if a.Expired != b.Expired {
			if b.Expired {
				return -1
			}
			return 1
		}
		if c := cmpLevel(a.Level, b.Level); c != 0 {
			return c
		}
		if c := cmpRecent(a.EarnedAt, b.EarnedAt); c != 0 {
			return c
		}
		return trust(a.Issuer) - trust(b.Issuer)
	}
	for i := range p.Skills {
		sk := &p.Skills[i]
		slices.SortFunc(sk.Evidence, func(a, b Evidence) int {
			return cmp.Or(strength(a, b), strings.Compare(a.Credential, b.Credential))
		})
		sk.Level = sk.Evidence[0].Level
		sk.Expired = sk.Evidence[0].Expired
	}
	slices.SortFunc(p.Skills, func(a, b Skill) int {
		return cmp.Or(strength(a.Evidence[0], b.Evidence[0]),
			strings.Compare(strings.ToLower(a.Target.label()), strings.ToLower(b.Target.label())),
			strings.Compare(a.Key, b.Key))
	})
	slices.SortFunc(p.Excluded, func(a, b Excluded) int { return strings.Compare(a.Credential, b.Credential) })
	return p, nil
}

// cmpRecent orders later dates first, undated last.
func cmpRecent(a, b time.Time) int {
	switch {
	case a.IsZero() && b.IsZero():
		return 0
	case a.IsZero():
		return 1
	case b.IsZero():
		return -1
	}
	return b.Compare(a)
}

// validity mirrors pathway's rule for what counts at asOf: revoked,
// suspended, unknown statuses, not yet valid and earned after asOf give no
// evidence; past validUntil is expired evidence.
func validity(e *pathway.Earned, asOf time.Time) (expired bool, excluded string) {
	switch {
	case e.Status == pathway.StatusRevoked:
		return false, "revoked"
	case e.Status == pathway.StatusSuspended:
		return false, "suspended"
	case e.Status != pathway.StatusActive:
		return false, "status " + string(e.Status)
	case !e.ValidFrom.IsZero() && asOf.Before(e.ValidFrom):
		return false, "not valid until " + day(e.ValidFrom)
	case !e.EarnedAt.IsZero() && e.EarnedAt.After(asOf):
		return false, "earned after " + day(asOf)
	}
	return !e.ValidUntil.IsZero() && asOf.After(e.ValidUntil), ""
}

func day(t time.Time) string { return t.UTC().Format("2006-01-02") }
