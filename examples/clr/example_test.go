package main

import (
	"bytes"
	"context"
	"fmt"

	"github.com/microcred/microcred/badge"
)

// The record's associations, read back from the printed JSON.
func Example() {
	var out, summary bytes.Buffer
	if err := run(context.Background(), []string{"-unsigned"}, &out, &summary); err != nil {
		fmt.Println(err)
		return
	}
	clr, err := badge.ParseClrCredential(out.Bytes())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(clr.Name)
	for _, a := range clr.CredentialSubject.Association {
		fmt.Println(a.SourceID, a.AssociationType, a.TargetID)
	}
	// Output:
	// Software Foundations: Learner Record
	// https://example.edu/achievements/cs101 isPartOf https://example.edu/achievements/software-foundations
	// https://example.edu/achievements/cs201 isPartOf https://example.edu/achievements/software-foundations
	// https://example.edu/achievements/cs101 precedes https://example.edu/achievements/cs201
}
