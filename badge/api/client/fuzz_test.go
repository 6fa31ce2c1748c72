package client

import (
	"strings"
	"testing"
)

// FuzzLinkRel: any Link header yields a target taken from between angle
// brackets, or nothing; never a panic.
func FuzzLinkRel(f *testing.F) {
	for _, s := range []string{`<https://h/a>; rel="next"`, `<>; rel=next`, `<;rel="next"`, `<a>;;;rel`, `,,,<x>; rel="prev next"`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		got := linkRel([]string{v}, "next")
		if got != "" && !strings.Contains(v, "<"+got+">") {
			t.Errorf("%q: target %q is not bracketed in the header", v, got)
		}
	})
}
