package status_test

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/microcred/microcred/credential/status"
)

// An issuer creates a revocation list, gives each credential an index and
// later revokes one. The entry goes into badge.Options.Status; the list
// credential is signed with package credential and published at its URL.
func Example() {
	list, err := status.New(status.Revocation, status.Options{})
	if err != nil {
		panic(err)
	}
	idx, _ := list.Allocate()
	entry, _ := list.Entry("https://issuer.example/status/1", idx)
	credentialStatus, _ := json.Marshal(entry)
	fmt.Println(string(credentialStatus))

	_ = list.Revoke(idx)
	unsigned, _ := list.Credential(status.CredentialOptions{
		ID:     "https://issuer.example/status/1",
		Issuer: "did:example:issuer",
	})

	// A verifier, after checking the list credential's proof and issuer:
	lc, _ := status.ParseListCredential(unsigned)
	bits, _ := lc.Bits(status.DecodeOptions{})
	parsed, _ := status.ParseEntry(credentialStatus)
	result, _ := status.Lookup(parsed, lc, bits)
	fmt.Println("revoked:", result.Set())
	// Output:
	// {"id":"https://issuer.example/status/1#0","type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListCredential":"https://issuer.example/status/1","statusListIndex":"0"}
	// revoked: true
}

// Index 0 is the left-most bit: 0x80 in the first byte.
func ExampleReadStatus() {
	bits := make([]byte, status.MinEntries/8)
	bits[0] = 0x80
	bits[1] = 0x01
	for _, i := range []int{0, 1, 15} {
		v, _ := status.ReadStatus(bits, i, 1)
		fmt.Println(i, v)
	}
	// Output:
	// 0 1
	// 1 0
	// 15 1
}

func ExampleDecodeBitstring() {
	// The encodedList of the W3C specification's example status list.
	const encoded = "uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA"
	bits, err := status.DecodeBitstring(encoded, status.Bitstring, status.DecodeOptions{})
	fmt.Println(len(bits)*8, err)
	// Output: 131072 <nil>
}

func ExampleList_Suspend() {
	list, _ := status.New(status.Suspension, status.Options{})
	i, _ := list.AllocateRandom(nil)
	_ = list.Suspend(i)
	v1, _ := list.Get(i)
	_ = list.Reinstate(i)
	v2, _ := list.Get(i)
	fmt.Println(v1, v2)
	// Output: 1 0
}

// A verifier that has decoded the whole credential reads its status entry
// from the decoded document, as package verify does.
func ExampleParseEntryObject() {
	var cred map[string]any
	dec := json.NewDecoder(strings.NewReader(`{"credentialStatus": {
		"id": "https://example.edu/status/3#94567",
		"type": "BitstringStatusListEntry",
		"statusPurpose": "revocation",
		"statusListIndex": "94567",
		"statusListCredential": "https://example.edu/status/3"}}`))
	dec.UseNumber()
	if err := dec.Decode(&cred); err != nil {
		fmt.Println(err)
		return
	}
	entry, err := status.ParseEntryObject(cred["credentialStatus"].(map[string]any))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(entry.Type, entry.StatusPurpose, entry.Index, entry.StatusListCredential)
	// Output: BitstringStatusListEntry revocation 94567 https://example.edu/status/3
}
