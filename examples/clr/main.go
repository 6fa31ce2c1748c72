// Command clr bundles a learner's Open Badges 3.0 credentials into a
// Comprehensive Learner Record (CLR 2.0) and prints it as JSON.
//
// Usage:
//
//	go run ./examples/clr [-unsigned] > record.json
//
// It makes an Ed25519 did:key issuer, issues three achievements to one
// learner (two courses and the certificate they make up), signs each with
// an eddsa-rdfc-2022 Data Integrity proof, and bundles them in a
// ClrCredential whose associations say how the achievements relate: both
// courses are part of the certificate, and the first course precedes the
// second. The CLR itself is signed too, unless -unsigned is given. The JSON
// goes to standard output, a summary to standard error. No network is used.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/microcred/microcred/badge"
	"github.com/microcred/microcred/credential"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "clr:", err)
		os.Exit(1)
	}
}

var errUsage = errors.New("usage: clr [-unsigned]")

// The learner and the achievements of the record.
const learner = "did:example:ebfeb1f712ebc6f1c276e12ec21"

var (
	intro = badge.Achievement{
		ID:              "https://example.edu/achievements/cs101",
		AchievementType: badge.AchievementTypeCourse,
		Name:            "CS 101: Introduction to Programming",
		Description:     "Variables, control flow, functions and testing in a modern language.",
		Criteria:        &badge.Criteria{Narrative: "Pass the final project and three of four quizzes."},
		HumanCode:       "CS 101",
	}
	structures = badge.Achievement{
		ID:              "https://example.edu/achievements/cs201",
		AchievementType: badge.AchievementTypeCourse,
		Name:            "CS 201: Data Structures",
		Description:     "Lists, trees, hash tables and graphs, and when to use which.",
		Criteria:        &badge.Criteria{Narrative: "Pass the final examination with 70% or more."},
		HumanCode:       "CS 201",
	}
	certificate = badge.Achievement{
		ID:              "https://example.edu/achievements/software-foundations",
		AchievementType: badge.AchievementTypeCertificate,
		Name:            "Certificate in Software Foundations",
		Description:     "Awarded for completing CS 101 and CS 201.",
		Criteria:        &badge.Criteria{Narrative: "Earn CS 101 and CS 201."},
	}
)

// associations relate the achievements, read "source <type> target".
func associations() []badge.Association {
	return []badge.Association{
		{AssociationType: badge.AssociationIsPartOf, SourceID: intro.ID, TargetID: certificate.ID},
		{AssociationType: badge.AssociationIsPartOf, SourceID: structures.ID, TargetID: certificate.ID},
		{AssociationType: badge.AssociationPrecedes, SourceID: intro.ID, TargetID: structures.ID},
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("clr", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	unsigned := fs.Bool("unsigned", false, "leave the CLR itself unsigned (the bundled credentials are signed either way)")
	if err := fs.Parse(args); err != nil || fs.NArg() != 0 {
		return errUsage
	}

	key, err := credential.NewIssuerKey(credential.KeyEd25519)
	if err != nil {
		return err
	}
	issuer := badge.Profile{ID: key.DID, Name: "Example University", URL: "https://example.edu"}
	sign := func(doc []byte) ([]byte, error) {
		return credential.AddProof(ctx, doc, credential.SignOptions{Signer: key.Signer, VerificationMethod: key.VerificationMethod})
	}

	// Issue and sign each achievement on its own: a CLR carries credentials
	// that can still be verified when taken out of it.
	earned := []struct {
		a  badge.Achievement
		on time.Time
	}{
		{intro, time.Date(2025, 1, 20, 0, 0, 0, 0, time.UTC)},
		{structures, time.Date(2025, 6, 2, 0, 0, 0, 0, time.UTC)},
		{certificate, time.Date(2025, 6, 9, 0, 0, 0, 0, time.UTC)},
	}
	var bundled []json.RawMessage
	var defs []badge.Achievement
	for _, e := range earned {
		a := e.a
		cred, err := badge.NewAchievementCredential(issuer, badge.AchievementSubject{ID: learner, Achievement: &a},
			&badge.Options{ValidFrom: e.on})
		if err != nil {
			return fmt.Errorf("issuing %s: %w", a.Name, err)
		}
		signed, err := marshalAndSign(cred, sign)
		if err != nil {
			return fmt.Errorf("signing %s: %w", a.Name, err)
		}
		bundled = append(bundled, signed)
		defs = append(defs, a)
	}

	clr, err := badge.NewClrCredential(issuer, badge.ClrSubject{
		ID:                   learner,
		Achievement:          defs,
		VerifiableCredential: bundled,
		Association:          associations(),
	}, "Software Foundations: Learner Record", &badge.Options{Description: "Courses and certificate earned at Example University."})
	if err != nil {
		return fmt.Errorf("building the CLR: %w", err)
	}
	var doc []byte
	if *unsigned {
		doc, err = clr.MarshalJSON()
	} else {
		doc, err = marshalAndSign(clr, sign)
	}
	if err != nil {
		return fmt.Errorf("the CLR: %w", err)
	}

	// Indenting changes no JSON value, so the proofs stay valid.
	out, err := json.MarshalIndent(json.RawMessage(doc), "", "  ")
	if err != nil {
		return err
	}
	if _, err := fmt.Fprintf(stdout, "%s\n", out); err != nil {
		return err
	}
	state := "signed by " + key.DID
	if *unsigned {
		state = "unsigned"
	}
	fmt.Fprintf(stderr, "CLR %s: %d signed credentials, %d achievements, %d associations; %s\n",
		clr.ID, len(bundled), len(defs), len(clr.CredentialSubject.Association), state)
	return nil
}

// marshalAndSign encodes a built credential and adds a Data Integrity proof.
func marshalAndSign(c json.Marshaler, sign func([]byte) ([]byte, error)) ([]byte, error) {
	doc, err := c.MarshalJSON()
	if err != nil {
		return nil, err
	}
	return sign(doc)
}
