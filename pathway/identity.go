package pathway

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"
)

// credKey is the Open Badges 3.0 equality rule ("Equality and comparison",
// badge.SameCredential): two credentials are the same only when their
// issuer ids and their ids are equal, after percent-encoded characters are
// unescaped and surrounding white space removed. Ids are unique per issuer
// only, and issuers copy the specification's example ids.
func credKey(e *Earned) [2]string {
	return [2]string{normID(e.ID), normID(e.IssuerID)}
}

func normID(id string) string {
	// Most ids carry no escape and no surrounding space; they are their own
	// normal form, and checking that costs no allocation.
	if strings.IndexByte(id, '%') < 0 && (id == "" || !isSpace(id[0]) && !isSpace(id[len(id)-1])) {
		return id
	}
	if u, err := url.PathUnescape(id); err == nil {
		id = u
	}
	return strings.TrimSpace(id)
}

// isSpace reports whether the byte may start or end white space that
// strings.TrimSpace removes (ASCII space or the lead or last byte of a
// multi-byte character), so the fast path of normID never skips a trim.
func isSpace(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\v' || b == '\f' || b == '\r' || b >= 0x80
}

// cmpKeyed orders credentials by identity and, within one identity, the
// copy that counts first: the later validFrom (the rule badge.Supersedes
// implements), then a total order on the contents so that the choice
// between two copies issued at the same instant does not depend on the
// order the host passed them in.
func cmpKeyed(a, b *Earned, ka, kb [2]string) int {
	if c := strings.Compare(ka[0], kb[0]); c != 0 {
		return c
	}
	if c := strings.Compare(ka[1], kb[1]); c != 0 {
		return c
	}
	if c := b.ValidFrom.Compare(a.ValidFrom); c != 0 {
		return c // later validFrom first
	}
	return strings.Compare(canon(a), canon(b))
}

// canon renders every field of e, times without their monotonic reading.
func canon(e *Earned) string {
	c := *e
	c.EarnedAt, c.ValidFrom, c.ValidUntil = c.EarnedAt.Round(0), c.ValidFrom.Round(0), c.ValidUntil.Round(0)
	return fmt.Sprintf("%+v", c)
}

// duplicate is a copy of a kept credential that the evaluation set aside.
type duplicate struct {
	of int // index of the kept copy in evaluator.earned
	e  *Earned
}

// keyCredentials computes every credential's identity (credKey) once,
// into sc.order in the input order. It refuses a credential without an id.
func keyCredentials(earned []Earned, sc *scratch) error {
	order := sc.order[:0]
	if cap(order) < len(earned) {
		order = make([]keyedEarned, 0, len(earned))
	}
	for i := range earned {
		k := credKey(&earned[i])
		if k[0] == "" {
			return fmt.Errorf("%w: an earned credential has no ID", ErrInput)
		}
		order = append(order, keyedEarned{k, &earned[i]})
	}
	sc.order = order
	return nil
}

// dedupe sorts the credentials keyed by keyCredentials and keeps one copy
// of each (issuer, id), as pointers into the host's slice: a cohort
// evaluates many learners, each with many credentials, and copying them
// would cost more than the rest of a verdict. Copies are rare. It also
// returns the ids that more than one kept credential has: those
// credentials differ by issuer, and prose must name the issuer too.
func dedupe(sc *scratch) (kept []*Earned, dups []duplicate, shared map[string]bool) {
	order := sc.order
	cmp := func(a, b keyedEarned) int { return cmpKeyed(a.e, b.e, a.key, b.key) }
	// Hosts often pass credentials in id order already; checking costs one
	// comparison per credential where sorting costs log n of them.
	if !slices.IsSortedFunc(order, cmp) {
		slices.SortFunc(order, cmp)
	}
	kept = sc.kept[:0]
	if cap(kept) < len(order) {
		kept = make([]*Earned, 0, len(order))
	}
	var last [2]string
	for j, o := range order {
		if j > 0 && o.key == last {
			dups = append(dups, duplicate{len(kept) - 1, o.e})
			continue
		}
		// Sorted by id first, so credentials sharing an id are adjacent.
		if j > 0 && o.key[0] == last[0] {
			if shared == nil {
				shared = map[string]bool{}
			}
			shared[o.key[0]] = true
		}
		kept = append(kept, o.e)
		last = o.key
	}
	sc.kept = kept
	return kept, dups, shared
}

// keyedEarned is a credential with its identity (credKey) computed once.
type keyedEarned struct {
	key [2]string
	e   *Earned
}

// credName names a credential in explanations and reasons: its id, with the
// issuer added only when another credential of the evaluation has the same
// id, so that every name is unambiguous and the common case stays short.
func (ev *evaluator) credName(e *Earned) string {
	if ev.shared != nil && ev.shared[normID(e.ID)] {
		return credLabel(e.ID, e.IssuerID)
	}
	return e.ID
}

// CredentialKey is the key of AwardOptions.Credentials for a credential
// whose id another issuer's credential also has: the issuer id and the
// credential id, separated by a space (which neither may contain).
func CredentialKey(issuerID, id string) string {
	return issuerID + " " + id
}

func credLabel(id, issuer string) string {
	if issuer == "" {
		return id + " (no issuer)"
	}
	return id + " (issuer " + issuer + ")"
}

// duplicateReason says why a copy was set aside.
func duplicateReason(kept, dup *Earned, label string) string {
	if kept.ValidFrom.After(dup.ValidFrom) {
		return fmt.Sprintf("superseded by a copy of credential %s with the later validFrom %s (same issuer and id)",
			label, kept.ValidFrom.UTC().Format(time.RFC3339))
	}
	return fmt.Sprintf("another copy of credential %s counts instead (same issuer, id and validFrom)", label)
}
