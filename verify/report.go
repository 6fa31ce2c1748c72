package verify

import (
	"encoding/json"

	"errors"
	"fmt"
	"github.com/microcred/microcred/badge"
	"strings"
	"time"
)

// ReportMediaType names the JSON shape of a Report. Hosts that store
// reports can tell versions apart by it; additive changes keep the version.
// Version 2 added the unverified verdict, the not_established outcome, the
// policy and the three assessments (authentic, current, conformant).
const ReportMediaType = "application/vnd.microcred.verify-report+json;version=2"

// Verdict is the overall outcome of a verification. Only Verified and
// VerifiedWithWarnings mean "believe it" (see Report.OK).
type Verdict string

const (
	// Verified: authentic, current and conformant; no check warned.
	Verified Verdict = "verified"
	// VerifiedWithWarnings: authentic and current, with findings the host
	// should show: a conformance finding under the default policy, a VC
	// 1.1 credential, a deprecated cryptosuite, a status list signed by
	// another issuer, a failed endorsement, an unrecognised issuer, ...
	VerifiedWithWarnings Verdict = "verified_with_warnings"
	// Unverified: nothing was refuted, but authenticity or status could
	// not be established: a key or status list that needs the network
	// while offline, a fetch that failed, an unsupported cryptosuite, a key
	// the issuer could not be asked about. Do not believe the credential;
	// verifying again online (or later) may settle it.
	Unverified Verdict = "unverified"
	// Failed: authenticity or currency was refuted (a bad proof, a key the
	// issuer does not control, revoked, suspended, expired, not yet valid,
	// malformed input), or, under the strict policy, the credential does
	// not conform. Do not believe the credential.
	Failed Verdict = "failed"
)

// Outcome is the result of one check.
type Outcome string

const (
	// Pass: the check established what it checks.
	Pass Outcome = "pass"
	// Fail: the check found the credential wrong; Check.Message says how.
	Fail Outcome = "fail"
	// Warn: the check did not fail, but the host should show why. Under
	// the default policy a conformance finding is a Warn whose
	// Check.StrictFail is set.
	Warn Outcome = "warn"
	// NotEstablished: the check could not be carried out, so what it
	// guards is unknown: a key or status list that needs the network while
	// offline (Detail["skipped"] = true), a fetch that failed, an
	// unsupported cryptosuite. It makes the verdict Unverified, never OK.
	NotEstablished Outcome = "not_established"
	// Skipped: the check does not apply (no credentialStatus, no
	// endorsements, no trust policy) or an earlier failure made it moot.
	Skipped Outcome = "skipped"
)

// CheckID names a check. The IDs are stable: hosts may match on them.
type CheckID string

// The checks, in the order they run (the Open Badges 3.0 verification order).
const (
	CheckParse         CheckID = "parse"          // input format, JSON well-formedness, limits
	CheckContext       CheckID = "context"        // @context values and order
	CheckType          CheckID = "type"           // VerifiableCredential + an OB/CLR type
	CheckSchema        CheckID = "schema"         // official JSON Schema and credentialSchema
	CheckSubject       CheckID = "subject"        // credentialSubject id or identifier
	CheckProof         CheckID = "proof"          // one valid proof (Data Integrity or VC-JWT)
	CheckKey           CheckID = "key"            // how the verification key was resolved
	CheckIssuerBinding CheckID = "issuer-binding" // key controller = issuer id
	CheckRefresh       CheckID = "refresh"        // 1EdTechCredentialRefresh, at most once
	CheckStatus        CheckID = "status"         // revocation / suspension
	CheckValidity      CheckID = "validity"       // validFrom / validUntil
	CheckEndorsements  CheckID = "endorsements"   // embedded endorsements, recursively
	CheckCLRNested     CheckID = "clr-nested"     // credentials inside a CLR
	CheckTrust         CheckID = "trust"          // the host's trust policy
	CheckPresentation  CheckID = "presentation"   // presentation proof, challenge, domain (presentations only)
)

// checkOrder is the fixed order of checks in a credential report.
var checkOrder = [...]CheckID{CheckParse, CheckContext, CheckType, CheckSchema, CheckSubject,
	CheckProof, CheckKey, CheckIssuerBinding, CheckRefresh, CheckStatus, CheckValidity,
	CheckEndorsements, CheckCLRNested, CheckTrust}

// Check is the result of one verification step.
type Check struct {
	ID      CheckID        `json:"id"`               // which step; stable across releases
	Outcome Outcome        `json:"outcome"`          // pass, fail, warn, not_established or skipped
	Message string         `json:"message"`          // for people: what was found, and for a failure what to do
	Detail  map[string]any `json:"detail,omitempty"` // for programs: the values the step acted on
	// StrictFail is set on a Warn that the strict policy fails: a
	// conformance finding, or a nested credential that did not verify.
	StrictFail bool `json:"strictFail,omitempty"`

	err error // set when Outcome is Fail or NotEstablished; wraps a sentinel
}

// Report is the structured result of verifying one credential or
// presentation. It marshals to JSON in the shape documented on each field
// (see ReportMediaType).
type Report struct {
	// MediaType is ReportMediaType, which names this JSON shape and its
	// version.
	MediaType string `json:"mediaType"`
	// Verdict is the answer: verified (with warnings or not), unverified
	// or failed (see OK and Err).
	Verdict Verdict `json:"verdict"`
	// Policy is the conformance policy the verdict was reached under.
	Policy Policy `json:"policy"`
	// Authentic, Current and Conformant answer the three questions the
	// verdict rests on, each with the checks behind the answer: is the
	// credential the issuer's (proof, key, issuer binding), is it in force
	// (status, validity, refresh), does it follow the data model (context,
	// type, schema, subject)? For a presentation, Authentic is the less
	// favourable of its own checks and its credentials', and Current and
	// Conformant sum up the credentials it carries (see Nested).
	Authentic  Assessment `json:"authentic"`
	Current    Assessment `json:"current"`
	Conformant Assessment `json:"conformant"`
	// Format is how the input arrived: "json", "jwt", "png" or "svg".
	Format string `json:"format,omitempty"`
	// Kind is "credential" or "presentation".
	Kind         string   `json:"kind"`
	CredentialID string   `json:"credentialId,omitempty"` // the credential's id, as it states it
	Issuer       string   `json:"issuer,omitempty"`       // the issuer id, as the credential states it
	Types        []string `json:"types,omitempty"`        // the credential's type values
	// VerifiedAt is the verifier clock's time for this verification.
	VerifiedAt time.Time `json:"verifiedAt"`
	// Checks are the verification steps in their fixed order, each with
	// its outcome.
	Checks []Check `json:"checks"`
	// Endorsements holds one report per embedded endorsement.
	Endorsements []*Report `json:"endorsements,omitempty"`
	// Nested holds one report per credential inside a CLR credential, or
	// per credential inside a presentation.
	Nested []*Report `json:"nested,omitempty"`
	// Credential is the credential JSON that was verified: the input, the
	// JWT payload's credential, the baked payload, or a refreshed copy.
	Credential json.RawMessage `json:"credential,omitempty"`
	// Parsed is the typed view of Credential (package badge), or nil when
	// it could not be parsed. It is not marshalled: Credential is the data.
	Parsed badge.Credential `json:"-"`
}

// Check returns the check with the given id, or nil.
func (r *Report) Check(id CheckID) *Check {
	for i := range r.Checks {
		if r.Checks[i].ID == id {
			return &r.Checks[i]
		}
	}
	return nil
}

// OK reports whether the verdict is Verified or VerifiedWithWarnings: the
// only verdicts under which a host should believe the credential.
func (r *Report) OK() bool { return r.Verdict == Verified || r.Verdict == VerifiedWithWarnings }

// Err returns nil when OK reports true. For a Failed report it returns the
// failed checks' *CheckError values joined; for an Unverified one, the
// checks that could not be established, each wrapping ErrUnverified (and
// the cause, such as ErrOfflineSkipped). errors.Is and errors.As find any
// of them.
func (r *Report) Err() error {
	want := Fail
	switch r.Verdict {
	case Verified, VerifiedWithWarnings:
		return nil
	case Unverified:
		want = NotEstablished
	}
	var errs []error
	for _, c := range r.Checks {
		if c.Outcome != want {
			continue
		}
		err := c.err
		if err == nil {
			// A report decoded from JSON has lost its error values; keep
			// the class from the check id so errors.Is still works.
			err = fmt.Errorf("%w: %s", sentinelFor(c.ID), c.Message)
			if want == NotEstablished {
				err = fmt.Errorf("%w: %w", ErrUnverified, err)
			}
		}
		errs = append(errs, &CheckError{Check: c.ID, Message: c.Message, Err: err})
	}
	if len(errs) == 0 && r.Verdict == Unverified {
		// A presentation is unverified through the credentials it carries.
		for _, n := range r.Nested {
			if n.Verdict == Unverified {
				errs = append(errs, n.Err())
			}
		}
	}
	return errors.Join(errs...)
}

func sentinelFor(id CheckID) error {
	switch id {
	case CheckParse:
		return ErrMalformed
	case CheckContext:
		return ErrContext
	case CheckType:
		return ErrType
	case CheckSchema:
		return ErrSchema
	case CheckSubject:
		return ErrSubject
	case CheckProof:
		return ErrProof
	case CheckKey:
		return ErrKey
	case CheckIssuerBinding:
		return ErrIssuerBinding
	case CheckRefresh:
		return ErrRefresh
	case CheckStatus:
		return ErrStatus
	case CheckValidity:
		return ErrExpired
	case CheckEndorsements:
		return ErrEndorsement
	case CheckCLRNested:
		return ErrNested
	case CheckTrust:
		return ErrUntrusted
	}
	return ErrPresentation
}

// finish computes the verdict and the assessments from the checks. The
// policy has already been applied where each check was added (see
// run.add), so here a Fail always fails: a refuted credential is Failed
// whatever else could not be established, and one that is not refuted but
// not established either is Unverified.
func (r *Report) finish() {
	r.Authentic = assess(r, AspectAuthentic)
	r.Current = assess(r, AspectCurrent)
	r.Conformant = assess(r, AspectConformant)
	if r.Kind == "presentation" && len(r.Nested) > 0 {
		// A presentation has no status or data model of its own: these sum
		// up the credentials it carries (see each one's report).
		r.Current, r.Conformant = worst(r.Nested, func(n *Report) Answer { return n.Current.Answer }),
			worst(r.Nested, func(n *Report) Answer { return n.Conformant.Answer })
		// The holder's proof is the presentation's; the issuers' proofs are
		// the credentials'. Authentic is the less favourable of the two.
		if nested := worst(r.Nested, func(n *Report) Answer { return n.Authentic.Answer }); rank[nested.Answer] > rank[r.Authentic.Answer] {
			r.Authentic = Assessment{Answer: nested.Answer, Checks: []CheckID{CheckCredentials}}
		}
	}
	r.Verdict = Verified
	unknown, warned := false, false
	for _, c := range r.Checks {
		switch c.Outcome {
		case Fail:
			r.Verdict = Failed
			return
		case NotEstablished:
			unknown = true
		case Warn:
			warned = true
		}
	}
	if r.Kind == "presentation" {
		// The presentation's credentials check counts only failures (a
		// presentation of one unverifiable credential is not refuted), so
		// an unverified credential makes the presentation unverified here.
		for _, n := range r.Nested {
			unknown = unknown || n.Verdict == Unverified
		}
	}
	switch {
	case unknown:
		r.Verdict = Unverified
	case warned:
		r.Verdict = VerifiedWithWarnings
	}
}

var rank = map[Answer]int{AnswerYes: 0, AnswerUnknown: 1, AnswerNo: 2}

// worst is the least favourable answer among the reports: no, then
// unknown, then yes.
func worst(rs []*Report, answer func(*Report) Answer) Assessment {
	out := AnswerYes
	for _, r := range rs {
		switch answer(r) {
		case AnswerNo:
			return Assessment{Answer: AnswerNo}
		case AnswerUnknown, "":
			out = AnswerUnknown
		}
	}
	return Assessment{Answer: out}
}

// assess answers one aspect's question from its checks: no when one of
// them failed (or, for conformance, found what the strict policy fails),
// unknown when one could not be established, yes otherwise.
func assess(r *Report, a Aspect) Assessment {
	// Count first, so the winning answer's checks are gathered into one
	// slice of the right size (every verification assesses three aspects).
	var no, unknown, yes int
	for _, c := range r.Checks {
		if c.ID.Aspect() == a {
			switch checkAnswer(c) {
			case AnswerNo:
				no++
			case AnswerUnknown:
				unknown++
			case AnswerYes:
				yes++
			}
		}
	}
	var out Assessment
	n := 0
	switch {
	case no > 0:
		out.Answer, n = AnswerNo, no
	case unknown > 0:
		out.Answer, n = AnswerUnknown, unknown
	case yes > 0:
		out.Answer, n = AnswerYes, yes
	default:
		return Assessment{Answer: AnswerUnknown}
	}
	out.Checks = make([]CheckID, 0, n)
	for _, c := range r.Checks {
		if c.ID.Aspect() == a && checkAnswer(c) == out.Answer {
			out.Checks = append(out.Checks, c.ID)
		}
	}
	return out
}

// checkAnswer is what one check says about its aspect: no when it failed
// (or found what the strict policy fails), unknown when it could not be
// established, yes when it passed or warned, "" when it was skipped.
func checkAnswer(c Check) Answer {
	switch {
	case c.Outcome == Fail || c.StrictFail:
		return AnswerNo
	case c.Outcome == NotEstablished:
		return AnswerUnknown
	case c.Outcome == Pass || c.Outcome == Warn:
		return AnswerYes
	}
	return ""
}

// String renders the report for a terminal: the verdict, then one line per
// check, with nested reports indented.
func (r *Report) String() string {
	var b strings.Builder
	r.write(&b, "")
	return b.String()
}

var outcomeMark = map[Outcome]string{Pass: "ok  ", Fail: "FAIL", Warn: "warn", Skipped: "skip", NotEstablished: "????"}

func (r *Report) write(b *strings.Builder, indent string) {
	what := r.Kind
	if len(r.Types) > 0 {
		what = strings.Join(r.Types, ", ")
	}
	fmt.Fprintf(b, "%s%s: %s", indent, strings.ToUpper(string(r.Verdict)), what)
	if r.CredentialID != "" {
		fmt.Fprintf(b, " %s", r.CredentialID)
	}
	if r.Issuer != "" {
		fmt.Fprintf(b, " from %s", r.Issuer)
	}
	b.WriteByte('\n')
	if r.Kind == "credential" && r.Authentic.Answer != "" {
		fmt.Fprintf(b, "%s  authentic: %s, current: %s, conformant: %s (%s policy)\n", indent,
			r.Authentic.Answer, r.Current.Answer, r.Conformant.Answer, r.Policy)
	}
	for _, c := range r.Checks {
		fmt.Fprintf(b, "%s  [%s] %-14s %s\n", indent, outcomeMark[c.Outcome], c.ID, c.Message)
	}
	for i, e := range r.Endorsements {
		fmt.Fprintf(b, "%s  endorsement %d:\n", indent, i+1)
		e.write(b, indent+"    ")
	}
	for i, n := range r.Nested {
		fmt.Fprintf(b, "%s  nested credential %d:\n", indent, i+1)
		n.write(b, indent+"    ")
	}
}

// Aspect is the question a check helps answer. Each CheckID belongs to
// exactly one (see CheckID.Aspect), and the aspect decides what a failure
// of the check does to the verdict.
type Aspect string

const (
	// AspectAuthentic: is the credential the issuer's, as it was signed?
	// (parse, proof, key, issuer-binding; presentation and credentials in a
	// presentation report.) A failure fails the credential in every policy.
	AspectAuthentic Aspect = "authentic"
	// AspectCurrent: is it in force now? (status, validity, refresh.) A
	// failure fails the credential in every policy.
	AspectCurrent Aspect = "current"
	// AspectConformant: does it follow the Open Badges / CLR data model?
	// (context, type, schema, subject.) A finding is a warning under the
	// default policy and a failure under PolicyStrict, except where the
	// finding means part of the document is not covered by its proof (an
	// unknown context or undefined term), which fails in every policy.
	AspectConformant Aspect = "conformant"
	// AspectNested: do the credentials it carries verify? (endorsements,
	// clr-nested.) Each has a report of its own; one that does not verify
	// is a warning on its parent under the default policy and fails the
	// parent under PolicyStrict.
	AspectNested Aspect = "nested"
	// AspectTrust: does the host recognise the issuer? (trust.) Decided by
	// Config.Trust.
	AspectTrust Aspect = "trust"
)

// Aspect returns the question the check helps answer. This is the one place
// checks are classified; the verdict and the policy follow from it.
func (id CheckID) Aspect() Aspect {
	switch id {
	case CheckStatus, CheckValidity, CheckRefresh:
		return AspectCurrent
	case CheckContext, CheckType, CheckSchema, CheckSubject:
		return AspectConformant
	case CheckEndorsements, CheckCLRNested:
		return AspectNested
	case CheckTrust:
		return AspectTrust
	}
	// parse, proof, key, issuer-binding, presentation, credentials, and any
	// check added later until classified otherwise: the strictest class.
	return AspectAuthentic
}

// Answer is the answer to one of the questions a verdict rests on.
type Answer string

const (
	AnswerYes     Answer = "yes"     // every check behind it passed or warned
	AnswerNo      Answer = "no"      // a check behind it failed (or, for conformance, has StrictFail)
	AnswerUnknown Answer = "unknown" // a check behind it could not be established, or none applied
)

// Assessment answers one question (authentic, current, conformant) with the
// checks behind the answer: the failing ones for no, the unestablished ones
// for unknown, the ones that passed or warned for yes.
type Assessment struct {
	Answer Answer    `json:"answer"`           // yes, no or unknown
	Checks []CheckID `json:"checks,omitempty"` // the checks the answer rests on
}

// Policy is how conformance findings and nested credentials count.
type Policy string

const (
	// PolicyDefault (also the zero value, ""): an authentic, current
	// credential with data-model or schema findings, or with an
	// endorsement or nested credential that does not verify, is
	// VerifiedWithWarnings, each finding named. This is what wallets and
	// the verifiers built on the reference JavaScript stack accept.
	PolicyDefault Policy = "default"
	// PolicyStrict fails every conformance finding and every nested
	// credential that does not verify, as the 1EdTech validator does.
	PolicyStrict Policy = "strict"
)
