//go:build tools

// Package tools pins the module's dependencies before the code that uses them lands.
package tools

import (
	_ "github.com/go-jose/go-jose/v4"
	_ "github.com/google/go-cmp/cmp"
	_ "github.com/piprate/json-gold/ld"
	_ "github.com/santhosh-tekuri/jsonschema/v6"
)
