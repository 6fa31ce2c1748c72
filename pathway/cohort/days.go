package cohort

import (
	"maps"
	"slices"
	"time"
)

// hist counts whole days exactly: a dense histogram indexed by day,
// grown to the largest day seen and bounded by [0, maxDays], so its size
// never depends on the cohort. Counting is an index, not a map update:
// it runs for every step of every learner.
type hist struct {
	n      []int
	capped int
}

func (h *hist) add(d, maxDays int) {
	if d > maxDays {
		d = maxDays
		h.capped++
	}
	d = max(d, 0)
	h.count(d, 1)
}

func (h *hist) count(d, k int) {
	if d >= len(h.n) {
		h.n = slices.Grow(h.n, d+1-len(h.n))[:d+1]
	}
	h.n[d] += k
}

func (h *hist) merge(o *hist) {
	for d, k := range o.n {
		if k != 0 {
			h.count(d, k)
		}
	}
	h.capped += o.capped
}

// days is the distribution as reported; see Days for the definition of
// the quantiles.
func (h *hist) days() Days {
	var list []DayCount
	count, top := 0, -1
	for k, c := range h.n {
		if c > 0 {
			count += c
			list = append(list, DayCount{k, c})
			top = k
		}
	}
	return distribution(list, count, top, h.capped)
}

// distribution is the Days of a histogram (ascending, no empty days)
// holding count values, the largest top.
func distribution(list []DayCount, count, top, capped int) Days {
	d := Days{Count: count, Median: -1, P25: -1, P75: -1, P90: -1, Max: -1, Capped: capped, Histogram: list}
	if count == 0 {
		return d
	}
	d.Max = top
	q := func(num, den int) int {
		// The smallest value with at least num/den of the values at or
		// below it: rank ceil(count*num/den), 1-based.
		rank := (count*num + den - 1) / den
		seen := 0
		for _, e := range list {
			seen += e.Count
			if seen >= rank {
				return e.Days
			}
		}
		return top
	}
	d.P25, d.Median, d.P75, d.P90 = q(1, 4), q(1, 2), q(3, 4), q(9, 10)
	return d
}

// mergeDays is the distribution of the union of two. The histograms may
// come from JSON, so they are summed sparsely: a day number is a key,
// never an index.
func mergeDays(a, b Days) Days {
	sum := map[int]int{}
	for _, e := range slices.Concat(a.Histogram, b.Histogram) {
		sum[e.Days] += e.Count
	}
	var list []DayCount
	count, top := 0, -1
	for _, k := range slices.Sorted(maps.Keys(sum)) {
		count += sum[k]
		if sum[k] > 0 {
			list = append(list, DayCount{k, sum[k]})
		}
		top = k
	}
	return distribution(list, count, top, a.Capped+b.Capped)
}

// wholeDays floors a non-negative duration to days.
func wholeDays(d time.Duration) int { return int(d / (24 * time.Hour)) }
