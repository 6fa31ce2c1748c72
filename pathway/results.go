package pathway

import (
	"math"
	"strconv"
	"strings"
)

// decimalValue reads a result value as a finite decimal number ("87",
// "87.5", "87 %"). ParseFloat alone also accepts "NaN", "Inf" and hex
// floats, which an issuer could write to pass any minValue.
func decimalValue(s string) (float64, bool) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	if s == "" || strings.IndexFunc(s, func(r rune) bool { return !strings.ContainsRune("0123456789.+-eE", r) }) >= 0 {
		return 0, false
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false
	}
	return v, true
}
