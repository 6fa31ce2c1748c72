package cohort

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
)

// csvHeader is the first row WriteCSV writes (a function: rows are
// rewritten in place).
func csvHeader() []string {
	return []string{"scope", "path", "id", "name", "kind", "learners", "complete", "in_progress", "available",
		"locked", "expired", "next_step", "stalled", "median_days", "p25_days", "p75_days", "p90_days", "timed_steps"}
}

// WriteCSV writes the summary as a sheet (RFC 4180, which encoding/csv
// writes and spreadsheets open): a header row, one "pathway" row of
// totals, one "component" row per component (its days are from the
// learner's previous step), one "node" row per requirement node. Empty
// cells mean "does not apply". A cell that a spreadsheet would read as a
// formula (starting with = + - @ or a tab or carriage return) is prefixed
// with an apostrophe, because names come from pathway definitions.
func (s *Summary) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	n := strconv.Itoa
	days := func(d Days) []string {
		if d.Count == 0 {
			return []string{"", "", "", "", "0"}
		}
		return []string{n(d.Median), n(d.P25), n(d.P75), n(d.P90), n(d.Count)}
	}
	states := func(st States) []string {
		return []string{n(st.Complete), n(st.InProgress), n(st.Available), n(st.Locked), n(st.Expired)}
	}
	rows := [][]string{csvHeader()}
	total := append([]string{"pathway", "", s.PathwayID, s.Name, "", n(s.Learners), n(s.Complete), "", "", "", "", "", n(s.Stalled)},
		days(s.BetweenSteps)...)
	rows = append(rows, total)
	for _, c := range s.Components {
		r := append([]string{"component", "", c.ID, c.Name, "component", n(s.Learners - s.Failed)}, states(c.States)...)
		r = append(r, n(c.Next), n(c.Stalled))
		rows = append(rows, append(r, days(c.FromPrevious)...))
	}
	for _, nd := range s.Nodes {
		r := append([]string{"node", nd.Path, nd.ID, nd.Name, string(nd.Kind), n(s.Learners - s.Failed)}, states(nd.States)...)
		rows = append(rows, append(r, "", n(nd.Stalled), "", "", "", "", ""))
	}
	for _, r := range rows {
		for i := range r {
			r[i] = defuse(r[i])
		}
		if err := cw.Write(r); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// defuse keeps a spreadsheet from evaluating a text cell as a formula
// (OWASP "CSV injection"). Numbers written by WriteCSV are never negative,
// so no number is altered.
func defuse(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
