package jcs_test

import (
	"fmt"

	"github.com/microcred/microcred/internal/jcs"
)

func ExampleTransform() {
	out, err := jcs.Transform([]byte(`{"b": 1.50, "a": "\u20ac", "c": [1E3, true]}`), nil)
	if err != nil {
		panic(err)
	}
	fmt.Println(string(out))
	// Output: {"a":"€","b":1.5,"c":[1000,true]}
}
