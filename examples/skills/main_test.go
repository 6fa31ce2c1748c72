package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := run(nil, &out, &errOut); err != nil {
		t.Fatalf("run: %v\n%s", err, errOut.String())
	}
	for _, want := range []string{
		"Skills profile as of 2025-06-01: 6 skills from 3 credentials",
		"Robot Programming\n",
		"Role Robotics technician as of 2025-06-01: not yet met (50%)",
		"[x] Linear equations: by credential http://1edtech.edu/credentials/3732#",
		"Fewest achievements to meet the role: 1\n  1. Field Technician Bootcamp: meets safety, sensors",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

func TestRunExpired(t *testing.T) {
	var out bytes.Buffer
	if err := run([]string{"-as-of", "2031-01-01"}, &out, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "[expired]") {
		t.Errorf("the degree credential expires in 2030; the 2031 profile shows no expired skill:\n%s", out.String())
	}
}

func TestRunJSON(t *testing.T) {
	var out bytes.Buffer
	if err := run([]string{"-json", "testdata/examples_skillAssertionCase__00__Skill-Assertion-CASE.json"}, &out, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	var v struct {
		Profile struct{ Skills []struct{ Key string } }
		Gap     struct {
			Met    bool
			Closes bool
			Plan   []struct{ Achievement string }
		}
	}
	if err := json.Unmarshal(out.Bytes(), &v); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	// Linear equations is in no catalogue course: the plan covers the rest
	// and says it does not close the role.
	if len(v.Profile.Skills) != 1 || v.Gap.Met || v.Gap.Closes || len(v.Gap.Plan) != 1 {
		t.Errorf("one credential: %d skills, met %v, closes %v, plan of %d; want 1 skill, unmet, not closable, plan of 1\n%s",
			len(v.Profile.Skills), v.Gap.Met, v.Gap.Closes, len(v.Gap.Plan), out.String())
	}
}

func TestRunErrors(t *testing.T) {
	for _, args := range [][]string{{"-nope"}, {"-as-of", "yesterday"}} {
		if err := run(args, &bytes.Buffer{}, &bytes.Buffer{}); !errors.Is(err, errUsage) {
			t.Errorf("%v: err = %v, want a usage error", args, err)
		}
	}
	if err := run([]string{"testdata/missing.json"}, &bytes.Buffer{}, &bytes.Buffer{}); err == nil || errors.Is(err, errUsage) {
		t.Errorf("missing file: err = %v", err)
	}
}
