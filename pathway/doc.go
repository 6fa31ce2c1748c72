// Package pathway defines, checks and evaluates stackable pathways: which
// earned credentials add up to a higher credential, where a learner stands,
// why, and what to do next; and it issues the stacked credential when — and
// only when — it is earned.
//
// # Defining a pathway
//
// A [Definition] is one version of a pathway. Read one with [Parse] from the
// JSON format named by [FormatV1], or build one in Go and call [Validate]:
//
//	{
//	  "format": "microcred-pathway/1",
//	  "id": "https://example.edu/pathways/web-developer", "version": "2",
//	  "name": "Web Developer",
//	  "destination": {"id": "https://example.edu/achievements/web-developer", "name": "Web Developer"},
//	  "components": [
//	    {"id": "html", "match": {"achievements": ["https://example.edu/achievements/html"]}},
//	    {"id": "js",   "match": {"achievements": ["https://example.edu/achievements/js"]}},
//	    {"id": "capstone", "match": {"achievements": ["https://example.edu/achievements/capstone"],
//	                                 "evidence": {"min": 1}},
//	     "prerequisites": ["html", "js"]}
//	  ],
//	  "requirement": {"kind": "allOf", "within": "P2Y", "items": [
//	    {"kind": "component", "component": "html"},
//	    {"kind": "component", "component": "js"},
//	    {"kind": "component", "component": "capstone"}]}
//	}
//
// Components are slots. A component's [Match] says which credentials can fill
// it: achievement ids (and, through the definition's Equivalences, ids that
// count as them), issuers, achievement types, an alignment to a skill or
// framework item, a result threshold (score, level, grade, status), credits,
// evidence, and freshness. The requirement is a tree of rules ([Node]) over
// the components: allOf, anyOf, nOf (N-of-M, with an optional at-most cap),
// not, and credit and point thresholds with units; any group can also
// require that everything beneath it was earned within a period of the first
// step (Within) or inside a window of dates ([Window]). Required ordering is a
// component's Prerequisites, enforced by the dates credentials were earned;
// suggested ordering (Precedes) only orders next steps. Milestones award
// their own achievements for a node of the tree or a tree of their own.
//
// The semantics of every rule, including empty groups, are stated on the
// [Kind] constants: an empty allOf is vacuously satisfied, an empty anyOf never
// is, nOf with Min 0 is vacuous, an at-most cap ignores extra items rather
// than failing (earning more never undoes completion), and not judges what
// the learner holds rather than what the evaluator chose to count.
//
// Parse is strict: unknown fields and unknown rule kinds are errors, not
// guesses. FORMAT.md documents the format, and [SchemaV1] returns its JSON
// Schema for editors. [Lint] reports errors (which Validate and Parse reject: dangling or
// duplicate ids, N greater than M, cycles of prerequisites, unsatisfiable
// requirements, exceeded [Limits]) and warnings (empty groups, vacuous
// requirements, unreachable components, matchers that accept anything,
// thresholds above what the components declare). Findings have the shape
// badge validation reports, [badge.Findings], located by an RFC 6901 JSON
// Pointer into the definition document ("/requirement/items/2").
//
// # Evaluating a learner
//
// A host verifies a learner's credentials and turns each into an [Earned]:
// [FromReport] from a [verify.Report] (the usual path), [FromCredential] or
// [FromCLR] from parsed Open Badges 3.0 and CLR 2.0 credentials it has checked
// itself, or by hand for records it keeps (prior learning, transcripts).
// FromReport counts only a report whose OK() is true, of a credential that
// asserts an achievement (a plain W3C credential is refused): anything
// failed or unverified is an error wrapping [ErrNotVerified]. An authentic
// credential that is merely revoked, suspended, expired or not yet valid
// is refused with a *[NotCountedError] whose Earned the host may pass to
// [Evaluate] for guidance ("renew it"); it never fills a slot.
//
// One evaluation is for one learner. Earned.Recipient carries whom each
// credential names (credentialSubject id or identifiers, such as a hashed
// e-mail); credentials naming different recipients are refused with
// [ErrRecipient] unless the host binds them: [FromReportFor] runs the Open
// Badges recipient check ([verify.Report.MatchRecipient]) and marks each
// Earned with the learner, or [Options].RecipientsBound records the host's
// own check. Then it calls Evaluate with the time to evaluate at:
//
//	p, err := pathway.Evaluate(def, earned, time.Now(), pathway.Options{})
//	fmt.Print(p.Explain())
//
// Evaluate validates the definition on every call. A host evaluating many
// learners against one definition calls [Prepare] once and the returned
// [Evaluator]'s Evaluate per learner, from any number of goroutines. Most of
// an evaluation's cost is its guidance — the worded explanation tree and
// the ranked next steps; a host that records only verdicts and assignments
// sets Options.VerdictOnly and pays about a third, or Options.AssignmentsOnly
// (no component states or credential reasons either) and pays about a
// quarter. A host that counts
// node states and next steps over many learners without showing the words
// (package cohort) sets Options.StatesOnly: the same tree, states and
// next steps, no Explanation, Missing or Credits. A host that reads each
// Progress once and keeps only counts calls [Evaluator.EvaluateFunc],
// which lends the Progress to a callback and reuses its memory for the
// next learner instead of allocating it afresh.
//
// The evaluator believes what it is given: pass only credentials whose
// proof, issuer and status you have checked. It does decide validity at the
// as-of time itself — revoked, suspended, expired and not-yet-valid
// credentials, and credentials earned after the as-of time, count for
// nothing — so re-evaluating after a part expires removes completion.
//
// A credential is identified by its issuer id and its id, as Open Badges
// 3.0 "Equality and comparison" says: issuers copy the specification's
// example ids, so one id from two issuers is two credentials and both count,
// while two copies of one credential (its JSON and a baked image, a
// re-issue) count once — the later validFrom wins, as [badge.Supersedes]
// decides. See Earned.ID.
//
// Each component is filled by at most one credential, and each credential —
// indeed each achievement, however many times it was earned — fills at most
// one component, unless a component is marked Reuse. Among the assignments
// that respect this, the prerequisites (by earned date; the same UTC day
// counts as in order; undated credentials cannot show order unless
// Options.AllowUndatedOrder) and the time rules, Evaluate returns one that
// satisfies the requirement whenever any does; otherwise one with the most
// progress; then the one filling the most components. It never reports
// "incomplete" when a valid assignment exists: the assignment is found by a
// branch-and-bound search, not by a greedy first fit. Its bounds use maximum
// bipartite matchings of components to achievements: for N-of-M pools, and,
// for subtrees without not, time rules or reuse, a bound on how much progress
// the fills still possible can add, so slots competing for few achievements
// are settled without enumerating them; the matchings are kept across the
// search and repaired after each step, not recomputed. The search is exact
// within its budget: Options.MaxWork (about a second on one core) bounds the
// searches of one evaluation together and Options.MaxSearchSteps each one,
// both checked at every step, so that any definition within [Limits] finishes;
// when a budget runs out the best assignment found (or the partial one
// completed greedily) is returned and [Progress].Optimal says so.
//
// Progress records everything a host shows or stores: completion and percent
// (an allOf counts the mean of its items, an anyOf its best item, an nOf its
// best N items, a threshold the fraction reached), each component's state
// (complete, available, locked with the reason, expired), which credential
// fills which component and through which equivalences, why every unused
// credential does not count, credit tallies, what is missing, ranked next
// steps (those that can be earned now first — available, or expired with
// their prerequisites filled — then fewest remaining after it, then
// suggested order), milestones, and an explanation tree in plain words. The same
// inputs give the same Progress in any order.
//
// A broken time rule is not a dead end: when a Within period has run out,
// or parts fall outside a [Window] still open, the parts to earn again are
// next steps whose reason says by when ("earn again by 2026-09-01: ...");
// only a Window whose end has passed is locked.
//
// Credits count across units only through the definition's
// CreditConversions: a credential's own credits win when their unit is the
// threshold's (or converts to it), else the component's declared credits
// count; unitless credits equal only the empty unit. See FORMAT.md.
//
// # Cost
//
// Credentials are indexed by achievement id (following equivalence chains
// breadth first, up to [Options].MaxEquivalenceChain, memoised per
// achievement), so matching is linear in credentials for components that
// name achievements; a component that matches only on other properties (an
// alignment, a type) looks at every credential. Options.MaxMatchWork bounds
// both kinds of work. When slots do not overlap, the search takes one
// descent. See BenchmarkEvaluate and BENCHMARKS.md.
//
// # Awarding
//
// When [Progress].Complete, [AwardDestination] builds an unsigned Open Badges
// 3.0 credential for the destination ([AwardMilestone] for a milestone) with
// one evidence entry per credential used, and — given the original
// credentials — a CLR 2.0 credential bundling them verbatim with isPartOf,
// isChildOf, precedes and exactMatchOf associations. The award id is a
// version 5 UUID of pathway id, version, recipient and achievement
// ([AwardID]), so awarding is idempotent. The award names the learner as the
// issuers of their credentials did: [AwardOptions].Recipient (a DID or URI;
// an e-mail address is refused, it would be published in
// credentialSubject.id) or AwardOptions.RecipientIdentifiers (for example
// the hashed e-mail identity object a platform issues to). Awards are
// refused for incomplete progress (*[IncompleteError], wrapping
// [ErrIncomplete], with what is missing) and for completions that used no
// credential at all ([ErrVacuous]). Sign the result with package credential.
//
// # Versions
//
// [SelectVersion] applies a host's policy ([Latest], or AsStarted to keep a
// learner on the version they began); [Diff] lists what changed between two
// versions and [DiffFor] what that change means for one learner.
//
// # Errors and limits
//
// Errors wrap [ErrInvalid], [ErrLimit], [ErrIncomplete], [ErrVacuous], [ErrNoVersion],
// [ErrRecipient], [ErrNotVerified] or [ErrInput] for errors.Is; a *[ValidationError] lists every finding. [Limits]
// (document size, tree depth, nodes, components, milestones, equivalences,
// levels of a result scale) and [Options] (credentials, search steps and
// work, matching work, equivalence chain length) have safe defaults. Nothing in the package does I/O or keeps global state; all
// functions are safe for concurrent use on shared definitions.
package pathway
