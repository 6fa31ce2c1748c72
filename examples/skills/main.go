// Command skills prints a learner's skills profile and how it measures up
// against a role.
//
//	go run ./examples/skills [-as-of DATE] [-json] [CREDENTIAL.json...]
//
// Without arguments it uses three Open Badges 3.0 credentials from the
// specification's examples (embedded). The role is built in: a robotics
// technician needing robot programming, linear equations, robot safety and
// sensors, with a small course catalogue to close the gaps. DATE is
// YYYY-MM-DD and defaults to 2025-06-01, so the output is reproducible.
// With -json the profile and the gap analysis are printed as JSON.
//
// Proofs and status are NOT verified here: every credential is believed as
// given. A host verifies them first (package verify) and passes the status
// it found in skills.Verified.
package main

import (
	"embed"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path"
	"time"

	"github.com/microcred/microcred/badge"
	"github.com/microcred/microcred/pathway"
	"github.com/microcred/microcred/pathway/skills"
)

//go:embed testdata/*.json
var samples embed.FS

// errUsage makes main exit with status 2.
var errUsage = errors.New("usage: skills [-as-of DATE] [-json] [CREDENTIAL.json...]")

func main() {
	err := run(os.Args[1:], os.Stdout, os.Stderr)
	switch {
	case errors.Is(err, errUsage):
		os.Exit(2)
	case err != nil:
		fmt.Fprintln(os.Stderr, "skills:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("skills", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asOfFlag := fs.String("as-of", "2025-06-01", "evaluate at `DATE` (YYYY-MM-DD)")
	asJSON := fs.Bool("json", false, "print JSON instead of text")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	asOf, err := time.Parse(time.DateOnly, *asOfFlag)
	if err != nil {
		return fmt.Errorf("%w: -as-of: %v", errUsage, err)
	}
	creds, err := load(fs.Args())
	if err != nil {
		return err
	}
	profile, err := skills.BuildFromCredentials(creds, asOf, skills.Options{})
	if err != nil {
		return err
	}
	earned, err := skills.Earned(creds)
	if err != nil {
		return err
	}
	role, err := technician().Definition()
	if err != nil {
		return err
	}
	gap, err := skills.Analyze(role, earned, asOf, catalogue(), skills.GapOptions{})
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			Profile *skills.Profile `json:"profile"`
			Gap     *skills.Gap     `json:"gap"`
		}{profile, gap})
	}
	fmt.Fprint(stdout, profile.Text())
	fmt.Fprintln(stdout)
	fmt.Fprint(stdout, gap.Text())
	return nil
}

// load reads the credentials named, or the embedded samples. The
// specification's examples share one id; later ones get a suffix so that
// they are distinct credentials, as they would be in a wallet.
func load(files []string) ([]skills.Verified, error) {
	read := os.ReadFile
	if len(files) == 0 {
		entries, err := samples.ReadDir("testdata")
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			files = append(files, path.Join("testdata", e.Name()))
		}
		read = samples.ReadFile
	}
	var out []skills.Verified
	seen := map[string]bool{}
	for _, f := range files {
		data, err := read(f)
		if err != nil {
			return nil, err
		}
		c, err := badge.ParseAchievementCredential(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		for base, i := c.ID, 1; seen[c.ID]; i++ {
			c.ID = fmt.Sprintf("%s#%d", base, i)
		}
		seen[c.ID] = true
		out = append(out, skills.Verified{Credential: c})
	}
	return out, nil
}

const robotics = "https://robotics-competencies.example.com/competencies/"

func technician() *skills.Role {
	return &skills.Role{ID: "https://jobs.example/roles/robotics-technician", Name: "Robotics technician",
		Requirements: []skills.Requirement{
			{ID: "robot-programming", Name: "Robot programming", Target: pathway.AlignmentMatch{TargetURL: robotics + "robot-programming"}},
			{ID: "linear-equations", Name: "Linear equations", Target: pathway.AlignmentMatch{
				Framework:  "Ivy Tech Community College of Indiana, MATH 135, FINITE MATH",
				TargetCode: "ce-6369c51f-4d86-4592-a761-8b32ae70a045"}},
			{ID: "safety", Name: "Robot safety", Target: pathway.AlignmentMatch{TargetURL: robotics + "safety"}},
			{ID: "sensors", Name: "Sensors", Target: pathway.AlignmentMatch{TargetURL: robotics + "sensors"}},
		}}
}

func catalogue() []badge.Achievement {
	course := func(id, name string, skills ...string) badge.Achievement {
		a := badge.Achievement{ID: "https://courses.example/" + id, Name: name}
		for _, s := range skills {
			a.Alignment = append(a.Alignment, badge.Alignment{TargetURL: robotics + s, TargetName: s})
		}
		return a
	}
	return []badge.Achievement{
		course("safety-101", "Safety 101", "safety"),
		course("sensors-lab", "Sensors Lab", "sensors"),
		course("field-tech", "Field Technician Bootcamp", "safety", "sensors"),
		course("robotics-intro", "Intro to Robotics", "robot-programming"),
	}
}
