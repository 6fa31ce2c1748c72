package ctdl

import (
	"errors"
	"strings"
	"testing"

	"github.com/microcred/microcred/internal/strictjson"
)

// TestStrictJSON: CTDL and Badgr documents are read by the module's one
// strict reader, so a document that two JSON readers would read differently
// is refused rather than imported one way.
func TestStrictJSON(t *testing.T) {
	goal := `{"@id": "urn:goal", "@type": "CredentialComponent", "name": "Goal"}`
	if _, err := Import(pathwayDoc(goal), Options{}); err != nil {
		t.Fatalf("control document: %v", err)
	}
	for _, tc := range []struct {
		name   string
		data   []byte
		target error
		reason string
	}{
		{"repeated name", pathwayDoc(`{"@id": "urn:goal", "@type": "CredentialComponent", "name": "Goal", "name": "Other"}`),
			strictjson.ErrDuplicateKey, "encoding/json keeps the last, other readers the first"},
		{"repeated @id", pathwayDoc(`{"@id": "urn:goal", "@id": "urn:other", "@type": "CredentialComponent"}`),
			strictjson.ErrDuplicateKey, "which node is this?"},
		{"names that differ only in case", pathwayDoc(`{"@id": "urn:goal", "@type": "CredentialComponent", "ceterms:name": "Goal", "ceterms:Name": "Other"}`),
			strictjson.ErrCaseVariant, "the import folds case, a JSON-LD processor does not"},
		{"lone surrogate", pathwayDoc(`{"@id": "urn:goal", "@type": "CredentialComponent", "name": "\ud800"}`),
			strictjson.ErrInvalidUTF8, "encoding/json would read U+FFFD"},
		{"second document broken", append(pathwayDoc(goal), []byte(` {"a": 1, "a": 2}`)...),
			strictjson.ErrDuplicateKey, "every concatenated document is checked"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Import(tc.data, Options{})
			if !errors.Is(err, ErrSyntax) || !errors.Is(err, tc.target) {
				t.Errorf("%s: err = %v, want ErrSyntax and %v", tc.reason, err, tc.target)
			}
		})
	}
	// Case pairs inside a context are JSON-LD's own (terms are
	// case-sensitive) and stay readable.
	withContext := strings.Replace(string(pathwayDoc(goal)), `{"@graph"`, `{"@context": {"Name": "ceterms:Name", "name": "ceterms:name"}, "@graph"`, 1)
	if _, err := Import([]byte(withContext), Options{}); err != nil {
		t.Errorf("a context with a case pair: %v", err)
	}

	badgr := `{"elementId": "root", "name": "Root", "completionBadge": {"badgeUrl": "https://b.example/root"},
		"requirements": {"childElementRequirements": {"countRule": {"@type": "all"}}, "nonChildElementRequirements": {"countRule": {"@type": "all"}, "elementIds": []},
		"badgeRequirements": {"countRule": {"@type": "all"}, "requiredBadges": [{"badgeUrl": "https://b.example/a"}]}}, "children": []}`
	if _, err := ImportBadgr([]byte(badgr), Options{}); err != nil {
		t.Fatalf("control Badgr export: %v", err)
	}
	for _, tc := range []struct {
		name, data string
		target     error
		reason     string
	}{
		{"ElementId", strings.Replace(badgr, `"elementId"`, `"ElementId"`, 1), strictjson.ErrFieldCase, "encoding/json would take it for elementId"},
		{"BadgeUrl", strings.Replace(badgr, `{"badgeUrl": "https://b.example/a"}`, `{"BadgeURL": "https://b.example/a"}`, 1), strictjson.ErrFieldCase, "nested fields too"},
		{"repeated name", strings.Replace(badgr, `"name": "Root"`, `"name": "Root", "name": "Other"`, 1), strictjson.ErrDuplicateKey, "which name?"},
	} {
		t.Run("badgr "+tc.name, func(t *testing.T) {
			_, err := ImportBadgr([]byte(tc.data), Options{})
			if !errors.Is(err, ErrSyntax) || !errors.Is(err, tc.target) {
				t.Errorf("%s: err = %v, want ErrSyntax and %v", tc.reason, err, tc.target)
			}
		})
	}
}
