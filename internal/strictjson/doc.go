// Package strictjson is the one reader of untrusted JSON in this module.
//
// A credential is signed by one program and read by many. When two JSON
// parsers can read the same bytes as two different documents, a signature
// can cover a value the verifier never looks at. encoding/json is lenient
// in exactly the ways that allow this: it keeps the last of two members with
// the same name (other parsers keep the first), replaces invalid UTF-8 and
// lone surrogate escapes with U+FFFD, and matches object members to struct
// fields without regard to case, so that a "KID" member fills a field tagged
// "kid" while a reader of the same header as a map finds no kid at all.
//
// [Decode] and [Check] accept one JSON text (RFC 8259) and refuse:
//
//   - input over [Limits].MaxBytes, and nesting deeper than [Limits].MaxDepth,
//     so that no input costs unbounded memory or recursion;
//   - invalid UTF-8 and escaped lone UTF-16 surrogates ([ErrInvalidUTF8]);
//   - an object that repeats a member name ([ErrDuplicateKey]);
//   - an object with two member names equal under Unicode case folding,
//     such as "kid" and "KID" ([ErrCaseVariant]), except inside the value
//     of an "@context" member: JSON-LD terms are case-sensitive, contexts
//     define names that differ only in case (the Open Badges 3.0 context has
//     both "Alignment" and "alignment"), and a context is read as a map;
//   - anything that is not exactly one JSON value ([ErrSyntax]).
//
// Numbers are kept exact, as [encoding/json.Number], never rounded through a
// float64; [DecodeFinite] also refuses one no double can hold
// ([ErrNumberRange]), for readers that will serialize numbers as doubles.
// Every error is an [*Error] carrying one of the sentinel errors above and
// the RFC 6901 JSON pointer of the offending value (ErrNumberRange: its byte
// offset), so callers test the class with [errors.Is] and read the place
// with [errors.As].
//
// [DecodeShared] is [Decode] for a caller that keeps nothing of the result:
// its names and strings are cut from one copy of the input instead of
// allocated one by one, so any string kept from it keeps that whole copy.
// Both return the values credentials repeat (context URLs, type names,
// enumeration values, cryptosuite names: the list in gen_interned.go) as
// constants, which cost no allocation; they are ordinary strings.
//
// [SplitObject] and [SplitArray] cut one level of checked input into its
// members or elements without decoding them, for decoders that walk a
// document level by level; [SplitObjectInto] and [SplitArrayInto] put them
// in the caller's buffer, which may be an array in the caller's frame.
//
// [Unmarshal] decodes into a Go value through encoding/json after the same
// checks, and first refuses any object member whose name matches a struct
// field's JSON name only when case is ignored ([ErrFieldCase]): the decoding
// is then as case-sensitive as JSON itself.
package strictjson

//go:generate go run gen_interned.go
