package badge

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Severity of a Finding.
type Severity string

// Severities. A credential with only warnings is valid.
const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
)

// Finding is one problem Validate found.
type Finding struct {
	// Pointer locates the problem in the document (RFC 6901 JSON Pointer);
	// "" is the whole document.
	Pointer  string   `json:"pointer"`
	Severity Severity `json:"severity"`
	// Code is a stable identifier for programs, e.g. "context.first",
	// "achievement.name", "vc1.issuanceDate", "schema.required".
	Code    string `json:"code"`
	Message string `json:"message"`
}

func (f Finding) String() string {
	p := f.Pointer
	if p == "" {
		p = "/"
	}
	return fmt.Sprintf("%s %s: %s [%s]", f.Severity, p, f.Message, f.Code)
}

// Findings is the result of a validation, data-model findings first.
type Findings []Finding

// HasErrors reports whether any finding is an error.
func (fs Findings) HasErrors() bool {
	return slices.ContainsFunc(fs, func(f Finding) bool { return f.Severity == SeverityError })
}

// Errors returns the findings of severity error.
func (fs Findings) Errors() Findings {
	var out Findings
	for _, f := range fs {
		if f.Severity == SeverityError {
			out = append(out, f)
		}
	}
	return out
}

// Warnings returns the findings of severity warning.
func (fs Findings) Warnings() Findings {
	var out Findings
	for _, f := range fs {
		if f.Severity == SeverityWarning {
			out = append(out, f)
		}
	}
	return out
}

// Codes lists the codes of the findings, in order, for tests and logs.
func (fs Findings) Codes() []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Code
	}
	return out
}

// Err returns nil when there are no errors, and otherwise an
// *InvalidError, which matches ErrInvalidCredential.
func (fs Findings) Err() error {
	if !fs.HasErrors() {
		return nil
	}
	return &InvalidError{Findings: fs.Errors()}
}

// ErrInvalidCredential: the credential breaks the data model or its JSON
// Schema. The *InvalidError carrying it lists every finding.
var ErrInvalidCredential = errors.New("badge: credential is not valid")

// InvalidError lists the errors that make a credential invalid.
type InvalidError struct {
	Findings Findings
}

func (e *InvalidError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "badge: credential is not valid (%d errors)", len(e.Findings))
	for i, f := range e.Findings {
		if i == 3 {
			fmt.Fprintf(&b, "; ...")
			break
		}
		fmt.Fprintf(&b, "; %s", f)
	}
	return b.String()
}

// Is makes errors.Is(err, ErrInvalidCredential) true.
func (e *InvalidError) Is(target error) bool { return target == ErrInvalidCredential }

// dedupe drops repeated findings (same pointer and code), keeping order.
func dedupe(fs Findings) Findings {
	seen := map[[2]string]bool{}
	out := fs[:0]
	for _, f := range fs {
		k := [2]string{f.Pointer, f.Code + f.Message}
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, f)
	}
	return out
}
