package vocab

import "testing"

func TestPlainIRI(t *testing.T) {
	tests := []struct {
		iri    string
		plain  bool
		reason string
	}{
		{"did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK#z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK", true, "a did:key method"},
		{"https://example.edu/issuers/565049#key-1", true, "an https key URL"},
		{"did:", false, "no method-specific part"},
		{"https://", false, "no authority"},
		{"http://example.edu/key", false, "http is not among the plain schemes"},
		{"did:web:example.edu%3A8443#key", false, "a percent escape is not in the plain set"},
		{"https://example.edu/key?x=1", false, "a query is not in the plain set"},
		{"https://example.edu/a b", false, "a space fails every IRI check"},
		{"did:key:z6Mk\u00e9", false, "non-ASCII is left to the general path"},
		{"sec:key", false, "a compact IRI the contexts would expand"},
		{"DID:key:z6Mk", false, "the scheme is matched as written"},
		{"", false, "empty"},
	}
	for _, tt := range tests {
		if got := PlainIRI(tt.iri); got != tt.plain {
			t.Errorf("PlainIRI(%q) = %v, want %v: %s", tt.iri, got, tt.plain, tt.reason)
		}
	}
}
