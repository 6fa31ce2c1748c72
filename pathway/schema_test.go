package pathway

import (
	"bytes"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(SchemaV1()))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("pathway-v1.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("pathway-v1.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// The schema and Parse agree: what Parse accepts the schema accepts, and
// structural errors are rejected by both.
func TestSchemaAgreesWithParse(t *testing.T) {
	s := compileSchema(t)
	valid := [][]byte{mustRead(t, "webdev.json")}
	if def, err := Parse(valid[0]); err == nil {
		b, _ := Marshal(def)
		valid = append(valid, b)
	}
	for _, doc := range valid {
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Validate(inst); err != nil {
			t.Errorf("schema rejects a definition Parse accepts: %v", err)
		}
	}
	for _, req := range []string{
		`{"kind":"xor","items":[]}`,
		`{"kind":"allOf","itemz":[]}`,
		`{"kind":"component"}`,
		`{"kind":"allOf","within":"2 years","items":[]}`,
		`{"kind":"nOf","min":-1,"items":[]}`,
	} {
		doc := strings.Replace(minimal, "%s", req, 1)
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(doc))
		if err != nil {
			t.Fatal(err)
		}
		if s.Validate(inst) == nil {
			t.Errorf("schema accepts %s", req)
		}
		if _, err := Parse([]byte(doc)); err == nil {
			t.Errorf("Parse accepts %s", req)
		}
	}
}
