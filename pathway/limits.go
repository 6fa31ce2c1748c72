package pathway

import (
	"fmt"

	"github.com/microcred/microcred/internal/limits"
)

// Limits bound the work a definition can cause. A zero field means the
// default below; the zero Limits is therefore safe for untrusted input. A
// negative field is refused with ErrInput: no cap is safe to switch off.
type Limits struct {
	// MaxDocumentBytes bounds the JSON document given to Parse. Default 4 MiB.
	MaxDocumentBytes int
	// MaxDepth bounds the nesting of the requirement tree. Default 32.
	MaxDepth int
	// MaxNodes bounds the number of requirement nodes, milestones'
	// included. Default 10,000.
	MaxNodes int
	// MaxComponents bounds the number of components. Default 2,000.
	MaxComponents int
	// MaxMilestones bounds the number of milestones. Default 200.
	MaxMilestones int
	// MaxEquivalences bounds the number of equivalences. Default 10,000.
	MaxEquivalences int
	// MaxScale bounds the levels of one ResultMatch.Scale, which every
	// result of every candidate credential is looked up in. Default 100.
	MaxScale int
}

// Default limits, see Limits.
const (
	DefaultMaxDocumentBytes = 4 << 20
	DefaultMaxDepth         = 32
	DefaultMaxNodes         = 10000
	DefaultMaxComponents    = 2000
	DefaultMaxMilestones    = 200
	DefaultMaxEquivalences  = 10000
	DefaultMaxScale         = 100
)

// check refuses a negative limit.
func (l Limits) check() error {
	if f, bad := limits.Negative(
		limits.Field{Name: "MaxDocumentBytes", Value: l.MaxDocumentBytes}, limits.Field{Name: "MaxDepth", Value: l.MaxDepth},
		limits.Field{Name: "MaxNodes", Value: l.MaxNodes}, limits.Field{Name: "MaxComponents", Value: l.MaxComponents},
		limits.Field{Name: "MaxMilestones", Value: l.MaxMilestones}, limits.Field{Name: "MaxEquivalences", Value: l.MaxEquivalences},
		limits.Field{Name: "MaxScale", Value: l.MaxScale},
	); bad {
		return fmt.Errorf("%w: negative Limits.%s %d (zero means the default; a cap cannot be switched off)", ErrInput, f.Name, f.Value)
	}
	return nil
}

func (l Limits) withDefaults() Limits {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&l.MaxDocumentBytes, DefaultMaxDocumentBytes)
	def(&l.MaxDepth, DefaultMaxDepth)
	def(&l.MaxNodes, DefaultMaxNodes)
	def(&l.MaxComponents, DefaultMaxComponents)
	def(&l.MaxMilestones, DefaultMaxMilestones)
	def(&l.MaxEquivalences, DefaultMaxEquivalences)
	def(&l.MaxScale, DefaultMaxScale)
	return l
}
