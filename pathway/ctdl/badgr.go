package ctdl

import (
	"fmt"
	"strings"

	"github.com/microcred/microcred/internal/strictjson"
	"github.com/microcred/microcred/pathway"
)

// badgrElement is one element of a Badgr pathway export (the JSON Badgr's
// pathway API returns for a pathway's root element).
type badgrElement struct {
	ElementID       string         `json:"elementId"`
	Name            string         `json:"name"`
	Description     *string        `json:"description"`
	CompletionBadge *badgrBadge    `json:"completionBadge"`
	Requirements    *badgrReqs     `json:"requirements"`
	RequiredForPar  *bool          `json:"requiredForParentCompletion"`
	Children        []badgrElement `json:"children"`
}

type badgrBadge struct {
	BadgeURL string `json:"badgeUrl"`
}

type badgrRule struct {
	Type          string `json:"@type"`
	RequiredCount *int   `json:"requiredCount"`
}

type badgrReqs struct {
	Child struct {
		CountRule badgrRule `json:"countRule"`
	} `json:"childElementRequirements"`
	NonChild struct {
		CountRule  badgrRule `json:"countRule"`
		ElementIDs []string  `json:"elementIds"`
	} `json:"nonChildElementRequirements"`
	Badges struct {
		CountRule badgrRule    `json:"countRule"`
		Required  []badgrBadge `json:"requiredBadges"`
	} `json:"badgeRequirements"`
	ShortcutBadges []badgrBadge `json:"shortcutBadges"`
	AllowShortcut  bool         `json:"allowCompletionBadgeShortcut"`
}

// ImportBadgr reads a Badgr pathway export (the element tree with
// completionBadge, requirements and children) into a definition.
//
// An element is complete when its three requirement parts hold: its
// children required for parent completion (countRule "all" or "atLeastN"
// requiredCount), the other elements it names (nonChildElementRequirements)
// and its badges (badgeRequirements). A part with nothing to count, or
// "atLeastN" 0, asks nothing. Holding an element's completion badge, or one
// of its shortcutBadges, completes it when allowCompletionBadgeShortcut is
// set, as in Badgr. Each element with a completion badge, other than the
// root, becomes a milestone awarding it; the root's badge is the
// destination. An element with no requirement at all never completes (Badgr
// leaves it incomplete) and is noted. Each badge URL becomes a component
// matched by that URL as achievement id; hosts whose credentials carry OB
// 3.0 ids for those badges add Equivalences.
func ImportBadgr(data []byte, opts Options) (*Result, error) {
	if len(data) > opts.maxBytes() {
		return nil, fmt.Errorf("%w: %d bytes, limit is %d (Options.MaxDocumentBytes)", ErrLimit, len(data), opts.maxBytes())
	}
	if err := checkShape(data, opts.maxDepth(), opts.maxObjects()); err != nil {
		return nil, err
	}
	// The strict reader (see decodeAll) also refuses "ElementId" for
	// elementId, which encoding/json alone would accept.
	var root badgrElement
	if err := strictjson.Unmarshal(data, &root, strictjson.Limits{MaxBytes: max(len(data), 1), MaxDepth: opts.maxDepth()}); err != nil {
		return nil, fmt.Errorf("%w: not a Badgr pathway export: %w", ErrSyntax, err)
	}
	if root.ElementID == "" || root.Requirements == nil {
		return nil, fmt.Errorf("%w: no Badgr pathway element (elementId and requirements) at the top", ErrNoPathway)
	}
	b := &badgrBuilder{opts: opts, byID: map[string]*badgrElement{}, comps: map[string]string{},
		stack: map[string]bool{}, ids: map[string]bool{}}
	b.index(&root, 0)
	b.def = &pathway.Definition{Format: pathway.FormatV1, ID: "urn:badgr:pathway:" + root.ElementID,
		Version: opts.Version, Name: root.Name}
	if b.def.Version == "" {
		b.def.Version = "1"
	}
	if root.Description != nil {
		b.def.Description = *root.Description
	}
	b.def.Destination = pathway.AchievementRef{ID: "urn:badgr:element:" + root.ElementID, Name: root.Name}
	if root.CompletionBadge != nil && root.CompletionBadge.BadgeURL != "" {
		b.def.Destination.ID = root.CompletionBadge.BadgeURL
	} else {
		b.notes.add(root.ElementID, "no-completion-badge", "the pathway awards no completion badge; the destination is named after the root element")
	}
	req, err := b.rule(&root, 0, true)
	if err != nil {
		return nil, err
	}
	b.def.Requirement = req
	if err := pathway.Validate(b.def); err != nil {
		return nil, fmt.Errorf("%w: the imported definition is invalid: %w", ErrUnusable, err)
	}
	return &Result{Definition: b.def, Notes: b.notes.list}, nil
}

type badgrBuilder struct {
	opts  Options
	def   *pathway.Definition
	notes notes
	byID  map[string]*badgrElement
	comps map[string]string // badge URL → component id
	stack map[string]bool
	ids   map[string]bool
	count int
}

func (b *badgrBuilder) index(e *badgrElement, depth int) {
	if depth > b.opts.maxDepth() {
		return
	}
	if _, dup := b.byID[e.ElementID]; dup {
		b.notes.add(e.ElementID, "duplicate-id", "element id used twice; the first is used")
	} else {
		b.byID[e.ElementID] = e
	}
	for i := range e.Children {
		b.index(&e.Children[i], depth+1)
	}
}

func (b *badgrBuilder) badge(url string) *pathway.Node {
	id, ok := b.comps[url]
	if !ok {
		id = url[strings.LastIndex(url, "/")+1:]
		if id == "" || b.ids[id] {
			id = url
		}
		b.ids[id] = true
		b.comps[url] = id
		b.def.Components = append(b.def.Components, pathway.Component{ID: id, Name: id, Match: pathway.Match{Achievements: []string{url}}})
	}
	return &pathway.Node{Kind: pathway.KindComponent, Component: id}
}

// counted applies a Badgr count rule to items; nil means the part asks
// nothing.
func (b *badgrBuilder) counted(where, what string, r badgrRule, items []*pathway.Node) *pathway.Node {
	m := len(items)
	switch r.Type {
	case "all":
		if m == 0 {
			return nil
		}
		return &pathway.Node{Kind: pathway.KindAllOf, Name: what, Items: items}
	case "atLeastN":
		n := 0
		if r.RequiredCount != nil {
			n = *r.RequiredCount
		}
		switch {
		case n <= 0:
			if m > 0 {
				b.notes.add(where, "required-number", "%s: at least %d of %d asks nothing", what, n, m)
			}
			return nil
		case n > m:
			b.notes.add(where, "n-greater-than-m", "%s: at least %d of only %d; read as all of them", what, n, m)
			n = m
		}
		return nOf(what, n, items)
	}
	b.notes.add(where, "count-rule", "%s: unknown count rule %q; read as all", what, r.Type)
	if m == 0 {
		return nil
	}
	return &pathway.Node{Kind: pathway.KindAllOf, Name: what, Items: items}
}

func (b *badgrBuilder) rule(e *badgrElement, depth int, root bool) (*pathway.Node, error) {
	b.count++
	if b.count > b.opts.maxTreeNodes() {
		return nil, fmt.Errorf("%w: %w: the elements expand to more than %d rules (Options.MaxTreeNodes)", ErrLimit, pathway.ErrLimit, b.opts.maxTreeNodes())
	}
	if depth > pathway.DefaultMaxDepth-3 {
		return nil, &SourceError{Where: e.ElementID, Err: fmt.Errorf("%w: %w: elements nested deeper than %d", ErrLimit, pathway.ErrLimit, pathway.DefaultMaxDepth-3)}
	}
	if b.stack[e.ElementID] {
		return nil, &SourceError{Where: e.ElementID, Err: fmt.Errorf("%w: element %q requires itself (a cycle)", ErrUnusable, e.Name)}
	}
	b.stack[e.ElementID] = true
	defer delete(b.stack, e.ElementID)
	r := e.Requirements
	if r == nil {
		r = &badgrReqs{}
		r.Child.CountRule.Type = "all"
	}
	var parts []*pathway.Node
	var kids []*pathway.Node
	for i := range e.Children {
		c := &e.Children[i]
		if c.RequiredForPar != nil && !*c.RequiredForPar {
			continue // optional children are shown, not counted
		}
		k, err := b.rule(c, depth+1, false)
		if err != nil {
			return nil, err
		}
		kids = append(kids, k)
	}
	if p := b.counted(e.ElementID, "child elements", r.Child.CountRule, kids); p != nil {
		parts = append(parts, p)
	}
	var others []*pathway.Node
	for _, id := range r.NonChild.ElementIDs {
		o, ok := b.byID[id]
		if !ok {
			b.notes.add(e.ElementID, "not-present", "element %s is required but not in the export; ignored", id)
			continue
		}
		k, err := b.rule(o, depth+1, false)
		if err != nil {
			return nil, err
		}
		others = append(others, k)
	}
	if p := b.counted(e.ElementID, "other elements", r.NonChild.CountRule, others); p != nil {
		parts = append(parts, p)
	}
	var badges []*pathway.Node
	for _, bd := range r.Badges.Required {
		if bd.BadgeURL != "" {
			badges = append(badges, b.badge(bd.BadgeURL))
		}
	}
	if p := b.counted(e.ElementID, "badges", r.Badges.CountRule, badges); p != nil {
		parts = append(parts, p)
	}
	var g *pathway.Node
	switch len(parts) {
	case 0:
		b.notes.add(e.ElementID, "no-requirement", "element %q has no requirement; like Badgr, it never completes on its own", e.Name)
		g = &pathway.Node{Kind: pathway.KindAnyOf, Name: e.Name}
	case 1:
		g = parts[0]
		if g.Name == "" || g.Name == "child elements" || g.Name == "badges" || g.Name == "other elements" {
			g.Name = e.Name
		}
	default:
		g = &pathway.Node{Kind: pathway.KindAllOf, Name: e.Name, Items: parts}
	}
	if root {
		return g, nil
	}
	badge := ""
	if e.CompletionBadge != nil {
		badge = e.CompletionBadge.BadgeURL
	}
	if badge != "" && !b.ids["node:"+e.ElementID] && badge != b.def.Destination.ID {
		b.ids["node:"+e.ElementID] = true
		g.ID = e.ElementID
		b.def.Milestones = append(b.def.Milestones, pathway.Milestone{ID: e.ElementID, Name: e.Name, Node: e.ElementID,
			Achievement: pathway.AchievementRef{ID: badge, Name: e.Name}})
	}
	var alts []*pathway.Node
	if badge != "" && r.AllowShortcut {
		alts = append(alts, b.badge(badge))
	}
	for _, s := range r.ShortcutBadges {
		if s.BadgeURL != "" {
			alts = append(alts, b.badge(s.BadgeURL))
		}
	}
	if len(alts) == 0 {
		return g, nil
	}
	return &pathway.Node{Kind: pathway.KindAnyOf, Name: e.Name, Items: append(alts, g)}, nil
}
