// Package skills turns a learner's verified credentials into a skills
// profile, and checks a profile against what a role requires.
//
// # Profiles
//
// [Build] (from [pathway.Earned]) and [BuildFromCredentials] (from verified Open
// Badges 3.0 credentials, which carry more: alignment target types, each
// result's own rubric or value scale, and the alignments of results and
// rubric levels) collect every alignment target the credentials evidence
// into Skills, merged by target identity and ordered strongest evidence
// first. The identity rule and the strength order are documented on [Skill]
// and [Profile]; in short, a skill is its targetUrl (else its framework and
// code, else its framework and name), and evidence ranks by validity, level
// reached, recency, issuer trust and finally credential id.
//
// Expired credentials still evidence their skills, marked Expired; revoked,
// suspended and not-yet-valid credentials evidence nothing and are listed in
// Profile.Excluded. A Profile marshals to JSON for hosts; [Profile.Text] is for
// people.
//
// # Roles and gaps
//
// A role is a [pathway.Definition] whose components match by alignment and
// result level (pathway.Match.Alignment and Match.Result). [Role] is a small
// convenience that compiles "these competencies at these minimum levels" to
// such a definition, marking every slot reusable because one credential may
// evidence several competencies. [Analyze] evaluates the learner's credentials
// against any role definition and returns what is met, what is missing, and
// the fewest achievements of a host-supplied catalogue that would meet the
// role: an exact minimum set cover within documented bounds
// ([GapOptions].MaxExactChecks, MaxExactSubsets), else a greedy cover whose
// bound is stated in [Gap].Method.
//
// The package believes the credentials it is given, like package pathway:
// verify them (package verify) and set their status first. It does no I/O,
// keeps no global state, and its functions are safe for concurrent use.
package skills
