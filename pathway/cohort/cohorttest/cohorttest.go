package cohorttest

import (
	"fmt"
	"iter"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/microcred/microcred/pathway"
)

// Pathway returns a valid pathway of groups×10 components: group 0 is a
// core sequence (all required, each after the previous one), every other
// group asks for 6 of its 10 electives. Component g<G>c<I> is filled by
// achievement urn:cohort:ach:<G>:<I>.
func Pathway(groups int) *pathway.Definition {
	def := &pathway.Definition{
		Format: pathway.FormatV1, ID: "https://cohort.example/pathways/program", Version: "1", Name: "Program",
		Destination: pathway.AchievementRef{ID: "https://cohort.example/achievements/program", Name: "Program"},
		Requirement: &pathway.Node{Kind: pathway.KindAllOf, Name: "Program"},
	}
	for g := range groups {
		grp := &pathway.Node{Kind: pathway.KindAllOf, ID: "core", Name: "Core sequence"}
		if g > 0 {
			grp = &pathway.Node{Kind: pathway.KindNOf, Min: 6, ID: fmt.Sprintf("electives-%d", g), Name: fmt.Sprintf("Electives %d", g)}
		}
		for i := range 10 {
			id := ComponentID(g, i)
			c := pathway.Component{ID: id, Name: fmt.Sprintf("Module %d.%d", g, i),
				Match: pathway.Match{Achievements: []string{AchievementID(g, i)}}}
			if g == 0 && i > 0 {
				c.Prerequisites = []string{ComponentID(0, i-1)}
			}
			def.Components = append(def.Components, c)
			grp.Items = append(grp.Items, &pathway.Node{Kind: pathway.KindComponent, Component: id})
		}
		def.Requirement.Items = append(def.Requirement.Items, grp)
	}
	return def
}

// ComponentID and AchievementID name component i of group g.
func ComponentID(g, i int) string { return fmt.Sprintf("g%dc%d", g, i) }
func AchievementID(g, i int) string {
	return "urn:cohort:ach:" + strconv.Itoa(g) + ":" + strconv.Itoa(i)
}

// Learners yields n learners for a pathway of the given number of groups
// (see Pathway), as of asOf. Learner k is generated from (seed, k) alone.
//
// A learner works through the core sequence in order and then electives,
// one step every 3 to 40 days from a start within four years before asOf,
// and drops out at each step with a probability that is higher at a few
// "hard" modules (core module 4 and the first elective of each group), so
// a summary has stalls worth finding. Credentials expire two years after
// they are earned for one learner in five; one credential in a hundred is
// revoked; one learner in ten also holds an unrelated badge.
func Learners(groups, n int, seed uint64, asOf time.Time) iter.Seq2[string, []pathway.Earned] {
	return func(yield func(string, []pathway.Earned) bool) {
		g := newGenerator(groups, seed, asOf)
		for k := range n {
			id, earned := g.learner(k, nil)
			if !yield(id, earned) {
				return
			}
		}
	}
}

// LearnersReusing is Learners for a consumer that hands each learner's
// credentials back once it reads them no more (cohort.Options.Release):
// release(earned) keeps the slice for a later learner to be generated
// into. The learners are those of Learners, with the same seed.
//
// The credentials are most of the bytes a generated learner allocates,
// and in a cohort's run those bytes decide how often the garbage
// collector runs; recycled, the run allocates a few hundred slices
// whatever its size. A slice released and a slice never released are
// both fine: the release is a hint, and at most a bounded number of
// slices is kept (those beyond are left to the collector). release may
// be called from any goroutine; it must not be called for a slice still
// read, nor twice for one yield.
func LearnersReusing(groups, n int, seed uint64, asOf time.Time) (learners iter.Seq2[string, []pathway.Earned], release func([]pathway.Earned)) {
	free := make(chan []pathway.Earned, maxFree)
	maxCreds := 10 + 8*max(groups-1, 0) + 1 // core, at most 8 electives a group, one unrelated
	learners = func(yield func(string, []pathway.Earned) bool) {
		g := newGenerator(groups, seed, asOf)
		var into []pathway.Earned
		for k := range n {
			if into == nil {
				select {
				case into = <-free:
				default:
					into = make([]pathway.Earned, 0, maxCreds)
				}
			}
			id, earned := g.learner(k, into)
			if earned != nil {
				into = nil // the consumer's until released
			}
			if !yield(id, earned) {
				return
			}
		}
	}
	release = func(earned []pathway.Earned) {
		if cap(earned) < maxCreds {
			return // not one of ours (a learner with none yields nil)
		}
		select {
		case free <- earned[:0]:
		default:
		}
	}
	return learners, release
}

// maxFree bounds the slices LearnersReusing keeps for reuse: more than
// cohort.Summarize has in flight on a machine of a few dozen cores
// (16 × (3 × workers + 1)), so that a released slice is seldom dropped.
const maxFree = 1024

// Learner generates learner k of a cohort; see Learners.
func Learner(groups, k int, seed uint64, asOf time.Time) (string, []pathway.Earned) {
	return newGenerator(groups, seed, asOf).learner(k, nil)
}

// generator makes the learners of one cohort. It is written to cost
// little next to an evaluation, since a cohort's benchmark and example
// generate as they evaluate: achievement ids are made once, a learner's
// credentials are built in scratch and copied out at their size (one
// allocation, fresh for every learner as Summarize asks), ids are
// concatenated rather than formatted, and days are added as 24 hours
// when asOf is in UTC, where that is what AddDate does.
type generator struct {
	groups int
	seed   uint64
	asOf   time.Time
	utc    bool
	ach    []string // AchievementID(g, i) at g*10+i
	pcg    rand.PCG
	rng    *rand.Rand
	steps  [][2]int
	out    []pathway.Earned
	ids    []byte // the learner's ids, see learner
	ends   []int
}

func newGenerator(groups int, seed uint64, asOf time.Time) *generator {
	g := &generator{groups: groups, seed: seed, asOf: asOf, utc: asOf.Location() == time.UTC}
	for gi := range max(groups, 1) {
		for i := range 10 {
			g.ach = append(g.ach, AchievementID(gi, i))
		}
	}
	g.rng = rand.New(&g.pcg)
	return g
}

func (g *generator) addDays(t time.Time, days int) time.Time {
	if g.utc {
		return t.Add(time.Duration(days) * 24 * time.Hour)
	}
	return t.AddDate(0, 0, days)
}

// learner generates learner k into the slice into (its length zero),
// or into a fresh slice when into is nil.
func (g *generator) learner(k int, into []pathway.Earned) (string, []pathway.Earned) {
	g.pcg.Seed(g.seed, uint64(k)) // as rand.NewPCG(seed, k)
	rng := g.rng
	// The learner's id and all their credentials' ids are written into one
	// buffer and made one string, which the ids are cut from: one
	// allocation rather than one per credential.
	var buf [20]byte
	digits := strconv.AppendInt(buf[:0], int64(k), 10)
	ids := append(g.ids[:0], "urn:cohort:learner:"...)
	ids = append(append(ids, "0000000"[:max(0, 7-len(digits))]...), digits...) // as %07d
	idLen := len(ids)
	day := g.addDays(g.asOf, -rng.IntN(4*365))
	expiring := rng.IntN(5) == 0
	// The core sequence, then 6 to 8 electives of each group in a random
	// order. The draws are those of rand.Perm, so the cohort is the one
	// earlier versions generated.
	g.steps = g.steps[:0]
	for i := range 10 {
		g.steps = append(g.steps, [2]int{0, i})
	}
	for gi := 1; gi < g.groups; gi++ {
		perm := [10]int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}
		rng.Shuffle(10, func(i, j int) { perm[i], perm[j] = perm[j], perm[i] })
		for _, i := range perm[:6+rng.IntN(3)] {
			g.steps = append(g.steps, [2]int{gi, i})
		}
	}
	out := g.out[:0]
	g.ends = g.ends[:0] // where each credential's id ends in ids
	for _, s := range g.steps {
		drop := 0.01
		if (s[0] == 0 && s[1] == 4) || (s[0] > 0 && s[1] == 0) {
			drop = 0.12
		}
		if rng.Float64() < drop {
			break
		}
		day = g.addDays(day, 3+rng.IntN(38))
		if day.After(g.asOf) {
			break
		}
		ids = strconv.AppendInt(append(append(ids, ids[:idLen]...), ":cred:"...), int64(len(out)), 10)
		g.ends = append(g.ends, len(ids))
		e := pathway.Earned{AchievementID: g.ach[s[0]*10+s[1]], IssuerID: "https://cohort.example/issuer", EarnedAt: day}
		if expiring {
			e.ValidUntil = day.AddDate(2, 0, 0)
		}
		if rng.IntN(100) == 0 {
			e.Status = pathway.StatusRevoked
		}
		out = append(out, e)
	}
	if rng.IntN(10) == 0 {
		ids = append(append(ids, ids[:idLen]...), ":cred:other"...)
		g.ends = append(g.ends, len(ids))
		out = append(out, pathway.Earned{AchievementID: "urn:cohort:ach:unrelated",
			IssuerID: "https://other.example/issuer", EarnedAt: g.asOf.AddDate(0, -1, 0)})
	}
	g.out, g.ids = out, ids
	str := string(ids)
	start := idLen
	for i, end := range g.ends {
		out[i].ID, start = str[start:end], end
	}
	id := str[:idLen]
	if len(out) == 0 {
		return id, nil // as before: nobody started
	}
	return id, append(into, out...)
}
