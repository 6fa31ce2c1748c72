// Command quickstart is the guided tour of microcred. It takes no arguments
// and uses no network:
//
//	go run ./examples/quickstart
//
// It makes an issuer key, builds an Open Badges 3.0 credential, signs it,
// verifies it, bakes it into a PNG, evaluates a small stackable pathway
// before and after the learner's last badge, and awards (and signs) the
// stacked credential — printing each step in plain words.
package main

import (
	"bytes"
	"context"
	"crypto"
	_ "embed"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/microcred/microcred/badge"
	"github.com/microcred/microcred/badge/bake"
	"github.com/microcred/microcred/credential"
	"github.com/microcred/microcred/pathway"
	"github.com/microcred/microcred/verify"
)

//go:embed pathway.json
var pathwayJSON []byte

func main() {
	if err := run(context.Background(), os.Stdout, os.TempDir()); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

// issuer is an organisation that signs badges with one key.
type issuer struct {
	key     crypto.Signer
	profile badge.Profile
	vm      string // the verification method: the key's did:key URL
}

func run(ctx context.Context, w io.Writer, outDir string) error {
	step := func(n int, title string) { fmt.Fprintf(w, "\n── Step %d. %s\n", n, title) }

	step(1, "The issuer makes a key")
	key, err := credential.NewIssuerKey(credential.KeyEd25519)
	if err != nil {
		return err
	}
	academy := issuer{key: key.Signer, vm: key.VerificationMethod, profile: badge.Profile{ID: key.DID, Name: "Example Academy"}}
	fmt.Fprintf(w, "An Ed25519 key. Its public half is the issuer's identity, a did:key:\n  %s\n", key.DID)

	step(2, "The issuer builds an Open Badges 3.0 credential")
	learner := "did:example:ada-lovelace"
	earnedAt := time.Now().UTC().Add(-400 * 24 * time.Hour).Truncate(time.Second)
	cred, err := academy.badge(learner, "spreadsheets", "Spreadsheets", earnedAt)
	if err != nil {
		return err
	}
	unsigned, err := json.Marshal(cred)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "An OpenBadgeCredential saying %s earned %q (%d bytes of JSON-LD).\n", learner, "Spreadsheets", len(unsigned))

	step(3, "The issuer signs it (Data Integrity, eddsa-rdfc-2022)")
	signed, err := academy.sign(ctx, unsigned)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "The signed credential starts:")
	printHead(w, signed, 8)
	fmt.Fprintln(w, "  ...and ends with its proof:")
	printProof(w, signed)

	step(4, "A verifier checks it (offline: the key is in the did:key)")
	verifier, err := verify.New(verify.Config{})
	if err != nil {
		return err
	}
	report, err := verifier.Verify(ctx, signed)
	if err != nil {
		return err
	}
	fmt.Fprint(w, indent(report.String()))
	if !report.OK() {
		return fmt.Errorf("the credential we just signed does not verify: %w", report.Err())
	}

	step(5, "The badge is baked into a PNG the learner can share")
	pngPath, err := bakePNG(signed, outDir)
	if err != nil {
		return err
	}
	img, err := os.ReadFile(pngPath)
	if err != nil {
		return err
	}
	fromImage, err := verifier.Verify(ctx, img)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Wrote %s (%d bytes). Verifying the image itself: %s.\n", pngPath, len(img), fromImage.Verdict)

	step(6, "A stackable pathway: where does the learner stand?")
	def, err := pathway.Parse(pathwayJSON)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "%q: %s\n", def.Name, def.Description)
	wallet := []*verify.Report{report}
	for i, b := range []struct{ slug, name string }{{"sql", "SQL"}, {"python", "Python"}} {
		c, err := academy.signedBadge(ctx, learner, b.slug, b.name, earnedAt.Add(time.Duration(i+1)*30*24*time.Hour))
		if err != nil {
			return err
		}
		r, err := verifier.Verify(ctx, c)
		if err != nil {
			return err
		}
		wallet = append(wallet, r)
	}
	now := time.Now().UTC()
	progress, err := evaluate(def, wallet, now)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "With %d verified badges the learner is %.0f%% of the way:\n", len(wallet), progress.Percent)
	fmt.Fprint(w, indent(progress.Explain()))

	step(7, "The learner earns the capstone; the pathway completes")
	capstone, err := academy.signedBadge(ctx, learner, "capstone", "Capstone", now.Add(-24*time.Hour).Truncate(time.Second))
	if err != nil {
		return err
	}
	r, err := verifier.Verify(ctx, capstone)
	if err != nil {
		return err
	}
	wallet = append(wallet, r)
	if progress, err = evaluate(def, wallet, now); err != nil {
		return err
	}
	fmt.Fprintf(w, "With %d verified badges: complete = %v (%.0f%%).\n", len(wallet), progress.Complete, progress.Percent)

	step(8, "The stacked credential is awarded, signed and verified")
	award, err := pathway.AwardDestination(def, progress, pathway.AwardOptions{Recipient: learner, Issuer: &academy.profile})
	if err != nil {
		return err
	}
	awardJSON, err := json.Marshal(award.Credential)
	if err != nil {
		return err
	}
	stacked, err := academy.sign(ctx, awardJSON)
	if err != nil {
		return err
	}
	stackedReport, err := verifier.Verify(ctx, stacked)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Award %s: %q for %s, with %d pieces of evidence naming the badges used. Verification: %s.\n",
		award.ID, award.Credential.CredentialSubject.Achievement.Name, learner,
		len(award.Credential.Evidence), stackedReport.Verdict)
	if !stackedReport.OK() {
		return fmt.Errorf("the stacked credential does not verify: %w", stackedReport.Err())
	}
	fmt.Fprintln(w, "\nDone. Next: go doc ./badge, ./credential, ./verify, ./pathway, and the other programs in examples/.")
	return nil
}

// badge builds an unsigned credential for one of the academy's achievements.
func (is issuer) badge(learner, slug, name string, earnedAt time.Time) (*badge.AchievementCredential, error) {
	return badge.NewAchievementCredential(is.profile, badge.AchievementSubject{
		ID: learner,
		Achievement: &badge.Achievement{
			ID:              "https://academy.example/achievements/" + slug,
			AchievementType: "Badge",
			Name:            name,
			Description:     "Shows the learner can use " + name + " to analyse data.",
			Criteria:        &badge.Criteria{Narrative: "Pass the " + name + " assessment."},
		},
	}, &badge.Options{ValidFrom: earnedAt})
}

func (is issuer) sign(ctx context.Context, unsigned []byte) ([]byte, error) {
	return credential.AddProof(ctx, unsigned, credential.SignOptions{Signer: is.key, VerificationMethod: is.vm})
}

func (is issuer) signedBadge(ctx context.Context, learner, slug, name string, earnedAt time.Time) ([]byte, error) {
	c, err := is.badge(learner, slug, name, earnedAt)
	if err != nil {
		return nil, err
	}
	b, err := json.Marshal(c)
	if err != nil {
		return nil, err
	}
	return is.sign(ctx, b)
}

// evaluate turns verification reports into the pathway's view of them.
// pathway.FromReport refuses a credential that did not verify: the pathway
// engine believes what it is told, so it is told only what was verified.
func evaluate(def *pathway.Definition, reports []*verify.Report, asOf time.Time) (*pathway.Progress, error) {
	var earned []pathway.Earned
	for _, r := range reports {
		e, err := pathway.FromReport(r)
		if err != nil {
			return nil, err
		}
		earned = append(earned, e...)
	}
	return pathway.Evaluate(def, earned, asOf, pathway.Options{})
}

// bakePNG draws a plain badge image and bakes the credential into it.
func bakePNG(signed []byte, dir string) (string, error) {
	img := image.NewRGBA(image.Rect(0, 0, 64, 64))
	for y := 0; y < 64; y++ {
		for x := 0; x < 64; x++ {
			if (x-32)*(x-32)+(y-32)*(y-32) < 30*30 {
				img.Set(x, y, color.RGBA{0x1f, 0x6f, 0xb5, 0xff})
			}
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return "", err
	}
	baked, err := bake.PNG(buf.Bytes(), signed, nil)
	if err != nil {
		return "", err
	}
	p := filepath.Join(dir, "microcred-quickstart-badge.png")
	return p, os.WriteFile(p, baked, 0o644)
}

func printHead(w io.Writer, doc []byte, lines int) {
	var pretty bytes.Buffer
	if json.Indent(&pretty, doc, "  ", "  ") != nil {
		return
	}
	all := strings.Split(pretty.String(), "\n")
	if len(all) > lines {
		all = all[:lines]
	}
	fmt.Fprintln(w, "  "+strings.Join(all, "\n"))
}

func printProof(w io.Writer, doc []byte) {
	var m struct {
		Proof json.RawMessage `json:"proof"`
	}
	if json.Unmarshal(doc, &m) != nil {
		return
	}
	var pretty bytes.Buffer
	if json.Indent(&pretty, m.Proof, "  ", "  ") == nil {
		fmt.Fprintln(w, "  \"proof\": "+pretty.String())
	}
}

func indent(s string) string {
	s = strings.TrimRight(s, "\n")
	return "  " + strings.ReplaceAll(s, "\n", "\n  ") + "\n"
}
