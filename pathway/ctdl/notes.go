package ctdl

import "fmt"

// A Note is an import warning: something in the source that was read in a
// way a person should check, or could not be mapped at all.
type Note struct {
	// Where is the @id of the source node (and, after a '#', the
	// property) the note is about; empty for the document as a whole.
	Where string `json:"where,omitempty"`
	// Code is stable and machine-readable ("not-present",
	// "no-required-number", "constraint-unmapped", ...).
	Code string `json:"code"`
	// Message says, for a person, what was read and how.
	Message string `json:"message"`
}

func (n Note) String() string {
	if n.Where == "" {
		return fmt.Sprintf("%s: %s", n.Code, n.Message)
	}
	return fmt.Sprintf("%s: %s (at %s)", n.Code, n.Message, n.Where)
}

// notes collects Notes once each, in the order they were found.
type notes struct {
	list []Note
	seen map[Note]bool
	// many counts repeats of notes added with each, by code and message.
	many map[string]int
	at   map[string]int
}

// each records a note that typically holds for many nodes once, with the
// first place and a count, so a thousand-course catalogue gives one line.
func (ns *notes) each(where, code, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	key := code + "\x00" + msg
	if ns.many == nil {
		ns.many, ns.at = map[string]int{}, map[string]int{}
	}
	ns.many[key]++
	if i, ok := ns.at[key]; ok {
		n := ns.many[key]
		ns.list[i].Message = fmt.Sprintf("%s (%d nodes; the first is given)", msg, n)
		return
	}
	ns.at[key] = len(ns.list)
	ns.list = append(ns.list, Note{Where: where, Code: code, Message: msg})
}

func (ns *notes) add(where, code, format string, args ...any) {
	n := Note{Where: where, Code: code, Message: fmt.Sprintf(format, args...)}
	if ns.seen == nil {
		ns.seen = map[Note]bool{}
	}
	if ns.seen[n] {
		return
	}
	ns.seen[n] = true
	ns.list = append(ns.list, n)
}
