package jsonld

// checkContextDirection refuses, on the json-gold path, a base direction that
// no value object of the document states itself: one a context gives by
// default ("@direction" in a context or term definition). json-gold applies
// it, as JSON-LD 1.1 says; jsonld.js, which signs with the eddsa and ecdsa
// cryptosuites, ignores it; so the two stacks would sign different literals.
func checkContextDirection(in any, expanded []any) error {
	if n := countDirections(expanded, false); n > countDirections(in, true) {
		return unsafef("a @direction given by a context (as a default or in a term definition) is applied by JSON-LD 1.1 but ignored by jsonld.js, so the canonical form would be ambiguous; put @direction in the value objects instead")
	}
	return nil
}

// countDirections counts "@direction" members, outside contexts when
// skipContexts.
func countDirections(v any, skipContexts bool) int {
	n := 0
	switch t := v.(type) {
	case map[string]any:
		for k, x := range t {
			switch {
			case k == "@direction":
				n++
			case k == "@context" && skipContexts:
			default:
				n += countDirections(x, skipContexts)
			}
		}
	case []any:
		for _, x := range t {
			n += countDirections(x, skipContexts)
		}
	}
	return n
}
