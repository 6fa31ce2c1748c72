package skills

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/microcred/microcred/badge"
	"github.com/microcred/microcred/internal/fixtures"
	"github.com/microcred/microcred/pathway"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output; if the change is intended, run with -update and review the diff\ngot:\n%s", name, got)
	}
}

// specCredentials reads the three specification examples. All three share
// one credential id in the specification; the second and third are renamed
// so they are three credentials, as they would be in a wallet.
func specCredentials(t testing.TB) []Verified {
	var out []Verified
	for i, f := range []string{
		"examples_skillAssertionCase__00__Skill-Assertion-CASE.json",
		"examples_skillAssertionCtdl__00__Skill-Assertion-Credential-Registry.json",
		"examples_fullOpenBadge__00__Complete-OpenBadgeCredential.json",
	} {
		c, err := badge.ParseAchievementCredential(fixtures.Read(t, "1edtech/spec/"+f))
		if err != nil {
			t.Fatal(err)
		}
		if i > 0 {
			c.ID += "-" + strconv.Itoa(i)
		}
		out = append(out, Verified{Credential: c})
	}
	return out
}

func TestGoldenProfile(t *testing.T) {
	creds := specCredentials(t)
	// The complete example expires 2030-01-01 in the spec; evaluate in 2031
	// so one credential's skills show as expired.
	p, err := BuildFromCredentials(creds, date("2031-06-01"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "profile.golden.txt", []byte(p.Text()))
	js, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "profile.golden.json", append(js, '\n'))
}

func TestGoldenGap(t *testing.T) {
	role := &Role{ID: "https://jobs.example/roles/robotics-tech", Name: "Robotics technician", Requirements: []Requirement{
		{ID: "robot-programming", Name: "Robot Programming",
			Target: pathway.AlignmentMatch{TargetURL: "https://robotics-competencies.example.com/competencies/robot-programming"}},
		{ID: "linear", Name: "Linear equations",
			Target: pathway.AlignmentMatch{Framework: "Ivy Tech Community College of Indiana, MATH 135, FINITE MATH", TargetCode: "ce-6369c51f-4d86-4592-a761-8b32ae70a045"}},
		{ID: "safety", Name: "Robot safety", Target: pathway.AlignmentMatch{TargetURL: "https://robotics-competencies.example.com/competencies/safety"}},
		{ID: "sensors", Name: "Sensors", Target: pathway.AlignmentMatch{TargetURL: "https://robotics-competencies.example.com/competencies/sensors"}},
	}}
	def, err := role.Definition()
	if err != nil {
		t.Fatal(err)
	}
	var earned []pathway.Earned
	for _, v := range specCredentials(t)[:2] {
		e, err := pathway.FromCredential(v.Credential)
		if err != nil {
			t.Fatal(err)
		}
		earned = append(earned, e)
	}
	comp := func(id, name string, urls ...string) badge.Achievement {
		a := badge.Achievement{ID: "https://example.com/achievements/" + id, Name: name}
		for _, u := range urls {
			a.Alignment = append(a.Alignment, badge.Alignment{TargetURL: "https://robotics-competencies.example.com/competencies/" + u})
		}
		return a
	}
	cat := []badge.Achievement{
		comp("safety-101", "Safety 101", "safety"),
		comp("sensors-lab", "Sensors Lab", "sensors"),
		comp("field-tech", "Field Technician Bootcamp", "safety", "sensors"),
	}
	g, err := Analyze(def, earned, date("2025-06-01"), cat, GapOptions{})
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "gap.golden.txt", []byte(g.Text()))
}

func TestEarned(t *testing.T) {
	creds := specCredentials(t)
	creds[0].Status = pathway.StatusRevoked
	es, err := Earned(creds)
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 3 || es[0].Status != pathway.StatusRevoked || es[1].Status != pathway.StatusActive {
		t.Errorf("statuses not carried over: %+v", es)
	}
	p, err := BuildFromCredentials(creds, date("2025-01-01"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Excluded) != 1 || p.Excluded[0].Reason != "revoked" {
		t.Errorf("the revoked spec credential is not excluded: %+v", p.Excluded)
	}
	if _, err := Earned([]Verified{{}}); !errors.Is(err, ErrInput) {
		t.Errorf("nil credential: err = %v, want ErrInput", err)
	}
}
