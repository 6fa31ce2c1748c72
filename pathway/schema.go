package pathway

import _ "embed"

// schemaV1 is the JSON Schema (draft 2020-12) of FormatV1.
//
//go:embed schema/pathway-v1.schema.json
var schemaV1 []byte

// SchemaV1 returns the JSON Schema of the pathway format, for editors and
// for hosts that validate definitions before storing them. It checks
// structure only; Parse also checks references, bounds, cycles and
// satisfiability. The returned slice is a copy.
func SchemaV1() []byte { return append([]byte(nil), schemaV1...) }
