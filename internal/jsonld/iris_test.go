package jsonld

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/microcred/microcred/internal/rdfc"
)

// TestStraightIRIsPassRDFC proves what lets Canonicalize tell rdfc that
// the straight path's IRIs are checked (rdfc.Options.IRIsChecked): every
// string isAbsIRI accepts, rdfc's own check accepts too, and every IRI the
// straight path emits has passed isAbsIRI. Were either to fail, a document
// could reach a signature with an IRI that no canonical N-Quads can hold.
func TestStraightIRIsPassRDFC(t *testing.T) {
	// rdfc refuses an IRI for a byte it holds or for its scheme: each byte
	// at each place that decides either, and runs of bytes beyond ASCII
	// (which neither check decodes; the copier checks UTF-8).
	var cands []string
	for b := range 256 {
		c := string([]byte{byte(b)})
		for _, form := range []string{"%s", "%s:x", "a%s:x", "a:%s", "urn:x%sy", "urn:%s%s", "%s%s:x"} {
			cands = append(cands, strings.ReplaceAll(form, "%s", c))
		}
	}
	cands = append(cands, "urn:\xff\xfe", "a:\xc3\xa9", "ex:caf\xc3\xa9", "urn:\xe2\x80", ":x", "a:", "1a:x")
	accepted := 0
	for _, s := range cands {
		if !isAbsIRI(s) {
			continue
		}
		accepted++
		if err := rdfcAccepts(s); err != nil {
			t.Errorf("isAbsIRI accepts %q, rdfc refuses it: %v", s, err)
		}
	}
	// A check that accepted nothing would pass vacuously.
	if accepted < 256 {
		t.Fatalf("isAbsIRI accepted only %d of %d candidates", accepted, len(cands))
	}

	// The IRIs the straight path makes itself rather than from the
	// document.
	for _, s := range []string{rdfType, rdfFirst, rdfRest, rdfNil, rdfJSON, xsdBool, xsdInt, xsdDouble, rdfc.RDFLangString, i18nBase + "en-gb_rtl", i18nBase + "_ltr"} {
		if !isAbsIRI(s) {
			t.Errorf("the straight path emits %q, which isAbsIRI refuses", s)
		}
	}

	// Every IRI the straight path emits for the corpus, the generated
	// Open Badges and documents at its edges passes isAbsIRI.
	l, err := NewLoader(nil)
	if err != nil {
		t.Fatal(err)
	}
	docs := corpus(t)
	var all [][]byte
	for _, name := range slices.Sorted(maps.Keys(docs)) {
		all = append(all, docs[name])
	}
	for _, set := range []string{"generated-ob3", "fallback"} {
		for _, d := range docSet(t, set) {
			all = append(all, d)
		}
	}
	straight := 0
	for i, doc := range all {
		lim := Limits{}.withDefaults()
		in, err := readDocument(doc, lim)
		if err != nil {
			continue
		}
		ds, ok := directToRDF(context.Background(), in, l, lim, nil)
		if !ok {
			continue
		}
		straight++
		for _, q := range ds {
			for _, term := range []rdfc.Term{q.Subject, q.Predicate, q.Object, q.Graph} {
				if term.Kind == rdfc.IRI && !isAbsIRI(term.Value) {
					t.Errorf("document %d: the straight path emits IRI %q, which isAbsIRI refuses", i, term.Value)
				}
				if term.Kind == rdfc.Literal && term.Datatype != "" && !isAbsIRI(term.Datatype) {
					t.Errorf("document %d: the straight path emits datatype %q, which isAbsIRI refuses", i, term.Datatype)
				}
			}
		}
	}
	if straight < 100 {
		t.Fatalf("only %d documents took the straight path", straight)
	}
}

// rdfcAccepts canonicalizes s as subject, predicate, object, graph name
// and datatype with rdfc checking every IRI.
func rdfcAccepts(s string) error {
	iri := rdfc.Term{Kind: rdfc.IRI, Value: s}
	ds := rdfc.Dataset{
		{Subject: iri, Predicate: iri, Object: iri, Graph: iri},
		{Subject: iri, Predicate: iri, Object: rdfc.Term{Kind: rdfc.Literal, Value: "v", Datatype: s}},
	}
	if _, err := rdfc.Canonicalize(ds, nil); err != nil {
		return fmt.Errorf("canonicalizing: %w", err)
	}
	return nil
}
