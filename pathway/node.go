package pathway

// Kind is the kind of a requirement Node. The set is closed: Parse rejects a
// kind it does not know rather than guessing.
type Kind string

// The rule kinds. Their semantics, including for empty item lists, are
// stated here and are the contract of Evaluate:
const (
	// KindComponent is satisfied when its Component is filled by a valid,
	// matching credential (and the component's prerequisites are met).
	KindComponent Kind = "component"
	// KindAllOf is satisfied when every item is. With no items it is
	// vacuously satisfied; Lint warns, and Award refuses a completion that
	// used no credential at all.
	KindAllOf Kind = "allOf"
	// KindAnyOf is satisfied when at least one item is. With no items it is
	// never satisfied.
	KindAnyOf Kind = "anyOf"
	// KindNOf is satisfied when at least Min items are (N-of-M, "at least").
	// Max, when not zero, is "at most": no more than Max satisfied items are
	// counted. Extra items are ignored, never a failure (so earning more
	// never undoes completion), and sums above the node count only the Max
	// items worth most. Min greater than the number of items, or than Max,
	// is rejected by Validate.
	KindNOf Kind = "nOf"
	// KindNot is satisfied when the learner's credentials do not satisfy
	// its single item, judged on what the learner holds: inside a not, a
	// component counts as filled when any valid credential matches it,
	// whatever else that credential fills. (Judging it on the chosen
	// assignment would let the evaluator satisfy "not A" by leaving A's
	// credential unused.) Not is non-monotonic — earning a credential can
	// undo it — and is meant for exclusions such as "not both A and B";
	// Lint warns when it is used. Time rules beneath a not are rejected.
	KindNot Kind = "not"
	// KindCredits is satisfied when the credits of the credentials filling
	// the distinct components under its items, in Credits.Unit, add up to
	// at least Credits.Value. Items need not be satisfied themselves.
	KindCredits Kind = "credits"
	// KindPoints is KindCredits for the components' Points values.
	KindPoints Kind = "points"
)

// A Node is a rule of the requirement tree.
//
// Any group node (every kind but KindComponent) may also carry time rules
// over the credentials used beneath it: Within (all earned within a period of
// the first one) and Window (all earned inside an absolute window). A group
// whose time rule is broken is not satisfied.
type Node struct {
	Kind Kind `json:"kind"`
	// ID optionally names the node, so a Milestone can point at it.
	ID string `json:"id,omitempty"`
	// Name is used in explanations ("Core courses").
	Name string `json:"name,omitempty"`
	// Component is the component id of a KindComponent node.
	Component string `json:"component,omitempty"`
	// Items are the children of a group node.
	Items []*Node `json:"items,omitempty"`
	// Min and Max are the bounds of a KindNOf node.
	Min int `json:"min,omitempty"`
	Max int `json:"max,omitempty"`
	// Credits is the threshold of a KindCredits node.
	Credits *Quantity `json:"credits,omitempty"`
	// Points is the threshold of a KindPoints node.
	Points float64 `json:"points,omitempty"`
	// Within requires every credential used beneath this node to be earned
	// within this period of the earliest one ("finish within a year of the
	// first step"). Undated credentials break the rule.
	Within *Duration `json:"within,omitempty"`
	// Window requires every credential used beneath this node to be earned
	// inside the window. Undated credentials break the rule.
	Window *Window `json:"window,omitempty"`
}

func (k Kind) known() bool {
	switch k {
	case KindComponent, KindAllOf, KindAnyOf, KindNOf, KindNot, KindCredits, KindPoints:
		return true
	}
	return false
}

// walk calls f for n and every node beneath it, depth first, with the
// node's depth (the root is at depth 1). It stops early when f returns false.
func (n *Node) walk(depth int, f func(n *Node, depth int) bool) bool {
	if n == nil {
		return true
	}
	if !f(n, depth) {
		return false
	}
	for _, c := range n.Items {
		if !c.walk(depth+1, f) {
			return false
		}
	}
	return true
}

// find returns the node with the given ID beneath n (or n itself).
func (n *Node) find(id string) *Node {
	var found *Node
	n.walk(1, func(m *Node, _ int) bool {
		if m.ID == id {
			found = m
			return false
		}
		return true
	})
	return found
}
