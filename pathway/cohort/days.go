package cohort

import (
	"maps"
	"slices"
	"time"
)

// hist counts whole days exactly: a sparse histogram whose keys are
// bounded by [0, maxDays], so its size never depends on the cohort.
type hist struct {
	n      map[int]int
	capped int
}

func (h *hist) add(d, maxDays int) {
	if d > maxDays {
		d = maxDays
		h.capped++
	}
	d = max(d, 0)
	if h.n == nil {
		h.n = map[int]int{}
	}
	h.n[d]++
}

func (h *hist) merge(o *hist) {
	if len(o.n) > 0 && h.n == nil {
		h.n = map[int]int{}
	}
	for k, v := range o.n {
		h.n[k] += v
	}
	h.capped += o.capped
}

// days is the distribution as reported; see Days for the definition of
// the quantiles.
func (h *hist) days() Days {
	d := Days{Median: -1, P25: -1, P75: -1, P90: -1, Max: -1, Capped: h.capped}
	keys := slices.Sorted(maps.Keys(h.n))
	for _, k := range keys {
		d.Count += h.n[k]
		if h.n[k] > 0 {
			d.Histogram = append(d.Histogram, DayCount{k, h.n[k]})
		}
	}
	if d.Count == 0 {
		return d
	}
	d.Max = keys[len(keys)-1]
	q := func(num, den int) int {
		// The smallest value with at least num/den of the values at or
		// below it: rank ceil(count*num/den), 1-based.
		rank := (d.Count*num + den - 1) / den
		seen := 0
		for _, k := range keys {
			seen += h.n[k]
			if seen >= rank {
				return k
			}
		}
		return d.Max
	}
	d.P25, d.Median, d.P75, d.P90 = q(1, 4), q(1, 2), q(3, 4), q(9, 10)
	return d
}

// histOf is the histogram a Days reports.
func histOf(d Days) hist {
	h := hist{capped: d.Capped}
	for _, e := range d.Histogram {
		if h.n == nil {
			h.n = map[int]int{}
		}
		h.n[e.Days] += e.Count
	}
	return h
}

// wholeDays floors a non-negative duration to days.
func wholeDays(d time.Duration) int { return int(d / (24 * time.Hour)) }
