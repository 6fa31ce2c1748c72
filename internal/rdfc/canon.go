package rdfc

import (
	"bytes"
	"crypto"
	_ "crypto/sha256" // registers crypto.SHA256
	_ "crypto/sha512" // registers crypto.SHA384 and crypto.SHA512
	"fmt"
	"hash"
	"slices"
	"strconv"
	"sync"
)

// Default limits for Canonicalize.
//
// DefaultMaxWork is counted in units of roughly one hash or one permutation
// step (see Options.MaxWork). Every test of the W3C RDFC-1.0 suite needs
// at most a quarter of it (TestDefaultMaxWorkMargin), typical credentials
// need none at all (their blank nodes have distinct first-degree hashes),
// and the suite's poison graph (test074, ten mutually linked blank nodes)
// exhausts it in a few milliseconds.
const (
	DefaultMaxBlankNodes = 10_000
	DefaultMaxWork       = 100_000
)

// Options tunes Canonicalize. The zero value is safe: SHA-256 and the
// default limits.
type Options struct {
	// Hash is the hash algorithm RDFC-1.0 uses to label blank nodes:
	// crypto.SHA256 (the default when zero), crypto.SHA384 or crypto.SHA512.
	Hash crypto.Hash

	// MaxBlankNodes bounds the distinct blank nodes in the dataset.
	// 0 means DefaultMaxBlankNodes; negative means no limit.
	MaxBlankNodes int

	// MaxWork bounds the Hash N-Degree Quads work, which can grow
	// factorially with the number of blank nodes that only their
	// neighbourhood can tell apart. One unit is one hash of a related blank
	// node, one call of Hash N-Degree Quads, or one element of a permutation
	// or of the identifier issuer copied for it. 0 means DefaultMaxWork;
	// negative means no limit, for trusted input only: the recursion then
	// also grows with the number of blank nodes.
	MaxWork int

	// IRIsChecked says the caller has already refused every IRI of the
	// dataset (subjects, predicates, objects, graph names and literal
	// datatypes) that is not absolute or that holds a byte N-Quads cannot
	// write between < and >, so that canonicalizing need not scan each
	// one again. Blank node labels, language tags and the kinds of terms
	// are still checked. Only internal/jsonld's straight conversion sets
	// it, whose every IRI has passed a check at least as strict (its
	// TestStraightIRIsPassRDFC proves that over every byte); a dataset
	// from anywhere else must leave it false.
	IRIsChecked bool
}

// Result is a canonicalized dataset.
type Result struct {
	// NQuads holds the canonical N-Quads document: the quads with canonical
	// blank node labels, serialized, sorted in code point order, duplicates
	// removed, each line ending in "\n". It is the input of a proof hash.
	NQuads []byte

	labels []string // input blank node labels
	canon  []int32  // canonical number issued to each label
}

// Lines returns the canonical N-Quads lines in order, each with its final
// "\n", so that their concatenation is NQuads.
func (r *Result) Lines() []string {
	s := string(r.NQuads)
	lines := make([]string, 0, bytes.Count(r.NQuads, []byte{'\n'}))
	for len(s) > 0 {
		i := 0
		for i < len(s) && s[i] != '\n' {
			i++
		}
		if i < len(s) {
			i++
		}
		lines = append(lines, s[:i])
		s = s[i:]
	}
	return lines
}

// Issued returns the issued identifiers map of RDFC-1.0: each input blank
// node label to its canonical label ("c14n0", "c14n1", ...), both without
// the "_:" prefix.
func (r *Result) Issued() map[string]string {
	m := make(map[string]string, len(r.labels))
	for i, l := range r.labels {
		m[l] = "c14n" + strconv.Itoa(int(r.canon[i]))
	}
	return m
}

// CanonicalizeNQuads parses an N-Quads document with the default
// ParseLimits and returns its canonical N-Quads.
func CanonicalizeNQuads(nquads []byte, opts *Options) ([]byte, error) {
	ds, err := ParseNQuads(nquads)
	if err != nil {
		return nil, err
	}
	// The parser admits only valid terms, so they need no second check.
	r, err := canonicalize(ds, opts, false)
	if err != nil {
		return nil, err
	}
	return r.NQuads, nil
}

// Canonicalize applies RDFC-1.0 to ds and returns the canonical form.
// ds is not modified. It fails with ErrWorkLimit or ErrLimit when a limit
// of opts is exceeded, ErrInvalidDataset when a quad is not valid RDF, and
// ErrUnsupportedHash for a hash it does not offer. It is safe to call
// concurrently.
func Canonicalize(ds Dataset, opts *Options) (*Result, error) {
	return canonicalize(ds, opts, true)
}

// CanonicalBytes is Canonicalize for a caller that needs only
// Result.NQuads, as a proof hash does. It fails as Canonicalize does. Its
// working memory (the per-quad tables, the serialization buffer, the
// hash) is reused from one call to the next, so that signing and
// verifying at volume do not make that garbage for every credential; the
// bytes it returns are the caller's own.
func CanonicalBytes(ds Dataset, opts *Options) ([]byte, error) {
	c := canonPool.Get().(*canonicalizer)
	defer c.release()
	if err := c.canonicalize(ds, opts, true); err != nil {
		return nil, err
	}
	return c.output(), nil
}

// canonPool holds canonicalizers between CanonicalBytes calls. A pool,
// not a field of some long-lived value, because the callers (one proof
// after another, from any goroutine) have nowhere to keep one.
var canonPool = sync.Pool{New: func() any { return new(canonicalizer) }}

// maxPooled bounds, in quads, the tables a pooled canonicalizer keeps, so
// that one huge dataset does not pin its buffers for the life of the
// process; credentials have tens of quads.
const maxPooled = 4096

// release returns c to canonPool, dropping what it refers to in the
// caller's dataset so that the pool keeps no caller memory alive.
func (c *canonicalizer) release() {
	if cap(c.qb) > maxPooled || cap(c.spans) > maxPooled || cap(c.labels) > maxPooled {
		return
	}
	c.quads = nil
	clear(c.labels[:cap(c.labels)])
	canonPool.Put(c)
}

func canonicalize(ds Dataset, opts *Options, validate bool) (*Result, error) {
	c := new(canonicalizer)
	if err := c.canonicalize(ds, opts, validate); err != nil {
		return nil, err
	}
	return &Result{NQuads: c.output(), labels: c.labels, canon: c.canon}, nil
}

// canonicalize resets c, which may hold buffers of an earlier run, for
// ds and issues the canonical identifiers; output then serializes.
func (c *canonicalizer) canonicalize(ds Dataset, opts *Options, validate bool) error {
	var o Options
	if opts != nil {
		o = *opts
	}
	switch o.Hash {
	case 0:
		o.Hash = crypto.SHA256
	case crypto.SHA256, crypto.SHA384, crypto.SHA512:
	default:
		return fmt.Errorf("%w: %v (use SHA-256 or SHA-384)", ErrUnsupportedHash, o.Hash)
	}
	if c.hash != o.Hash {
		c.h = nil
	}
	c.quads, c.dead = ds, nil
	c.hash, c.size = o.Hash, o.Hash.Size()
	c.nextID, c.work = 0, 0
	c.maxWork = limitOr(o.MaxWork, DefaultMaxWork)
	if err := c.load(limitOr(o.MaxBlankNodes, DefaultMaxBlankNodes), validate, o.IRIsChecked); err != nil {
		return err
	}
	return c.run()
}

// resize returns s with length n, reusing its array when it is large
// enough. The elements are not cleared.
func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// canonicalizer is the canonicalization state of RDFC-1.0 section 4.2,
// with blank nodes numbered in order of first appearance.
type canonicalizer struct {
	quads Dataset
	qb    [][3]int32 // per quad: blank node number of subject, object, graph, or -1
	dead  []bool     // per quad: a duplicate of an earlier quad; nil while none is known

	labels   []string // blank node number -> input label
	adjStart []int32  // quads of blank node b are adj[adjStart[b]:adjStart[b+1]]
	adj      []int32
	fill     []int32 // scratch for buildAdjacency
	order    []int32 // blank nodes sorted by first-degree hash

	hash    crypto.Hash
	h       hash.Hash // made by run when there are blank nodes to hash
	size    int
	hfd     []byte  // first-degree hash of blank node b at [b*size:(b+1)*size]
	canon   []int32 // canonical number of each blank node, or -1
	nextID  int32
	work    int
	maxWork int

	buf   []byte // scratch for serialized quads
	spans []span
	arena []int32 // backs canon, order, fill, adjStart and adj
}

// span locates the serialization of quad q in a buffer.
type span struct {
	start, end int
	q          int32
}

const noNode = -1

func (c *canonicalizer) load(maxBlankNodes int, validate, irisChecked bool) error {
	c.qb = resize(c.qb, len(c.quads))
	c.labels = c.labels[:0]
	var ids map[string]int32 // built once there are too many labels to scan
	node := func(t Term) int32 {
		if t.Kind != BlankNode {
			return noNode
		}
		if ids == nil {
			// Credentials have a handful of blank nodes: scanning them
			// beats hashing the label into a map.
			for b, l := range c.labels {
				if l == t.Value {
					return int32(b)
				}
			}
			if len(c.labels) >= 32 {
				ids = make(map[string]int32, 2*len(c.labels))
				for b, l := range c.labels {
					ids[l] = int32(b)
				}
			}
		} else if b, ok := ids[t.Value]; ok {
			return b
		}
		b := int32(len(c.labels))
		if ids != nil {
			ids[t.Value] = b
		}
		c.labels = append(c.labels, t.Value)
		return b
	}
	seen := iriCache{checked: irisChecked}
	for i := range c.quads {
		q := &c.quads[i]
		if validate {
			if err := validQuad(q, &seen); err != nil {
				return fmt.Errorf("%w: quad %d: %v", ErrInvalidDataset, i, err)
			}
		}
		c.qb[i] = [3]int32{node(q.Subject), node(q.Object), node(q.Graph)}
	}
	if len(c.labels) > maxBlankNodes {
		return fmt.Errorf("%w: %d blank nodes, more than the %d allowed", ErrLimit, len(c.labels), maxBlankNodes)
	}

	// One arena for the per-node and per-quad tables, one buffer for every
	// serialization: a credential then costs a dozen allocations.
	nb, nq := len(c.labels), len(c.quads)
	c.arena = resize(c.arena, 4*nb+1+3*nq)
	arena := c.arena
	c.canon, arena = arena[:nb:nb], arena[nb:]
	c.order, arena = arena[:nb:nb], arena[nb:]
	c.fill, arena = arena[:nb:nb], arena[nb:]
	c.adjStart, c.adj = arena[:nb+1:nb+1], arena[nb+1:]
	for i := range c.canon {
		c.canon[i] = noNode
	}
	size := 0
	for i := range c.quads {
		q := &c.quads[i]
		size += len(q.Subject.Value) + len(q.Predicate.Value) + len(q.Object.Value) +
			len(q.Object.Datatype) + len(q.Object.Language) + len(q.Graph.Value) + 24
	}
	c.buf = resize(c.buf, size)[:0]
	c.spans = resize(c.spans, nq)[:0]
	c.buildAdjacency()
	return nil
}

// buildAdjacency lists, for each blank node, the live quads it occurs in,
// each once even when the node fills several positions.
func (c *canonicalizer) buildAdjacency() {
	clear(c.adjStart)
	for qi, qb := range c.qb {
		if c.dead == nil || !c.dead[qi] {
			s, o, g := qb[0], qb[1], qb[2]
			if s >= 0 {
				c.adjStart[s+1]++
			}
			if o >= 0 && o != s {
				c.adjStart[o+1]++
			}
			if g >= 0 && g != s && g != o {
				c.adjStart[g+1]++
			}
		}
	}
	for i := 1; i < len(c.adjStart); i++ {
		c.adjStart[i] += c.adjStart[i-1]
	}
	copy(c.fill, c.adjStart)
	for qi, qb := range c.qb {
		if c.dead == nil || !c.dead[qi] {
			s, o, g := qb[0], qb[1], qb[2]
			if s >= 0 {
				c.adj[c.fill[s]] = int32(qi)
				c.fill[s]++
			}
			if o >= 0 && o != s {
				c.adj[c.fill[o]] = int32(qi)
				c.fill[o]++
			}
			if g >= 0 && g != s && g != o {
				c.adj[c.fill[g]] = int32(qi)
				c.fill[g]++
			}
		}
	}
}

func (c *canonicalizer) quadsOf(b int32) []int32 { return c.adj[c.adjStart[b]:c.adjStart[b+1]] }

func (c *canonicalizer) digest(b int32) []byte {
	return c.hfd[int(b)*c.size : int(b+1)*c.size]
}

// run issues a canonical identifier to every blank node (RDFC-1.0 4.4.3).
func (c *canonicalizer) run() error {
	n := len(c.labels)
	if n == 0 {
		return nil
	}
	if n == 1 {
		// A lone blank node has a unique first-degree hash whatever it
		// is, so it is c14n0 without computing it; duplicate quads, which
		// only matter to the hashes, are dropped by output. A Data
		// Integrity proof configuration is such a dataset, canonicalized
		// on every signature and verification.
		c.issue(0)
		return nil
	}
	if c.h == nil {
		c.h = c.hash.New()
	}
	c.hfd = resize(c.hfd, n*c.size)
	dup := false
	for b := range int32(n) {
		dup = c.hashFirstDegree(b) || dup
	}
	if dup {
		// Duplicate quads would change the first-degree hashes, but a
		// dataset is a set: drop them and hash again.
		c.buildAdjacency()
		for b := range int32(n) {
			c.hashFirstDegree(b)
		}
	}

	// Stable, so that blank nodes with equal hashes stay in input order,
	// which the issued-identifier map tests rely on.
	order := c.order
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortStableFunc(order, func(a, b int32) int { return bytes.Compare(c.digest(a), c.digest(b)) })

	// Step 4: blank nodes with a unique first-degree hash, in hash order.
	shared := false
	for i := 0; i < n; {
		j := c.groupEnd(order, i)
		if j == i+1 {
			c.issue(order[i])
		} else {
			shared = true
		}
		i = j
	}
	if !shared {
		return nil
	}

	// Step 5: the rest, told apart by their neighbourhoods.
	for i := 0; i < n; {
		j := c.groupEnd(order, i)
		if j > i+1 {
			if err := c.issueGroup(order[i:j]); err != nil {
				return err
			}
		}
		i = j
	}
	return nil
}

func (c *canonicalizer) groupEnd(order []int32, i int) int {
	j := i + 1
	for j < len(order) && bytes.Equal(c.digest(order[i]), c.digest(order[j])) {
		j++
	}
	return j
}

func (c *canonicalizer) issue(b int32) {
	if c.canon[b] == noNode {
		c.canon[b] = c.nextID
		c.nextID++
	}
}

// hashFirstDegree computes the Hash First Degree Quads of b (RDFC-1.0
// 4.6) into c.hfd. When it sees two identical quads it marks the later one
// dead and reports true: the hashes must then be computed again.
func (c *canonicalizer) hashFirstDegree(b int32) (dup bool) {
	c.buf = c.buf[:0]
	c.spans = c.spans[:0]
	for _, qi := range c.quadsOf(b) {
		start := len(c.buf)
		c.buf = c.appendQuad(c.buf, qi, b)
		c.spans = append(c.spans, span{start, len(c.buf), qi})
	}
	buf := c.buf
	c.h.Reset()
	if len(c.spans) > 1 {
		slices.SortFunc(c.spans, func(x, y span) int {
			return bytes.Compare(buf[x.start:x.end], buf[y.start:y.end])
		})
		run := 0 // first span of the current run of equal lines
		for i, s := range c.spans {
			line := buf[s.start:s.end]
			c.h.Write(line)
			if i == 0 || !bytes.Equal(line, buf[c.spans[run].start:c.spans[run].end]) {
				run = i
				continue
			}
			// Equal lines hide which other blank nodes the quads hold;
			// equal blank nodes too make them the same quad.
			for _, o := range c.spans[run:i] {
				if c.qb[o.q] == c.qb[s.q] {
					dup = c.markDead(max(o.q, s.q)) || dup
				}
			}
		}
	} else {
		c.h.Write(buf)
	}
	c.h.Sum(c.hfd[int(b)*c.size : int(b)*c.size])
	return dup
}

func (c *canonicalizer) markDead(qi int32) bool {
	if c.dead == nil {
		c.dead = make([]bool, len(c.quads))
	}
	if c.dead[qi] {
		return false
	}
	c.dead[qi] = true
	return true
}

// appendQuad serializes quad qi. With ref >= 0 it writes blank node ref as
// _:a and any other as _:z (first-degree hashing); with ref == noNode it
// writes canonical labels.
func (c *canonicalizer) appendQuad(dst []byte, qi int32, ref int32) []byte {
	q := &c.quads[qi]
	qb := c.qb[qi]
	dst = c.appendNode(dst, q.Subject, qb[0], ref)
	dst = append(dst, ' ')
	dst = AppendTerm(dst, q.Predicate)
	dst = append(dst, ' ')
	dst = c.appendNode(dst, q.Object, qb[1], ref)
	if !q.Graph.isDefaultGraph() {
		dst = append(dst, ' ')
		dst = c.appendNode(dst, q.Graph, qb[2], ref)
	}
	return append(dst, ' ', '.', '\n')
}

func (c *canonicalizer) appendNode(dst []byte, t Term, b, ref int32) []byte {
	switch {
	case b < 0:
		return AppendTerm(dst, t)
	case ref == noNode:
		return appendLabel(dst, "c14n", int(c.canon[b]))
	case b == ref:
		return append(dst, "_:a"...)
	default:
		return append(dst, "_:z"...)
	}
}

// output serializes the quads with canonical labels, sorted and without
// duplicates (RDFC-1.0 section 5).
func (c *canonicalizer) output() []byte {
	buf, spans := c.buf[:0], c.spans[:0]
	for qi := range c.quads {
		if c.dead != nil && c.dead[qi] {
			continue
		}
		start := len(buf)
		buf = c.appendQuad(buf, int32(qi), noNode)
		spans = append(spans, span{start, len(buf), int32(qi)})
	}
	slices.SortFunc(spans, func(x, y span) int {
		return bytes.Compare(buf[x.start:x.end], buf[y.start:y.end])
	})
	out := make([]byte, 0, len(buf))
	var prev []byte
	for _, s := range spans {
		line := buf[s.start:s.end]
		if !bytes.Equal(line, prev) {
			out = append(out, line...)
		}
		prev = line
	}
	return out
}
