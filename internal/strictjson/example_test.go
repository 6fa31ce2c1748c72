package strictjson_test

import (
	"errors"
	"fmt"

	"github.com/microcred/microcred/internal/strictjson"
)

func ExampleDecode() {
	_, err := strictjson.Decode([]byte(`{"proof":{"kid":"a","KID":"b"}}`), strictjson.Limits{})
	var e *strictjson.Error
	if errors.As(err, &e) {
		fmt.Println(errors.Is(err, strictjson.ErrCaseVariant), e.Pointer)
	}
	// Output: true /proof/KID
}

func ExampleUnmarshal() {
	var header struct {
		Alg string `json:"alg"`
		Kid string `json:"kid"`
	}
	// encoding/json would set Kid from "KID".
	err := strictjson.Unmarshal([]byte(`{"alg":"EdDSA","KID":"https://victim.example/issuer#key"}`), &header, strictjson.Limits{})
	fmt.Println(err)
	// Output: strictjson: member name matches a field only when case is ignored at /KID: "KID" is not "kid"; JSON member names are case-sensitive
}
