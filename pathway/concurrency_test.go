package pathway

import (
	"encoding/json"
	"sync"
	"testing"
)

// One parsed definition is shared by concurrent evaluations (run with -race).
func TestConcurrentEvaluate(t *testing.T) {
	def, err := Parse(mustRead(t, "webdev.json"))
	if err != nil {
		t.Fatal(err)
	}
	_, earned := loadCredentials(t)
	want, _ := json.Marshal(evaluate(t, def, earned, Options{}))
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for range 8 {
		wg.Go(func() {
			p, err := Evaluate(def, earned, asOf, Options{})
			if err != nil {
				errs <- err.Error()
				return
			}
			if got, _ := json.Marshal(p); string(got) != string(want) {
				errs <- "concurrent evaluation differs"
			}
			_ = Lint(def)
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
