// Package pathway defines, checks and evaluates stackable pathways: which
// earned credentials add up to a higher one, what a learner has done, and
// what is next.
//
// A Definition (read with Parse from the JSON format FormatV1) names the
// components a learner's credentials fill and a requirement tree of rules
// over them. Lint finds mistakes in a definition before any learner meets
// them.
package pathway
