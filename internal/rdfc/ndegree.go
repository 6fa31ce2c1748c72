package rdfc

import (
	"bytes"
	"cmp"
	"encoding/hex"
	"fmt"
	"slices"
)

// issuer is an identifier issuer (RDFC-1.0 4.5) for temporary labels
// _:b0, _:b1, ...: ids[i] is the blank node labelled bi. Issuers are copied
// once per permutation and stay small, so a slice beats a map.
type issuer struct{ ids []int32 }

func (is *issuer) lookup(b int32) int {
	for i, x := range is.ids {
		if x == b {
			return i
		}
	}
	return -1
}

func (is *issuer) issue(b int32) int {
	if i := is.lookup(b); i >= 0 {
		return i
	}
	is.ids = append(is.ids, b)
	return len(is.ids) - 1
}

func (is issuer) clone() issuer { return issuer{ids: slices.Clone(is.ids)} }

// charge accounts for n units of work and fails once Options.MaxWork is spent.
func (c *canonicalizer) charge(n int) error {
	c.work += n
	if c.work > c.maxWork {
		return fmt.Errorf("%w: more than %d units (Options.MaxWork); the dataset has %d blank nodes, too many of them alike",
			ErrWorkLimit, c.maxWork, len(c.labels))
	}
	return nil
}

// digest holds a hash of any offered size; only the first c.size bytes
// count. Comparing raw digests orders them as their hex forms would.
type digest [64]byte

type pathResult struct {
	hash digest
	is   issuer
}

// issueGroup is step 5 of RDFC-1.0 4.4.3 for blank nodes that share one
// first-degree hash, given in input order.
func (c *canonicalizer) issueGroup(group []int32) error {
	var results []pathResult
	for _, b := range group {
		if c.canon[b] != noNode {
			continue
		}
		hash, is, err := c.hashNDegree(b, issuer{ids: []int32{b}})
		if err != nil {
			return err
		}
		results = append(results, pathResult{hash, is})
	}
	slices.SortStableFunc(results, func(x, y pathResult) int { return bytes.Compare(x.hash[:c.size], y.hash[:c.size]) })
	for _, r := range results {
		for _, b := range r.is.ids {
			c.issue(b)
		}
	}
	return nil
}

// hashRelated is Hash Related Blank Node (RDFC-1.0 4.7).
func (c *canonicalizer) hashRelated(related, qi int32, is *issuer, position byte) digest {
	in := c.buf[:0]
	in = append(in, position)
	if position != 'g' {
		in = AppendTerm(in, c.quads[qi].Predicate)
	}
	switch {
	case c.canon[related] != noNode:
		in = appendLabel(in, "c14n", int(c.canon[related]))
	case is.lookup(related) >= 0:
		in = appendLabel(in, "b", is.lookup(related))
	default:
		in = hex.AppendEncode(in, c.digest(related))
	}
	c.buf = in
	return c.sum(in)
}

func (c *canonicalizer) sum(data []byte) (d digest) {
	c.h.Reset()
	c.h.Write(data)
	c.h.Sum(d[:0])
	return d
}

type relatedNode struct {
	hash digest
	node int32
}

// hashNDegree is Hash N-Degree Quads (RDFC-1.0 4.8). It returns the hash
// and the issuer that labelled the blank nodes reached from id.
func (c *canonicalizer) hashNDegree(id int32, is issuer) (digest, issuer, error) {
	qs := c.quadsOf(id)
	if err := c.charge(1 + len(qs)); err != nil {
		return digest{}, is, err
	}
	// The hash to related blank nodes map, as a slice sorted by hash.
	var related []relatedNode
	for _, qi := range qs {
		for pos, b := range c.qb[qi] {
			if b >= 0 && b != id {
				related = append(related, relatedNode{c.hashRelated(b, qi, &is, "sog"[pos]), b})
			}
		}
	}
	slices.SortStableFunc(related, func(x, y relatedNode) int { return bytes.Compare(x.hash[:c.size], y.hash[:c.size]) })

	var data, path []byte
	var group []int32
	for i := 0; i < len(related); {
		h := related[i].hash
		group = group[:0]
		for ; i < len(related) && related[i].hash == h; i++ {
			group = append(group, related[i].node)
		}
		data = hex.AppendEncode(data, h[:c.size])
		var chosenPath []byte
		var chosenIssuer issuer
		chosen := false
		perms := newPermuter(group, c.labels)
		for perm := perms.next(); perm != nil; perm = perms.next() {
			if err := c.charge(len(perm) + len(is.ids)); err != nil {
				return digest{}, is, err
			}
			cp := is.clone()
			path = path[:0]
			var recursion []int32
			skip := false
			for _, b := range perm {
				if c.canon[b] != noNode {
					path = appendLabel(path, "c14n", int(c.canon[b]))
				} else {
					if cp.lookup(b) < 0 {
						recursion = append(recursion, b)
					}
					path = appendLabel(path, "b", cp.issue(b))
				}
				// Once path sorts after the chosen one no extension can
				// sort before it, so the rest of the permutation is moot.
				if chosen && string(path) > string(chosenPath) {
					skip = true
					break
				}
			}
			for i := 0; !skip && i < len(recursion); i++ {
				b := recursion[i]
				res, resIssuer, err := c.hashNDegree(b, cp)
				if err != nil {
					return digest{}, is, err
				}
				path = appendLabel(path, "b", cp.issue(b))
				path = append(path, '<')
				path = hex.AppendEncode(path, res[:c.size])
				path = append(path, '>')
				cp = resIssuer
				skip = chosen && string(path) > string(chosenPath)
			}
			if skip {
				continue
			}
			if !chosen || string(path) < string(chosenPath) {
				// path is reused for the next permutation: keep a copy.
				chosenPath, chosenIssuer, chosen = append(chosenPath[:0], path...), cp, true
			}
		}
		data = append(data, chosenPath...)
		is = chosenIssuer
	}
	return c.sum(data), is, nil
}

// permuter enumerates the permutations of a list of blank nodes in the
// Steinhaus-Johnson-Trotter order the reference implementation
// (rdf-canonize) uses, starting from the list sorted by label. The order
// does not change the canonical N-Quads, but it decides which of two
// interchangeable blank nodes gets the lower label in the issued map.
type permuter struct {
	nodes []int32 // distinct nodes by rank: sorted by label
	cur   []int   // ranks in the current permutation
	left  []bool  // direction of each rank
	done  bool
	out   []int32
}

func newPermuter(list []int32, labels []string) *permuter {
	nodes := slices.Clone(list)
	slices.SortFunc(nodes, func(a, b int32) int { return cmp.Compare(labels[a], labels[b]) })
	nodes = slices.Compact(nodes)
	p := &permuter{nodes: nodes, cur: make([]int, len(list)), left: make([]bool, len(nodes)), out: make([]int32, len(list))}
	for i, b := range list {
		p.cur[i] = slices.Index(nodes, b)
	}
	slices.Sort(p.cur)
	for i := range p.left {
		p.left[i] = true
	}
	return p
}

// next returns the next permutation, valid until the following call, or
// nil when there is none.
func (p *permuter) next() []int32 {
	if p.done {
		return nil
	}
	for i, r := range p.cur {
		p.out[i] = p.nodes[r]
	}
	// Largest mobile element: one greater than the neighbour it faces.
	k, pos := -1, 0
	n := len(p.cur)
	for i, e := range p.cur {
		if e > k && (p.left[e] && i > 0 && e > p.cur[i-1] || !p.left[e] && i < n-1 && e > p.cur[i+1]) {
			k, pos = e, i
		}
	}
	if k < 0 {
		p.done = true
	} else {
		swap := pos + 1
		if p.left[k] {
			swap = pos - 1
		}
		p.cur[pos], p.cur[swap] = p.cur[swap], k
		for _, e := range p.cur {
			if e > k {
				p.left[e] = !p.left[e]
			}
		}
	}
	return p.out
}
