package skills

import "strings"

// A Target is the skill, competency or framework item an alignment points
// at (the Open Badges 3.0 Alignment without its type).
type Target struct {
	URL         string `json:"targetUrl,omitempty"`
	Framework   string `json:"targetFramework,omitempty"`
	Code        string `json:"targetCode,omitempty"`
	Name        string `json:"targetName,omitempty"`
	Type        string `json:"targetType,omitempty"`
	Description string `json:"targetDescription,omitempty"`
}

// Keys name a skill's identity. They are what Skill.Key holds:
//
//	url:<targetUrl>                         the alignment has a targetUrl
//	code:<targetFramework>|<targetCode>     no targetUrl, a targetCode
//	name:<targetFramework>|<targetName>     neither (names fold case)
//
// The identity rule is deliberately strict: a targetUrl identifies a node
// of a framework, so two alignments with different URLs are different
// skills even when their codes agree (the Open Badges 3.0 complete example
// aligns one achievement to a CFItem and to a CTDL node with the same code).
// An alignment without a URL joins the skill of the alignments that have
// one when exactly one URL was seen with its framework and code; when none
// or several were, it is keyed by framework and code, so it never merges
// two URL-identified skills by accident.
func keyOf(t Target, urlByCode map[string]string) string {
	if t.URL != "" {
		return "url:" + t.URL
	}
	if t.Code != "" {
		fc := t.Framework + "|" + t.Code
		if u, ok := urlByCode[fc]; ok && u != "" {
			return "url:" + u
		}
		return "code:" + fc
	}
	if t.Name != "" {
		return "name:" + t.Framework + "|" + strings.ToLower(t.Name)
	}
	return ""
}

// codeIndex maps framework|code to the single URL seen with it, or to ""
// when several URLs share the pair (ambiguous: no merging by code then).
func codeIndex(ts []Target) map[string]string {
	m := map[string]string{}
	for _, t := range ts {
		if t.URL == "" || t.Code == "" {
			continue
		}
		fc := t.Framework + "|" + t.Code
		if u, ok := m[fc]; ok && u != t.URL {
			m[fc] = ""
		} else if !ok {
			m[fc] = t.URL
		}
	}
	return m
}

// fill copies into t the fields it lacks from o, so a skill shows
// everything its alignments say about the target.
func (t *Target) fill(o Target) {
	for _, p := range []struct {
		dst *string
		src string
	}{
		{&t.URL, o.URL}, {&t.Framework, o.Framework}, {&t.Code, o.Code},
		{&t.Name, o.Name}, {&t.Type, o.Type}, {&t.Description, o.Description},
	} {
		if *p.dst == "" {
			*p.dst = p.src
		}
	}
}

// label is how a person reads the target.
func (t Target) label() string {
	switch {
	case t.Name != "":
		return t.Name
	case t.Code != "":
		return t.Code
	}
	return t.URL
}
