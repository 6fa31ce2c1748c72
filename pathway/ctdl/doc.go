// Package ctdl imports Credential Engine CTDL Pathway documents (JSON-LD)
// into pathway definitions that package pathway lints, evaluates and awards.
//
// [Import] takes the bytes of a document and returns a *[pathway.Definition] and
// Notes: warnings, each with where in the source it arose, about what was
// assumed or could not be mapped. The definition always passes
// [pathway.Validate]; run [pathway.Lint] for findings about the pathway itself.
//
// # Reading real registry data
//
// Published pathways mix prefixes, drafts and shapes, so the importer reads
// by meaning rather than by exact spelling:
//
//   - a document is a @graph, an array of nodes, a single node, or several
//     such documents one after the other; non-objects in a graph are
//     skipped with a note; "id"/"type" are read like "@id"/"@type";
//   - property and class names are matched by their local name, so
//     ceterms:hasChild, ceasn:hasChild, hasChild and a full IRI are one
//     property; the schema's misspelling "preceeds" reads as precedes;
//   - literals may be strings, {"@value": ...} objects or language maps
//     ({"en-US": "..."}, {"@en-US": "..."}, {"en": ["..."]}; English
//     preferred); single values and arrays are both accepted; numbers may be
//     strings ("3");
//   - references are matched by exact id, then by the CTID they contain,
//     so a bare "ce-..." id, a registry resource URL and a graph URL name
//     the same node; a component referenced but absent becomes a slot
//     matched by the referenced id (with a note), so counts stay as written;
//   - the destination is Pathway.hasDestinationComponent, else a
//     component's isDestinationComponentOf or isDestinationComponentFor;
//     conflicts are noted;
//   - the 2018-19 drafts are read too: hasRoot/isRootOf, isParentOf,
//     requiredCondition, RuleSet/ruleSet, defaultCredits, leftOperand
//     "reqNum" with rightOperand, logicalOperand, and the classes Course,
//     Certification, Assessment, Basic, Credential.
//
// # Mapping
//
// Each component without conditions becomes a [pathway.Component], matched by
// what it stands for: proxyFor, proxyForItems, sourceData or sourceItem
// (achievement ids; for a CompetencyComponent, an alignment to the
// competency), else its own @id. creditValue (ValueProfile or
// QuantitativeValue, with creditUnitType) becomes Credits, pointValue
// Points, prerequisite Prerequisites (required ordering, enforced by
// dates), precedes and precededBy Precedes (suggested only).
// credentialType becomes Match.AchievementTypes only with
// [Options].MatchCredentialType.
//
// A component with conditions becomes a rule. A ComponentCondition's items
// are its targetComponents then its nested conditions, each counting one;
// requiredNumber N of M items gives allOf (N = M), anyOf (N = 1) or nOf; a
// missing requiredNumber means all (noted); N > M is read as all (noted:
// as written it could never be met). logicalOperator AND/OR applies when no
// requiredNumber says otherwise (a conflict is noted and requiredNumber
// wins); NOT negates the items. Several conditions on one component are all
// required. A destination without conditions requires all its hasChild
// children, except those that are options of another child's condition.
//
// # Components that are credentials
//
// A component with conditions that stands for a credential of its own (a
// certification, a degree, a badge) is read one of two ways, and [Import]
// notes which for every such component ("credential-held" or
// "credential-by-conditions"; [Result.Lint] repeats them as warnings):
//
//   - held: only holding the credential satisfies it. Its conditions say
//     what usually leads there (CompTIA's certifications each name the one
//     below), so their targets become slots that precede it (suggested
//     ordering) and never stand in for it. This is the reading for a node
//     typed as a credential (ceterms:Certification, a degree class, the
//     drafts' Certification), a credentialType other than a badge, or a
//     proxy that resolves to such a credential.
//   - by conditions: meeting the conditions earns it, and it becomes a
//     [pathway.Milestone] awarding it (the destination is what the pathway
//     awards). This is the reading when the data says so: the credential's
//     own requires names this pathway (targetPathway), or the component
//     is a pathway component for a badge or for no named type (how CTDL
//     writes a pathway's own awards and the Badgr conversions write
//     completion badges). With [Options].Shortcut, holding the credential
//     also satisfies the rule.
//
// Options.CredentialReading forces one reading for the whole document.
//
// hasConstraint is mapped when it sums creditValue or pointValue of the
// targets (leftAction sum or none) with comparator GTEQ against a number:
// it becomes a credits or points threshold, combined with requiredNumber.
// Every other constraint (other comparators, actions or sources) is left
// out with a "constraint-unmapped" note: CTDL defines no evaluation for
// them, and an "at most" rule would let earning more undo completion. A
// ConditionProfile of the destination's credential that requires this
// pathway (targetPathway) with a creditValue becomes a credit threshold.
//
// # Other formats
//
// [ImportBadgr] reads Badgr's own pathway export (the element tree with
// completionBadge, requirements and children), and [ImportCSV] the Credential
// Engine bulk-upload CSV; both give the same kind of [Result]. The examples
// published with the CTDL vocabularies come in all three forms, and the
// tests check that the same badges complete each form.
//
// # Limits
//
// [Options] bound the input (MaxDocumentBytes, MaxDepth, MaxObjects) and the rule
// tree built (MaxTreeNodes; a component targeted by several conditions is
// expanded each time). The zero Options is safe for untrusted input.
// Cycles of conditions are refused ([ErrUnusable]), never followed. Conditions
// may nest 30 levels, two below [pathway.DefaultMaxDepth].
package ctdl
