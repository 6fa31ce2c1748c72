package ob2

import (
	"context"
	"fmt"

	"github.com/microcred/microcred/badge"
	"github.com/microcred/microcred/badge/bake"
)

// FromBaked converts what bake.Extract found in an Open Badges 2.0 image.
// A baked hosted-assertion URL is resolved with opts.Resolver; a baked JWS
// is refused with ErrSigned (verify it first).
func FromBaked(ctx context.Context, b *bake.Baked, opts *Options) (*badge.AchievementCredential, error) {
	if opts == nil {
		opts = &Options{}
	}
	if b.Kind != bake.KindOpenBadges2 {
		return nil, fmt.Errorf("%w: the image holds an %v credential, not an Open Badges 2.0 assertion", ErrNotAssertion, b.Kind)
	}
	switch b.Encoding {
	case bake.EncodingJSON:
		return Convert(ctx, b.Payload, opts)
	case bake.EncodingURL:
		data, err := lookup(ctx, opts.Resolver, string(b.Payload), "assertion")
		if err != nil {
			return nil, err
		}
		return Convert(ctx, data, opts)
	}
	return nil, fmt.Errorf("%w: the image holds a signed assertion; verify it and pass its payload to Convert", ErrSigned)
}
