package skills

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/microcred/microcred/badge"
	"github.com/microcred/microcred/pathway"
)

// A Level is the result a credential records for a skill: a rubric level,
// a grade or a score, placed on its scale when the scale is known.
type Level struct {
	// ID is the achievedLevel (a RubricCriterionLevel id), if any.
	ID string `json:"id,omitempty"`
	// Name is the rubric level's name, or the value for grades and scores.
	Name string `json:"name,omitempty"`
	// Value is the result's value (a grade, a score), if any.
	Value string `json:"value,omitempty"`
	// ResultType is the OB 3.0 resultType of the ResultDescription.
	ResultType string `json:"resultType,omitempty"`
	// Rank is the 1-based position on an ordered scale (rubric levels or
	// allowed values, lowest first) of Of positions; 0 when not on one.
	Rank int `json:"rank,omitempty"`
	Of   int `json:"of,omitempty"`
	// Score places the level on [0, 1] so levels from different scales can
	// be ordered: Rank/Of on an ordered scale, value/100 for a Percent,
	// (value-valueMin)/(valueMax-valueMin) for a number with both bounds.
	// Nil when the level cannot be placed (an unknown rubric level, a number
	// without bounds, a status).
	Score *float64 `json:"score,omitempty"`
}

// Scale is an ordered list of level ids or values, lowest first, for
// results whose scale the credential itself does not carry (an Earned
// built from a host's records has only the achieved level's id).
type Scale []string

func score(v float64) *float64 {
	v = math.Round(min(max(v, 0), 1)*1e4) / 1e4
	return &v
}

func onScale(l *Level, scale []string, key string) bool {
	i := slices.Index(scale, key)
	if i < 0 {
		return false
	}
	l.Rank, l.Of = i+1, len(scale)
	l.Score = score(float64(l.Rank) / float64(l.Of))
	return true
}

// levelFromEarned places a pathway.Result using the host's scales only.
func levelFromEarned(r pathway.Result, scales []Scale) *Level {
	if r.Level == "" && r.Value == "" {
		return nil
	}
	l := &Level{ID: r.Level, Value: r.Value, ResultType: r.Type, Name: r.Value}
	if r.Level != "" {
		l.Name = r.Level
	}
	for _, s := range scales {
		if (r.Level != "" && onScale(l, s, r.Level)) || (r.Level == "" && onScale(l, s, r.Value)) {
			return l
		}
	}
	if r.Level == "" && strings.EqualFold(r.Type, string(badge.ResultTypePercent)) {
		if v, ok := number(r.Value); ok {
			l.Score = score(v / 100)
		}
	}
	return l
}

// levelFromResult places an OB 3.0 result on the scale its
// ResultDescription declares (rd may be nil), falling back to the host's.
func levelFromResult(r *badge.Result, rd *badge.ResultDescription, scales []Scale) *Level {
	if r.AchievedLevel == "" && r.Value == "" {
		return nil
	}
	pr := pathway.Result{Level: r.AchievedLevel, Value: r.Value}
	if rd == nil {
		return levelFromEarned(pr, scales)
	}
	pr.Type = string(rd.ResultType)
	l := &Level{ID: r.AchievedLevel, Value: r.Value, ResultType: pr.Type, Name: r.Value}
	if r.AchievedLevel != "" {
		l.Name = r.AchievedLevel
		i := slices.IndexFunc(rd.RubricCriterionLevel, func(x badge.RubricCriterionLevel) bool { return x.ID == r.AchievedLevel })
		if i < 0 {
			return levelFromEarned(pr, scales)
		}
		if n := rd.RubricCriterionLevel[i].Name; n != "" {
			l.Name = n
		}
		l.Rank, l.Of = i+1, len(rd.RubricCriterionLevel)
		l.Score = score(float64(l.Rank) / float64(l.Of))
		return l
	}
	if onScale(l, rd.AllowedValue, r.Value) {
		return l
	}
	v, ok := number(r.Value)
	lo, okLo := number(rd.ValueMin)
	hi, okHi := number(rd.ValueMax)
	switch {
	case ok && okLo && okHi && hi > lo:
		l.Score = score((v - lo) / (hi - lo))
	case ok && rd.ResultType == badge.ResultTypePercent:
		l.Score = score(v / 100)
	default:
		return levelFromEarned(pr, scales)
	}
	return l
}

func number(s string) (float64, bool) {
	v, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(s), "%"), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false
	}
	return v, true
}

// cmpLevel orders levels strongest first: a placed level before an
// unplaced one before none, then the higher score; equal otherwise.
func cmpLevel(a, b *Level) int {
	ra, rb := levelTier(a), levelTier(b)
	if ra != rb {
		return rb - ra
	}
	if ra == 2 && *a.Score != *b.Score {
		if *a.Score > *b.Score {
			return -1
		}
		return 1
	}
	return 0
}

func levelTier(l *Level) int {
	switch {
	case l == nil:
		return 0
	case l.Score == nil:
		return 1
	}
	return 2
}

func (l *Level) String() string {
	if l == nil {
		return ""
	}
	s := l.Name
	if l.Of > 0 {
		s += " (" + strconv.Itoa(l.Rank) + " of " + strconv.Itoa(l.Of) + ")"
	} else if l.Score != nil && l.Value != "" && l.Name != l.Value {
		s += " (" + l.Value + ")"
	}
	return s
}
