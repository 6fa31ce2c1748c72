package multibase_test

import (
	"fmt"

	"github.com/microcred/microcred/internal/multibase"
)

func Example() {
	s, _ := multibase.Encode(multibase.Base58BTC, []byte("yes mani !"))
	fmt.Println(s)
	enc, b, err := multibase.Decode(s)
	fmt.Printf("%c %s %v\n", enc, b, err)
	// Output:
	// z7paNL19xttacUY
	// z yes mani ! <nil>
}
