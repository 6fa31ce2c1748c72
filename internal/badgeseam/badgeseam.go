// Package badgeseam carries the one badge entry point whose precondition
// badge cannot check, so that package verify can use it without it being
// part of badge's public API.
//
// Verify has already decoded the credential (once, strictly) and hands that
// tree to badge instead of letting it check and decode the bytes again.
// Whether the tree really is the decoding of the bytes is the caller's
// promise, which is why hosts are not offered it.
package badgeseam

// ParseAndValidateDecoded is set by package badge, in its init function and
// never again, to a
//
//	func(v *badge.Validator, data []byte, tree map[string]any) (badge.Credential, badge.Findings)
//
// that is ParseAndValidate reading tree (data read by internal/strictjson's
// Decode under limits no looser than v's) instead of checking and decoding
// data once more. tree is read, never modified or kept. It is typed any
// because this package sits below badge.
var ParseAndValidateDecoded any
