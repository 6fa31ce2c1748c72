package ctdl

import (
	"fmt"
	"slices"
	"strings"

	"github.com/microcred/microcred/pathway"
)

// Result is what Import returns: the definition and what a person should
// check about how it was read.
type Result struct {
	// Definition is the imported pathway, valid by pathway.Validate.
	Definition *pathway.Definition
	// Notes say how each part of the source was read, in document order.
	Notes []Note
}

// componentTypes are the PathwayComponent subclasses (current, obsolete
// and 2023 additions) and the draft-era names seen in published examples.
var componentTypes = []string{
	"pathwaycomponent", "assessmentcomponent", "basiccomponent", "cocurricularcomponent",
	"competencycomponent", "coursecomponent", "credentialcomponent", "extracurricularcomponent",
	"jobcomponent", "workexperiencecomponent", "selectioncomponent", "collectioncomponent",
	"multicomponent",
}

// draftComponentTypes are the 2018 draft's component classes (Illinois IT
// and Bakersfield examples).
var draftComponentTypes = []string{"course", "certification", "assessment", "basic", "credential"}

// Import reads a CTDL Pathway document (JSON-LD: a @graph, an array of
// nodes, one node, or several such documents one after the other) into a
// pathway definition. The definition passes pathway.Validate; the Notes say
// what was assumed or could not be mapped. See the package documentation
// for the mapping.
func Import(data []byte, opts Options) (*Result, error) {
	if len(data) > opts.maxBytes() {
		return nil, fmt.Errorf("%w: %d bytes, limit is %d (Options.MaxDocumentBytes)", ErrLimit, len(data), opts.maxBytes())
	}
	if err := checkShape(data, opts.maxDepth(), opts.maxObjects()); err != nil {
		return nil, err
	}
	docs, err := decodeAll(data, opts.maxDepth())
	if err != nil {
		return nil, err
	}
	return importDocs(docs, opts)
}

func importDocs(docs []any, opts Options) (*Result, error) {
	b := &builder{opts: opts, comps: map[*node]string{}, groups: map[*node]*pathway.Node{},
		keys: map[string]bool{}, nodeIDs: map[string]bool{}, stack: map[*node]bool{}, visited: map[*node]bool{}}
	b.g = buildGraph(docs, &b.notes)
	def, err := b.build()
	if err != nil {
		return nil, err
	}
	if err := pathway.Validate(def); err != nil {
		return nil, fmt.Errorf("%w: the imported definition is invalid: %w", ErrUnusable, err)
	}
	return &Result{Definition: def, Notes: b.notes.list}, nil
}

type builder struct {
	opts  Options
	g     *graph
	pw    *node
	notes notes
	def   *pathway.Definition
	dest  *node
	// comps maps a leaf source node to its component id; groups maps a
	// node with conditions to the first node built for it.
	comps   map[*node]string
	groups  map[*node]*pathway.Node
	keys    map[string]bool
	nodeIDs map[string]bool
	stack   map[*node]bool
	visited map[*node]bool
	count   int
	leaves  []*node
	parents map[*node][]string // isChildOf, reversed
	// pathways counts the pathways in the document.
	pathways int
	// leadQueue holds the held credentials whose conditions are still to
	// be imported as suggested steps; leads are those steps as
	// (from, to) component ids, see leadIns.
	leadQueue []*node
	leads     [][2]string
}

func (b *builder) build() (*pathway.Definition, error) {
	pw, err := b.pathwayNode()
	if err != nil {
		return nil, err
	}
	b.pw = pw
	b.dest, err = b.destination(pw)
	if err != nil {
		return nil, err
	}
	b.def = &pathway.Definition{
		Format:      pathway.FormatV1,
		ID:          pw.id,
		Version:     pw.text("versioncode", "versionidentifier"),
		Name:        pw.text("name", "title"),
		Description: pw.text("description"),
	}
	if b.def.Version == "" {
		b.def.Version = b.opts.Version
		if b.def.Version == "" {
			b.def.Version = "1"
		}
	}
	if b.def.Name == "" {
		b.def.Name = b.dest.text("name")
		if b.def.Name == "" {
			b.def.Name = pw.id
		}
		b.notes.add(pw.id, "no-name", "the pathway has no name; %q is used", b.def.Name)
	}
	b.def.Destination = pathway.AchievementRef{
		ID:              b.achievementOf(b.dest),
		Name:            b.dest.text("name"),
		Description:     b.dest.text("description"),
		AchievementType: b.achievementType(b.dest),
	}
	if b.def.Destination.Name == "" {
		b.def.Destination.Name = b.def.Name
	}
	if owners := pw.refs("ownedby", "offeredby"); len(owners) > 0 {
		b.def.Destination.IssuerID = owners[0]
	}
	req, err := b.destinationRule()
	if err != nil {
		return nil, err
	}
	b.def.Requirement = b.creditCondition(pw, req)
	b.leadIns()
	b.unreached(pw)
	if err := b.ordering(); err != nil {
		return nil, err
	}
	return b.def, nil
}

// pathwayNode finds the ceterms:Pathway to import.
func (b *builder) pathwayNode() (*node, error) {
	var pws []*node
	for _, n := range b.g.nodes {
		if n.is("pathway") {
			pws = append(pws, n)
		}
	}
	b.pathways = len(pws)
	if want := b.opts.PathwayID; want != "" {
		if n := b.g.resolve(want); n != nil && n.is("pathway") {
			return n, nil
		}
		return nil, fmt.Errorf("%w: no pathway %q in the document", ErrNoPathway, want)
	}
	b.pathways = len(pws)
	switch len(pws) {
	case 0:
		var types []string
		for _, n := range b.g.nodes {
			for _, t := range n.types {
				if !slices.Contains(types, t) {
					types = append(types, t)
				}
			}
		}
		if len(types) > 5 {
			types = append(types[:5], "...")
		}
		return nil, fmt.Errorf("%w: found only %s", ErrNoPathway, orNothing(strings.Join(types, ", ")))
	case 1:
		return pws[0], nil
	}
	ids := make([]string, len(pws))
	for i, n := range pws {
		ids[i] = n.id
	}
	return nil, fmt.Errorf("%w: %s; set Options.PathwayID", ErrAmbiguous, strings.Join(ids, ", "))
}

func orNothing(s string) string {
	if s == "" {
		return "no typed nodes"
	}
	return s
}

// destination finds the goal component: Pathway.hasDestinationComponent,
// or a component's isDestinationComponentOf/For (both spellings occur),
// or the 2018 draft's hasRoot/isRootOf. A reference that names no node is
// retried by its last path segment, for drafts whose ids disagree on the
// host name.
func (b *builder) destination(pw *node) (*node, error) {
	refs := pw.refs("hasdestinationcomponent")
	if len(refs) == 0 {
		if refs = pw.refs("hasroot"); len(refs) > 0 {
			b.notes.add(pw.id, "draft-term", "draft-era hasRoot read as hasDestinationComponent")
		}
	}
	var back []*node // components that call themselves the destination
	for _, n := range b.g.nodes {
		for _, r := range n.refs("isdestinationcomponentof", "isdestinationcomponentfor", "isrootof") {
			if b.g.resolve(r) == pw || b.g.loose(r) == pw {
				back = append(back, n)
			}
		}
	}
	if len(refs) > 1 {
		b.notes.add(pw.id+"#hasDestinationComponent", "several-destinations", "%d destination components; only the first, %s, is used (CTDL allows a single one)", len(refs), refs[0])
	}
	var d *node
	if len(refs) > 0 {
		if d = b.g.resolve(refs[0]); d == nil {
			if d = b.g.loose(refs[0]); d != nil {
				b.notes.add(pw.id+"#hasDestinationComponent", "loose-reference", "destination %s is not in the document; %s, whose id ends the same, is used", refs[0], d.id)
			}
		}
	}
	switch {
	case d == nil && len(back) > 0:
		d = back[0]
		if len(refs) > 0 {
			b.notes.add(pw.id+"#hasDestinationComponent", "not-present", "destination %s is not in the document; %s, which names itself the destination, is used", refs[0], d.id)
		}
	case d == nil && len(refs) > 0:
		return nil, &SourceError{Where: pw.id, Err: fmt.Errorf("%w: destination component %s is not in the document", ErrUnusable, refs[0])}
	case d == nil:
		return nil, &SourceError{Where: pw.id, Err: fmt.Errorf("%w: no destination component (hasDestinationComponent)", ErrUnusable)}
	}
	for _, n := range back {
		if n != d {
			b.notes.add(n.id, "destination-conflict", "%s says it is the destination, but the pathway names %s; the pathway's hasDestinationComponent is used", describe(n), d.id)
		}
	}
	return d, nil
}

// destinationRule is the requirement: the destination's conditions, or,
// without any, all of its children.
func (b *builder) destinationRule() (*pathway.Node, error) {
	d := b.dest
	if len(b.conditions(d)) > 0 && b.ownCredential(d) && !b.heldByConditions(d) {
		return b.heldSlot(d), nil
	}
	if len(b.conditions(d)) > 0 {
		b.visited[d] = true
		r, err := b.conditionsOf(d, 0)
		if err == nil && d.text("name") != "" {
			r.Name = d.text("name")
		}
		return r, err
	}
	if kids := b.children(d); len(kids) > 0 {
		kids = b.withoutOptions(d, kids)
		b.notes.add(d.id, "children-as-all", "the destination has no condition; its %d children (hasChild) are all required", len(kids))
		b.visited[d] = true
		return b.allChildren(d, kids, 0)
	}
	b.notes.add(d.id, "no-rule", "the destination has neither conditions nor children; holding its credential is the whole requirement")
	return b.leaf(d), nil
}

// children are a component's hasChild (or the draft's isParentOf), and
// the components that name it in isChildOf: publishers fill one side or
// the other.
func (b *builder) children(n *node) []string {
	kids := n.refs("haschild")
	if len(kids) == 0 {
		if kids = n.refs("isparentof"); len(kids) > 0 {
			b.notes.each(n.id, "draft-term", "draft-era isParentOf read as hasChild")
		}
	}
	if b.parents == nil {
		b.parents = map[*node][]string{}
		for _, m := range b.g.nodes {
			for _, r := range m.refs("ischildof") {
				if p := b.g.resolve(r); p != nil {
					b.parents[p] = append(b.parents[p], m.id)
				}
			}
		}
	}
	for _, k := range b.parents[n] {
		dup := false
		for _, have := range kids {
			dup = dup || b.g.resolve(have) == b.g.resolve(k)
		}
		if !dup {
			b.notes.each(n.id, "is-child-of", "a child named only by its isChildOf is counted as hasChild")
			kids = append(kids, k)
		}
	}
	return kids
}

// withoutOptions drops the children that are targets of another child's
// condition: they are the options of that choice (Bakersfield lists both
// the elective slot and its options as children of the degree), and
// requiring them too would turn every choice into "all of".
func (b *builder) withoutOptions(parent *node, kids []string) []string {
	options := map[*node]bool{}
	for _, k := range kids {
		if n := b.g.resolve(k); n != nil {
			for _, c := range b.conditions(n) {
				b.legacy(c, n.id)
				for _, t := range c.refs("targetcomponent") {
					if tn := b.g.resolve(t); tn != nil && tn != n {
						options[tn] = true
					}
				}
			}
		}
	}
	var out []string
	dropped := 0
	for _, k := range kids {
		if n := b.g.resolve(k); n != nil && options[n] {
			dropped++
			continue
		}
		out = append(out, k)
	}
	if dropped > 0 {
		b.notes.add(parent.id, "children-options", "%d children are options of another child's condition; they count only through that condition", dropped)
	}
	return out
}

func (b *builder) allChildren(n *node, kids []string, depth int) (*pathway.Node, error) {
	g := &pathway.Node{Kind: pathway.KindAllOf, Name: n.text("name")}
	for _, k := range kids {
		item, err := b.target(n, k, depth+1)
		if err != nil {
			return nil, err
		}
		g.Items = append(g.Items, item)
	}
	return g, nil
}

// conditions lists a node's ComponentConditions, with the 2018 draft's
// requiredCondition.
func (b *builder) conditions(n *node) []*node {
	cs := n.objects(b.g, "hascondition")
	if d := n.objects(b.g, "requiredcondition"); len(d) > 0 {
		b.notes.each(n.id, "draft-term", "draft-era requiredCondition read as hasCondition")
		cs = append(cs, d...)
	}
	return cs
}

// expand turns a component into a rule: its conditions when it has any,
// else a leaf component slot.
func (b *builder) expand(n *node, depth int) (*pathway.Node, error) {
	if err := b.tick(n, depth); err != nil {
		return nil, err
	}
	b.visited[n] = true
	if !n.is(componentTypes...) {
		if n.is(draftComponentTypes...) {
			b.notes.each(n.id, "draft-term", "draft-era type %q read as a pathway component", n.types[0])
		} else {
			b.notes.add(n.id, "not-a-component", "a %q is used as a pathway component", strings.Join(n.types, ", "))
		}
	}
	if n.is("selectioncomponent") {
		b.notes.each(n.id, "obsolete", "SelectionComponent is obsolete since 2022-01-31; read as a component with conditions")
	}
	if len(b.conditions(n)) == 0 {
		kids := b.children(n)
		if len(kids) > 0 && len(b.proxies(n)) == 0 && !n.is("coursecomponent", "credentialcomponent", "assessmentcomponent", "competencycomponent") {
			b.notes.add(n.id, "children-as-all", "a component with children but no condition and nothing it stands for: all %d children are required", len(kids))
			return b.group(n, func() (*pathway.Node, error) { return b.allChildren(n, kids, depth) })
		}
		return b.leaf(n), nil
	}
	if b.ownCredential(n) && !b.heldByConditions(n) {
		return b.heldSlot(n), nil
	}
	return b.group(n, func() (*pathway.Node, error) { return b.conditionsOf(n, depth) })
}

func (b *builder) tick(n *node, depth int) error {
	b.count++
	if b.count > b.opts.maxTreeNodes() {
		return fmt.Errorf("%w: %w: the conditions expand to more than %d rules (Options.MaxTreeNodes)", ErrLimit, pathway.ErrLimit, b.opts.maxTreeNodes())
	}
	if depth > pathway.DefaultMaxDepth-2 {
		return &SourceError{Where: n.id, Err: fmt.Errorf("%w: %w: conditions nested deeper than %d", ErrLimit, pathway.ErrLimit, pathway.DefaultMaxDepth-2)}
	}
	return nil
}

// group builds the rule of a component with conditions (or children),
// refusing cycles, and makes the component a milestone when it stands
// for a credential of its own.
func (b *builder) group(n *node, build func() (*pathway.Node, error)) (*pathway.Node, error) {
	if b.stack[n] {
		return nil, &SourceError{Where: n.id, Err: fmt.Errorf("%w: the conditions of %s require the component itself (a cycle)", ErrUnusable, describe(n))}
	}
	b.stack[n] = true
	defer delete(b.stack, n)
	g, err := build()
	if err != nil {
		return nil, err
	}
	// The component's name is the learner's word for the group; a
	// condition's name ("Required Badges") or description ("Requires 4
	// of 5 items.") is the publisher's.
	if name := n.text("name"); name != "" {
		g.Name = name
	}
	proxies := b.proxies(n)
	if len(proxies) == 0 || n == b.dest {
		return g, nil
	}
	if b.opts.Shortcut {
		return &pathway.Node{Kind: pathway.KindAnyOf, Name: g.Name, Items: []*pathway.Node{b.leaf(n), g}}, nil
	}
	if _, done := b.groups[n]; done {
		return g, nil
	}
	b.groups[n] = g
	id := b.key(n)
	if b.nodeIDs[id] || proxies[0] == b.def.Destination.ID {
		return g, nil
	}
	b.nodeIDs[id] = true
	g.ID = id
	b.def.Milestones = append(b.def.Milestones, pathway.Milestone{
		ID: id, Name: n.text("name"), Node: id,
		Achievement: pathway.AchievementRef{ID: proxies[0], Name: n.text("name"), Description: n.text("description"),
			AchievementType: b.achievementType(n), IssuerID: b.def.Destination.IssuerID},
	})
	return g, nil
}

// conditionsOf combines a component's conditions; several conditions on
// one component are all required (CTDL leaves this open, pathways.md §1.4).
func (b *builder) conditionsOf(n *node, depth int) (*pathway.Node, error) {
	cs := b.conditions(n)
	var rules []*pathway.Node
	for i, c := range cs {
		r, err := b.condition(n, c, fmt.Sprintf("%s#hasCondition[%d]", n.id, i), depth+1)
		if err != nil {
			return nil, err
		}
		rules = append(rules, r)
	}
	if len(rules) == 1 {
		return rules[0], nil
	}
	b.notes.add(n.id, "conditions-as-all", "%d conditions on one component: all are required", len(rules))
	return &pathway.Node{Kind: pathway.KindAllOf, Name: n.text("name"), Items: rules}, nil
}

// target builds the rule for one targetComponent (or child) reference.
func (b *builder) target(owner *node, ref string, depth int) (*pathway.Node, error) {
	t := b.g.resolve(ref)
	if t == nil {
		return b.missing(owner, ref), nil
	}
	return b.expand(t, depth)
}

// missing stands in for a component that is referenced but not in the
// document: a slot filled by a credential for the referenced id, so that
// the counts of the condition stay as written.
func (b *builder) missing(owner *node, ref string) *pathway.Node {
	b.notes.add(owner.id, "not-present", "component %s is referenced but not in the document; it becomes a slot matched by that id", ref)
	id := ref
	if !b.keys[id] {
		b.keys[id] = true
		b.def.Components = append(b.def.Components, pathway.Component{ID: id, Name: ref, Match: pathway.Match{Achievements: []string{ref}}})
	}
	return &pathway.Node{Kind: pathway.KindComponent, Component: id}
}

func (b *builder) key(n *node) string {
	if k, ok := b.comps[n]; ok {
		return k
	}
	k := n.text("ctid")
	if k == "" {
		k = ctidPattern.FindString(n.id)
	}
	if k == "" || b.keys[k] {
		k = n.id
	}
	for i := 2; b.keys[k]; i++ {
		k = fmt.Sprintf("%s~%d", n.id, i)
	}
	return k
}

// leaf returns the component slot a node stands for, creating it once.
func (b *builder) leaf(n *node) *pathway.Node {
	b.visited[n] = true
	if id, ok := b.comps[n]; ok {
		return &pathway.Node{Kind: pathway.KindComponent, Component: id}
	}
	id := b.key(n)
	b.keys[id] = true
	b.comps[n] = id
	b.leaves = append(b.leaves, n)
	c := pathway.Component{ID: id, Name: n.text("name", "codenotation", "coursecode"), Description: n.text("description"), Match: b.match(n)}
	if c.Name == "" {
		c.Name = id
	}
	c.Credits = b.credits(n)
	if p, ok := n.number("pointvalue"); ok && p >= 0 {
		c.Points = p
	}
	b.def.Components = append(b.def.Components, c)
	return &pathway.Node{Kind: pathway.KindComponent, Component: id}
}

// proxies are what a component stands for: proxyFor (current), proxyForItems
// (MultiComponent), sourceData (legacy) and sourceItem (seen in examples).
func (b *builder) proxies(n *node) []string {
	p := n.refs("proxyfor", "proxyforitems", "sourcedata", "sourceitem")
	if len(p) == 0 && n.is(draftComponentTypes...) {
		if p = n.refs("source"); len(p) > 0 {
			b.notes.each(n.id, "draft-term", "draft-era source read as proxyFor")
		}
	}
	return p
}

func (b *builder) achievementOf(n *node) string {
	if p := b.proxies(n); len(p) > 0 {
		return p[0]
	}
	return n.id
}

func (b *builder) match(n *node) pathway.Match {
	proxies := b.proxies(n)
	var m pathway.Match
	switch {
	case n.is("competencycomponent") && len(proxies) > 0:
		// A competency is held through credentials aligned to it.
		m.Alignment = &pathway.AlignmentMatch{TargetURL: proxies[0]}
		if len(proxies) > 1 {
			b.notes.add(n.id, "several-proxies", "a competency component stands for %d competencies; only %s is matched", len(proxies), proxies[0])
		}
	case len(proxies) > 0:
		m.Achievements = proxies
		if n.is("collectioncomponent") && len(proxies) > 1 {
			b.notes.add(n.id, "collection", "a CollectionComponent's %d items are read as alternatives (any one fills it)", len(proxies))
		}
	default:
		m.Achievements = []string{n.id}
		b.notes.each(n.id, "no-proxy", "the component names no proxyFor or sourceData; it is filled by a credential for the component's own id (add an equivalence to accept others)")
	}
	if b.opts.MatchCredentialType {
		if t := b.achievementType(n); t != "" {
			m.AchievementTypes = []string{t}
		}
	}
	return m
}

// obTypes maps CTDL credential classes to the OB 3.0 achievementType
// vocabulary where the two name the same thing.
var obTypes = map[string]string{
	"digitalbadge": "Badge", "openbadge": "Badge", "badge": "Badge",
	"certificate": "Certificate", "certification": "Certification", "license": "License",
	"associatedegree": "AssociateDegree", "bachelordegree": "BachelorDegree", "masterdegree": "MasterDegree",
	"doctoraldegree": "DoctoralDegree", "degree": "Degree", "diploma": "Diploma",
	"apprenticeshipcertificate": "ApprenticeshipCertificate", "journeymancertificate": "JourneymanCertificate",
	"mastercertificate": "MasterCertificate", "microcredential": "MicroCredential",
	"generaleducationdevelopment": "GeneralEducationDevelopment", "qualityassurancecredential": "QualityAssuranceCredential",
	"secondaryschooldiploma": "SecondarySchoolDiploma",
}

func (b *builder) achievementType(n *node) string {
	for _, v := range n.props["credentialtype"] {
		c := concept(v)
		if t, ok := obTypes[c]; ok {
			return t
		}
		if c != "" {
			b.notes.add(n.id, "credential-type", "credentialType %q has no Open Badges 3.0 achievementType", c)
		}
	}
	return ""
}

// credits reads creditValue (ValueProfile or QuantitativeValue, value or
// schema:value, creditUnitType) and the draft's defaultCredits.
func (b *builder) credits(n *node) *pathway.Quantity {
	vps := n.objects(b.g, "creditvalue")
	for i, vp := range vps {
		v, ok := vp.number("value", "minvalue")
		if !ok || v < 0 {
			b.notes.add(n.id, "credit-unreadable", "creditValue has no usable value")
			continue
		}
		if i < len(vps)-1 {
			b.notes.add(n.id, "several-credits", "%d creditValue entries; the first usable one is used", len(vps))
		}
		if _, hasMax := vp.number("maxvalue"); hasMax {
			b.notes.add(n.id, "credit-range", "creditValue is a range; its minimum is used")
		}
		return &pathway.Quantity{Value: v, Unit: b.unit(vp)}
	}
	if v, ok := n.number("defaultcredits", "creditunitvalue"); ok && v >= 0 {
		b.notes.each(n.id, "draft-term", "draft-era defaultCredits/creditUnitValue read as creditValue")
		return &pathway.Quantity{Value: v, Unit: b.unit(n)}
	}
	// The resource a component stands for may carry the credit value
	// (a LearningOpportunityProfile behind a CourseComponent).
	for _, p := range b.proxies(n) {
		if src := b.g.resolve(p); src != nil && src != n && src.has("creditvalue") && !src.is(componentTypes...) {
			if q := b.credits(src); q != nil {
				b.notes.each(n.id, "credits-from-source", "creditValue taken from the resource the component stands for")
				return q
			}
		}
	}
	return nil
}

func (b *builder) unit(n *node) string {
	for _, v := range n.props["creditunittype"] {
		if c := concept(v); c != "" {
			return canonicalUnit(v)
		}
	}
	return ""
}

// canonicalUnit keeps the local name with its case ("creditUnit:DegreeCredit"
// → "DegreeCredit"); pathway compares units case-insensitively.
func canonicalUnit(v any) string {
	s := ""
	switch v := v.(type) {
	case string:
		s = v
	case map[string]any:
		s = objectID(v)
		if s == "" {
			s = text(v)
		}
	}
	s = strings.TrimSpace(s)
	if i := strings.LastIndexAny(s, ":/#"); i >= 0 {
		s = s[i+1:]
	}
	return s
}

// creditCondition reads a ConditionProfile of the credential the
// destination stands for that requires this pathway (targetPathway) with a
// creditValue, as in the Fluree example: the credits become a threshold
// over every component of the requirement.
func (b *builder) creditCondition(pw *node, req *pathway.Node) *pathway.Node {
	cred := b.g.resolve(b.def.Destination.ID)
	if cred == nil || cred == b.dest {
		return req
	}
	for _, cp := range cred.objects(b.g, "requires") {
		aims := false
		for _, r := range cp.refs("targetpathway") {
			aims = aims || b.g.resolve(r) == pw
		}
		q := b.credits(cp)
		if !aims || q == nil {
			continue
		}
		b.notes.add(cred.id+"#requires", "credit-condition", "%s requires %g %s from this pathway: added as a credit threshold over its components", describe(cred), q.Value, orDash(q.Unit))
		th := &pathway.Node{Kind: pathway.KindCredits, Name: cp.text("description", "name"), Credits: q, Items: []*pathway.Node{req}}
		return &pathway.Node{Kind: pathway.KindAllOf, Name: req.Name, Items: []*pathway.Node{req, th}}
	}
	return req
}

// ordering maps prerequisite (required) and precedes/precededBy
// (suggested) between component slots.
func (b *builder) ordering() error {
	idx := map[string]int{}
	for i, c := range b.def.Components {
		idx[c.ID] = i
	}
	slot := func(from *node, ref, prop string) (string, bool) {
		t := b.g.resolve(ref)
		if t == nil {
			b.notes.add(from.id+"#"+prop, "not-present", "%s names %s, which is not in the document; ignored", prop, ref)
			return "", false
		}
		if id, ok := b.comps[t]; ok {
			return id, true
		}
		if len(b.conditions(t)) > 0 {
			b.notes.add(from.id+"#"+prop, "order-on-group", "%s names %s, a component with conditions; ordering binds component slots only, so it is ignored", prop, describe(t))
			return "", false
		}
		b.notes.add(from.id+"#"+prop, "order-adds-slot", "%s names %s, which no condition requires; it is added as a slot", prop, describe(t))
		b.leaf(t)
		idx[b.comps[t]] = len(b.def.Components) - 1
		return b.comps[t], true
	}
	for i := 0; i < len(b.leaves); i++ { // leaves may grow while we walk
		n := b.leaves[i]
		id := b.comps[n]
		for _, r := range n.refs("prerequisite") {
			if p, ok := slot(n, r, "prerequisite"); ok && p != id && !slices.Contains(b.def.Components[idx[id]].Prerequisites, p) {
				b.def.Components[idx[id]].Prerequisites = append(b.def.Components[idx[id]].Prerequisites, p)
			}
		}
		for _, r := range n.refs("precedes") {
			if p, ok := slot(n, r, "precedes"); ok && p != id && !slices.Contains(b.def.Components[idx[id]].Precedes, p) {
				b.def.Components[idx[id]].Precedes = append(b.def.Components[idx[id]].Precedes, p)
			}
		}
		for _, r := range n.refs("precededby") {
			if p, ok := slot(n, r, "precededBy"); ok && p != id && !slices.Contains(b.def.Components[idx[p]].Precedes, id) {
				b.def.Components[idx[p]].Precedes = append(b.def.Components[idx[p]].Precedes, id)
			}
		}
	}
	for _, e := range b.leads {
		from, to := idx[e[0]], e[1]
		if e[0] != to && !slices.Contains(b.def.Components[from].Precedes, to) {
			b.def.Components[from].Precedes = append(b.def.Components[from].Precedes, to)
		}
	}
	for _, n := range b.g.nodes {
		if _, leaf := b.comps[n]; !leaf && b.visited[n] && n.has("prerequisite") {
			b.notes.add(n.id+"#prerequisite", "order-on-group", "a component with conditions has prerequisites; ordering binds component slots only, so they are ignored")
		}
	}
	return nil
}

// unreached reports components of the pathway that no condition reaches
// and adds the plain ones as slots, so that pathway.Lint flags them.
func (b *builder) unreached(pw *node) {
	part := map[*node]bool{}
	for _, r := range pw.refs("haspart") {
		if n := b.g.resolve(r); n != nil {
			part[n] = true
		} else {
			b.notes.add(pw.id+"#hasPart", "not-present", "hasPart names %s, which is not in the document", r)
		}
	}
	for _, n := range b.g.nodes {
		if b.visited[n] || n == pw {
			continue
		}
		// In a document with several pathways, only this one's parts.
		isComp := (n.is(componentTypes...) && b.pathways == 1) || part[n]
		for _, r := range n.refs("ispartof") {
			if b.g.resolve(r) == pw {
				isComp = true
			}
		}
		if !isComp {
			continue
		}
		if len(b.conditions(n)) > 0 {
			b.notes.add(n.id, "unreachable", "component %s has conditions but nothing requires it; it is not imported", describe(n))
			continue
		}
		b.notes.add(n.id, "unreachable", "component %s is not required by any condition; it is imported as a slot no rule uses", describe(n))
		b.leaf(n)
	}
}
