package badge

// Data-model rules for CLR 2.0.

func (c *checker) clrCredential(ptr string, cr *ClrCredential) {
	defer c.leave(c.vc(ptr, &cr.VerifiableCredential, KindCLR))
	if !present(cr.Name, cr.Extra, "name") {
		c.errorf(join(ptr, "name"), "name.missing", "a ClrCredential needs a name")
	}
	if cr.Image != nil {
		c.image(join(ptr, "image"), cr.Image)
	}
	c.endorsements(join(ptr, "endorsement"), cr.Endorsement, cr.EndorsementJwt, join(ptr, "endorsementJwt"))
	sp := join(ptr, "credentialSubject")
	s := cr.CredentialSubject
	if s == nil {
		c.errorf(sp, "subject.missing", "credentialSubject is required")
		return
	}
	c.types(sp, s.Type, TypeClrSubject, "subject.type")
	c.recipient(sp, s.ID, s.Identifier)
	known := map[string]bool{}
	for i := range s.Achievement {
		c.achievement(join(sp, "achievement", i), &s.Achievement[i])
		known[s.Achievement[i].ID] = true
	}
	if len(s.VerifiableCredential) == 0 {
		c.errorf(join(sp, "verifiableCredential"), "clr.no-credentials", "a CLR bundles at least one credential")
	}
	for i, raw := range s.VerifiableCredential {
		if len(raw) > 0 && raw[0] == '"' {
			c.warnf(join(sp, "verifiableCredential", i), "clr.jws-credential", "a compact JWS here is the pre-final CLR shape; CLR 2.0 embeds credential objects")
			continue
		}
		// The bundled credentials' achievements are association targets too.
		var peek struct {
			CredentialSubject struct {
				Achievement struct {
					ID string `json:"id"`
				} `json:"achievement"`
			} `json:"credentialSubject"`
		}
		if err := unmarshalValue(raw, nil, &peek); err == nil && peek.CredentialSubject.Achievement.ID != "" {
			known[peek.CredentialSubject.Achievement.ID] = true
		}
	}
	for i, a := range s.Association {
		ap := join(sp, "association", i)
		c.single(ap, a.Type, "Association", "association.type")
		if !a.AssociationType.Valid() {
			c.errorf(join(ap, "associationType"), "association.associationType", "%q is not one of the eight AssociationType terms", a.AssociationType)
		}
		for _, end := range []struct{ name, id string }{{"sourceId", a.SourceID}, {"targetId", a.TargetID}} {
			switch {
			case end.id == "":
				c.errorf(join(ap, end.name), "association.end", "%s is required", end.name)
			case !known[end.id]:
				c.warnf(join(ap, end.name), "association.unknown-achievement", "%s %q is not the id of an achievement in this CLR", end.name, end.id)
			}
		}
		if len(a.Extra) > 0 {
			c.errorf(ap, "association.extra", "Association allows no other properties")
		}
	}
}
