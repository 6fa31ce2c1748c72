package ctdl

import "github.com/microcred/microcred/pathway"

// Default limits, see Options.
const (
	DefaultMaxDocumentBytes = 8 << 20
	DefaultMaxDepth         = 64
	DefaultMaxObjects       = 50000
	DefaultMaxTreeNodes     = pathway.DefaultMaxNodes
)

// Options tune an import. The zero Options is safe for untrusted input.
type Options struct {
	// PathwayID selects the pathway (by @id or CTID) when a document
	// holds several. Empty means the only one.
	PathwayID string
	// Version is the version given to the definition when the document
	// has no ceterms:versionCode or versionIdentifier. Empty means "1".
	Version string
	// MatchCredentialType narrows each component to credentials whose OB
	// 3.0 achievementType corresponds to the component's
	// ceterms:credentialType (DigitalBadge → Badge, Certificate →
	// Certificate...). Off by default, because most issued badges (OB 2.0,
	// Badgr exports) carry no achievementType and would then match nothing.
	MatchCredentialType bool
	// CredentialReading says how a component with conditions that stands
	// for a credential of its own is read; see CredentialReading. The
	// zero value, ReadingAuto, never lets a credential issued on its own
	// terms (a certification, a degree) be satisfied by its conditions.
	CredentialReading CredentialReading
	// Shortcut lets a learner who already holds the credential a
	// component with conditions stands for (its proxyFor or sourceData)
	// count it without meeting the conditions again, as Badgr's
	// allowCompletionBadgeShortcut does. Off by default: the conditions
	// are the rule, and the component becomes a milestone.
	Shortcut bool
	// MaxDocumentBytes bounds the input size. Default DefaultMaxDocumentBytes.
	MaxDocumentBytes int
	// MaxDepth bounds the JSON nesting of the input. Default
	// DefaultMaxDepth.
	MaxDepth int
	// MaxObjects bounds the JSON objects in the input. Default
	// DefaultMaxObjects.
	MaxObjects int
	// MaxTreeNodes bounds the requirement tree built from the conditions
	// (a component targeted from several conditions is expanded each
	// time). Default DefaultMaxTreeNodes.
	MaxTreeNodes int
}

func (o Options) maxBytes() int     { return orDefault(o.MaxDocumentBytes, DefaultMaxDocumentBytes) }
func (o Options) maxDepth() int     { return orDefault(o.MaxDepth, DefaultMaxDepth) }
func (o Options) maxObjects() int   { return orDefault(o.MaxObjects, DefaultMaxObjects) }
func (o Options) maxTreeNodes() int { return orDefault(o.MaxTreeNodes, DefaultMaxTreeNodes) }

func orDefault(v, d int) int {
	if v <= 0 {
		return d
	}
	return v
}
