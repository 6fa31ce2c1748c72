// Each class decodes with decodeObject (exact property names, extensions to
// Extra, compaction form remembered) and encodes with encodeObject
// (declaration order, then sorted extensions). Keep every class in step:
// its decodeTree (see treeDecoder) is its UnmarshalJSON, which is
// decodeTree without a tree.

package badge

// UnmarshalJSON decodes a Profile, keeping unknown properties in Extra.
func (x *Profile) UnmarshalJSON(data []byte) error { return x.decodeTree(data, nil) }

func (x *Profile) decodeTree(data []byte, tree any) error {
	*x = Profile{}
	return decodeObject(data, tree, x, &x.Extra, &x.form, true)
}

// MarshalJSON encodes a Profile with a stable property order.
func (x Profile) MarshalJSON() ([]byte, error) { return encodeObject(&x, x.Extra, &x.form) }

// UnmarshalJSON decodes a Achievement, keeping unknown properties in Extra.
func (x *Achievement) UnmarshalJSON(data []byte) error { return x.decodeTree(data, nil) }

func (x *Achievement) decodeTree(data []byte, tree any) error {
	*x = Achievement{}
	return decodeObject(data, tree, x, &x.Extra, &x.form, true)
}

// MarshalJSON encodes a Achievement with a stable property order.
func (x Achievement) MarshalJSON() ([]byte, error) { return encodeObject(&x, x.Extra, &x.form) }

// UnmarshalJSON decodes a AchievementSubject, keeping unknown properties in Extra.
func (x *AchievementSubject) UnmarshalJSON(data []byte) error { return x.decodeTree(data, nil) }

func (x *AchievementSubject) decodeTree(data []byte, tree any) error {
	*x = AchievementSubject{}
	return decodeObject(data, tree, x, &x.Extra, &x.form, false)
}

// MarshalJSON encodes a AchievementSubject with a stable property order.
func (x AchievementSubject) MarshalJSON() ([]byte, error) { return encodeObject(&x, x.Extra, &x.form) }

// UnmarshalJSON decodes a Criteria, keeping unknown properties in Extra.
func (x *Criteria) UnmarshalJSON(data []byte) error { return x.decodeTree(data, nil) }

func (x *Criteria) decodeTree(data []byte, tree any) error {
	*x = Criteria{}
	return decodeObject(data, tree, x, &x.Extra, &x.form, false)
}

// MarshalJSON encodes a Criteria with a stable property order.
func (x Criteria) MarshalJSON() ([]byte, error) { return encodeObject(&x, x.Extra, &x.form) }

// UnmarshalJSON decodes a Alignment, keeping unknown properties in Extra.
func (x *Alignment) UnmarshalJSON(data []byte) error { return x.decodeTree(data, nil) }

func (x *Alignment) decodeTree(data []byte, tree any) error {
	*x = Alignment{}
	return decodeObject(data, tree, x, &x.Extra, &x.form, false)
}

// MarshalJSON encodes a Alignment with a stable property order.
func (x Alignment) MarshalJSON() ([]byte, error) { return encodeObject(&x, x.Extra, &x.form) }

// UnmarshalJSON decodes a Evidence, keeping unknown properties in Extra.
func (x *Evidence) UnmarshalJSON(data []byte) error { return x.decodeTree(data, nil) }

func (x *Evidence) decodeTree(data []byte, tree any) error {
	*x = Evidence{}
	return decodeObject(data, tree, x, &x.Extra, &x.form, true)
}

// MarshalJSON encodes a Evidence with a stable property order.
func (x Evidence) MarshalJSON() ([]byte, error) { return encodeObject(&x, x.Extra, &x.form) }

// UnmarshalJSON decodes a IdentityObject, keeping unknown properties in Extra.
func (x *IdentityObject) UnmarshalJSON(data []byte) error { return x.decodeTree(data, nil) }

func (x *IdentityObject) decodeTree(data []byte, tree any) error {
	*x = IdentityObject{}
	return decodeObject(data, tree, x, &x.Extra, &x.form, false)
}

// MarshalJSON encodes a IdentityObject with a stable property order.
func (x IdentityObject) MarshalJSON() ([]byte, error) { return encodeObject(&x, x.Extra, &x.form) }

// UnmarshalJSON decodes a IdentifierEntry, keeping unknown properties in Extra.
func (x *IdentifierEntry) UnmarshalJSON(data []byte) error { return x.decodeTree(data, nil) }

func (x *IdentifierEntry) decodeTree(data []byte, tree any) error {
	*x = IdentifierEntry{}
	return decodeObject(data, tree, x, &x.Extra, &x.form, false)
}

// MarshalJSON encodes a IdentifierEntry with a stable property order.
func (x IdentifierEntry) MarshalJSON() ([]byte, error) { return encodeObject(&x, x.Extra, &x.form) }

// UnmarshalJSON decodes a Image, keeping unknown properties in Extra.
func (x *Image) UnmarshalJSON(data []byte) error { return x.decodeTree(data, nil) }

func (x *Image) decodeTree(data []byte, tree any) error {
	*x = Image{}
	return decodeObject(data, tree, x, &x.Extra, &x.form, true)
}

// MarshalJSON encodes a Image with a stable property order.
func (x Image) MarshalJSON() ([]byte, error) { return encodeObject(&x, x.Extra, &x.form) }

// UnmarshalJSON decodes a Related, keeping unknown properties in Extra.
func (x *Related) UnmarshalJSON(data []byte) error { return x.decodeTree(data, nil) }

func (x *Related) decodeTree(data []byte, tree any) error {
	*x = Related{}
	return decodeObject(data, tree, x, &x.Extra, &x.form, true)
}

// MarshalJSON encodes a Related with a stable property order.
func (x Related) MarshalJSON() ([]byte, error) { return encodeObject(&x, x.Extra, &x.form) }

// UnmarshalJSON decodes a Result, keeping unknown properties in Extra.
func (x *Result) UnmarshalJSON(data []byte) error { return x.decodeTree(data, nil) }

func (x *Result) decodeTree(data []byte, tree any) error {
	*x = Result{}
	return decodeObject(data, tree, x, &x.Extra, &x.form, false)
}

// MarshalJSON encodes a Result with a stable property order.
func (x Result) MarshalJSON() ([]byte, error) { return encodeObject(&x, x.Extra, &x.form) }

// UnmarshalJSON decodes a ResultDescription, keeping unknown properties in Extra.
func (x *ResultDescription) UnmarshalJSON(data []byte) error { return x.decodeTree(data, nil) }

func (x *ResultDescription) decodeTree(data []byte, tree any) error {
	*x = ResultDescription{}
	return decodeObject(data, tree, x, &x.Extra, &x.form, false)
}

// MarshalJSON encodes a ResultDescription with a stable property order.
func (x ResultDescription) MarshalJSON() ([]byte, error) { return encodeObject(&x, x.Extra, &x.form) }

// UnmarshalJSON decodes a RubricCriterionLevel, keeping unknown properties in Extra.
func (x *RubricCriterionLevel) UnmarshalJSON(data []byte) error { return x.decodeTree(data, nil) }

func (x *RubricCriterionLevel) decodeTree(data []byte, tree any) error {
	*x = RubricCriterionLevel{}
	return decodeObject(data, tree, x, &x.Extra, &x.form, false)
}

// MarshalJSON encodes a RubricCriterionLevel with a stable property order.
func (x RubricCriterionLevel) MarshalJSON() ([]byte, error) {
	return encodeObject(&x, x.Extra, &x.form)
}

// UnmarshalJSON decodes a Address, keeping unknown properties in Extra.
func (x *Address) UnmarshalJSON(data []byte) error { return x.decodeTree(data, nil) }

func (x *Address) decodeTree(data []byte, tree any) error {
	*x = Address{}
	return decodeObject(data, tree, x, &x.Extra, &x.form, false)
}

// MarshalJSON encodes a Address with a stable property order.
func (x Address) MarshalJSON() ([]byte, error) { return encodeObject(&x, x.Extra, &x.form) }

// UnmarshalJSON decodes a GeoCoordinates, keeping unknown properties in Extra.
func (x *GeoCoordinates) UnmarshalJSON(data []byte) error { return x.decodeTree(data, nil) }

func (x *GeoCoordinates) decodeTree(data []byte, tree any) error {
	*x = GeoCoordinates{}
	return decodeObject(data, tree, x, &x.Extra, &x.form, false)
}

// MarshalJSON encodes a GeoCoordinates with a stable property order.
func (x GeoCoordinates) MarshalJSON() ([]byte, error) { return encodeObject(&x, x.Extra, &x.form) }

// UnmarshalJSON decodes a EndorsementSubject, keeping unknown properties in Extra.
func (x *EndorsementSubject) UnmarshalJSON(data []byte) error { return x.decodeTree(data, nil) }

func (x *EndorsementSubject) decodeTree(data []byte, tree any) error {
	*x = EndorsementSubject{}
	return decodeObject(data, tree, x, &x.Extra, &x.form, true)
}

// MarshalJSON encodes a EndorsementSubject with a stable property order.
func (x EndorsementSubject) MarshalJSON() ([]byte, error) { return encodeObject(&x, x.Extra, &x.form) }

// UnmarshalJSON decodes a CredentialStatus, keeping unknown properties in Extra.
func (x *CredentialStatus) UnmarshalJSON(data []byte) error { return x.decodeTree(data, nil) }

func (x *CredentialStatus) decodeTree(data []byte, tree any) error {
	*x = CredentialStatus{}
	return decodeObject(data, tree, x, &x.Extra, &x.form, true)
}

// MarshalJSON encodes a CredentialStatus with a stable property order.
func (x CredentialStatus) MarshalJSON() ([]byte, error) { return encodeObject(&x, x.Extra, &x.form) }

// UnmarshalJSON decodes a RefreshService, keeping unknown properties in Extra.
func (x *RefreshService) UnmarshalJSON(data []byte) error { return x.decodeTree(data, nil) }

func (x *RefreshService) decodeTree(data []byte, tree any) error {
	*x = RefreshService{}
	return decodeObject(data, tree, x, &x.Extra, &x.form, true)
}

// MarshalJSON encodes a RefreshService with a stable property order.
func (x RefreshService) MarshalJSON() ([]byte, error) { return encodeObject(&x, x.Extra, &x.form) }

// UnmarshalJSON decodes a CredentialSchema, keeping unknown properties in Extra.
func (x *CredentialSchema) UnmarshalJSON(data []byte) error { return x.decodeTree(data, nil) }

func (x *CredentialSchema) decodeTree(data []byte, tree any) error {
	*x = CredentialSchema{}
	return decodeObject(data, tree, x, &x.Extra, &x.form, true)
}

// MarshalJSON encodes a CredentialSchema with a stable property order.
func (x CredentialSchema) MarshalJSON() ([]byte, error) { return encodeObject(&x, x.Extra, &x.form) }

// UnmarshalJSON decodes a TermsOfUse, keeping unknown properties in Extra.
func (x *TermsOfUse) UnmarshalJSON(data []byte) error { return x.decodeTree(data, nil) }

func (x *TermsOfUse) decodeTree(data []byte, tree any) error {
	*x = TermsOfUse{}
	return decodeObject(data, tree, x, &x.Extra, &x.form, true)
}

// MarshalJSON encodes a TermsOfUse with a stable property order.
func (x TermsOfUse) MarshalJSON() ([]byte, error) { return encodeObject(&x, x.Extra, &x.form) }

// UnmarshalJSON decodes a Proof, keeping unknown properties in Extra.
func (x *Proof) UnmarshalJSON(data []byte) error { return x.decodeTree(data, nil) }

func (x *Proof) decodeTree(data []byte, tree any) error {
	*x = Proof{}
	return decodeObject(data, tree, x, &x.Extra, &x.form, false)
}

// MarshalJSON encodes a Proof with a stable property order.
func (x Proof) MarshalJSON() ([]byte, error) { return encodeObject(&x, x.Extra, &x.form) }

// UnmarshalJSON decodes a Association, keeping unknown properties in Extra.
func (x *Association) UnmarshalJSON(data []byte) error { return x.decodeTree(data, nil) }

func (x *Association) decodeTree(data []byte, tree any) error {
	*x = Association{}
	return decodeObject(data, tree, x, &x.Extra, &x.form, false)
}

// MarshalJSON encodes a Association with a stable property order.
func (x Association) MarshalJSON() ([]byte, error) { return encodeObject(&x, x.Extra, &x.form) }

// UnmarshalJSON decodes a ClrSubject, keeping unknown properties in Extra.
func (x *ClrSubject) UnmarshalJSON(data []byte) error { return x.decodeTree(data, nil) }

func (x *ClrSubject) decodeTree(data []byte, tree any) error {
	*x = ClrSubject{}
	return decodeObject(data, tree, x, &x.Extra, &x.form, false)
}

// MarshalJSON encodes a ClrSubject with a stable property order.
func (x ClrSubject) MarshalJSON() ([]byte, error) { return encodeObject(&x, x.Extra, &x.form) }
