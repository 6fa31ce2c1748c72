package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Baking a VC-JWT the 1EdTech validator verifies into both images.
func Example() {
	dir, err := os.MkdirTemp("", "bake-example-")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	var out bytes.Buffer
	if err := run(context.Background(), []string{"-out", dir, filepath.Join("testdata", "simple.jwt")}, &out); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(strings.ReplaceAll(out.String(), dir, "OUT"))
	// Output:
	// baking testdata/simple.jwt (1248 bytes) as it is
	// OUT/badge.png: 1720 bytes; extracted Open Badges 3.0 credential, compact JWS, 1248 bytes, identical to what was baked
	// OUT/badge.svg: 1621 bytes; extracted Open Badges 3.0 credential, compact JWS, 1248 bytes, identical to what was baked
}
