package pathway

// The compiled requirement tree. Prepare numbers every node of the
// requirement and of the milestones' own requirements and records, per
// number, what the search asks of the node again and again: its kind,
// children, component index, threshold, and whether it is a pool, a slot
// subtree or carries a time rule. The search's inner loop (eval and the
// bounds beneath it) then follows node numbers into slices, not *Node and
// string keys into maps; an evaluation of a 50-component pathway visits
// each node a few times per search node, and those map lookups were a
// tenth of a verdict.

// cnode is one compiled requirement node.
type cnode struct {
	n     *Node
	kind  Kind
	comp  int32   // KindComponent: the component's index
	items []int32 // children, by node number
	need  int     // allOf, anyOf, nOf: items to satisfy
	// threshold is what a credits or points node needs.
	threshold float64
	pool      []int // the distinct components of a pool, see poolBound; nil otherwise
	slot      int32 // index into the slot subtrees (Evaluator.slotList), -1 otherwise
	slotComps []int // a slot subtree's components, see slots.go
	timed     bool  // Within or Window is set
	// reach is the set (a bitset over component indexes) of the
	// components beneath and their prerequisites, see Evaluator.reach.
	reach []uint64
}

// compile numbers the nodes under root that are not numbered yet; a node
// reached twice (the same *Node in two places) keeps its first number.
func (pe *Evaluator) compile(root *Node) int32 {
	if id, ok := pe.nodeOf[root]; ok {
		return id
	}
	id := int32(len(pe.nodes))
	pe.nodeOf[root] = id
	pe.nodes = append(pe.nodes, cnode{})
	c := cnode{n: root, kind: root.Kind, comp: -1, slot: -1, timed: root.Within != nil || root.Window != nil}
	switch root.Kind {
	case KindComponent:
		// Zero for an id naming no component, as the map lookup this
		// replaces gave; Validate refuses such ids.
		c.comp = int32(pe.compIdx[root.Component])
	case KindAllOf:
		c.need = len(root.Items)
	case KindAnyOf:
		c.need = min(1, len(root.Items))
	case KindNOf:
		c.need = root.Min
	case KindCredits:
		c.threshold = root.Credits.Value
	case KindPoints:
		c.threshold = root.Points
	}
	if comps, ok := pe.pools[root]; ok {
		c.pool = comps
	}
	if comps, ok := pe.slotted[root]; ok {
		c.slot, c.slotComps = int32(len(pe.slotList)), comps
		pe.slotList = append(pe.slotList, id)
	}
	// Children are numbered after their parent's list is carved, so the
	// list is carved first and filled as they are compiled.
	lo := len(pe.itemIDs)
	pe.itemIDs = append(pe.itemIDs, make([]int32, len(root.Items))...)
	c.items = pe.itemIDs[lo:len(pe.itemIDs):len(pe.itemIDs)]
	for i, it := range root.Items {
		c.items[i] = pe.compile(it)
	}
	pe.nodes[id] = c
	return id
}

// node returns the number of n, which must be a node of the prepared
// trees: every node the evaluation values is one.
func (pe *Evaluator) node(n *Node) int32 { return pe.nodeOf[n] }
