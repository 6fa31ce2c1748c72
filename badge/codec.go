package badge

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Extra holds the properties of a JSON object that have no Go field: the
// extension properties the Extensions mixin allows on almost every Open
// Badges class. They are kept verbatim and written back on marshal, sorted
// by key, after the known properties.
type Extra map[string]json.RawMessage

// form remembers how a parsed object spelled its values where JSON-LD
// compaction allows more than one spelling, so that marshalling a parsed
// value gives back the same shape. The zero value means "canonical plain
// JSON": arrays for multi-valued properties and objects for classes.
type form struct {
	// scalar lists the multi-valued properties that were written as a single
	// value, and the single-valued ones that were written as a one-element
	// array (prefixed with "[").
	scalar []string
	// ref is set when the whole object was written as a bare id string
	// (an issuer URI, an image URL).
	ref bool
}

func (f *form) has(key string) bool { return slices.Contains(f.scalar, key) }

// fieldInfo is one JSON property of a Go struct, found by reflection.
type fieldInfo struct {
	name      string
	index     []int
	omitEmpty bool
	last      bool // tag option "last": written after the other fields
}

// fieldTables holds the properties of every class, computed once when the
// package is initialised and only read afterwards (reflection allocates on
// every call, and objects are decoded by the thousand).
var fieldTables = func() map[reflect.Type][]fieldInfo {
	m := make(map[reflect.Type][]fieldInfo)
	for _, t := range []reflect.Type{
		reflect.TypeFor[Profile](), reflect.TypeFor[Achievement](), reflect.TypeFor[AchievementSubject](),
		reflect.TypeFor[Criteria](), reflect.TypeFor[Alignment](), reflect.TypeFor[Evidence](),
		reflect.TypeFor[IdentityObject](), reflect.TypeFor[IdentifierEntry](), reflect.TypeFor[Image](),
		reflect.TypeFor[Related](), reflect.TypeFor[Result](), reflect.TypeFor[ResultDescription](),
		reflect.TypeFor[RubricCriterionLevel](), reflect.TypeFor[Address](), reflect.TypeFor[GeoCoordinates](),
		reflect.TypeFor[EndorsementSubject](), reflect.TypeFor[CredentialStatus](), reflect.TypeFor[RefreshService](),
		reflect.TypeFor[CredentialSchema](), reflect.TypeFor[TermsOfUse](), reflect.TypeFor[Proof](),
		reflect.TypeFor[Association](), reflect.TypeFor[ClrSubject](), reflect.TypeFor[AchievementCredential](),
		reflect.TypeFor[EndorsementCredential](), reflect.TypeFor[ClrCredential](),
	} {
		m[t] = computeFields(t)
	}
	return m
}()

// fieldsOf lists the JSON properties of a struct type in output order.
func fieldsOf(t reflect.Type) []fieldInfo {
	if f, ok := fieldTables[t]; ok {
		return f
	}
	return computeFields(t)
}

// computeFields lists the JSON properties of a struct type in declaration
// order, flattening embedded structs the way encoding/json does, then
// moves the fields tagged "last" to the end.
func computeFields(t reflect.Type) []fieldInfo {
	var out []fieldInfo
	var walk func(t reflect.Type, prefix []int)
	walk = func(t reflect.Type, prefix []int) {
		for i := 0; i < t.NumField(); i++ {
			sf := t.Field(i)
			idx := append(slices.Clone(prefix), i)
			tag, hasTag := sf.Tag.Lookup("json")
			if sf.Anonymous && !hasTag && sf.Type.Kind() == reflect.Struct {
				walk(sf.Type, idx)
				continue
			}
			if !sf.IsExported() || tag == "-" || !hasTag {
				continue
			}
			name, opts, _ := strings.Cut(tag, ",")
			out = append(out, fieldInfo{name: name, index: idx,
				omitEmpty: strings.Contains(opts, "omitempty"), last: sf.Tag.Get("badge") == "last"})
		}
	}
	walk(t, nil)
	// Embedded base fields such as proof belong at the end of the object,
	// after the properties of the outer type.
	slices.SortStableFunc(out, func(a, b fieldInfo) int {
		switch {
		case a.last == b.last:
			return 0
		case a.last:
			return 1
		}
		return -1
	})
	return out
}

// decodeObject fills the exported fields of the struct v points to from the
// JSON object data, matching property names exactly (encoding/json matches
// them case-insensitively, which would let "ID" shadow "id"). Properties
// without a field go to extra. A multi-valued (slice) field also accepts a
// single value, and a single-valued field a one-element array; f records
// which spelling was used. allowRef lets the whole object be a bare string,
// which then becomes the field tagged "id".
//
// tree, when not nil, is data already decoded (see treeDecoder): the
// strings of the typed view are then taken from it rather than copied out
// of data once more.
func decodeObject(data []byte, tree any, v any, extra *Extra, f *form, allowRef bool) error {
	data = bytes.TrimSpace(data)
	rv := reflect.ValueOf(v).Elem()
	if len(data) > 0 && data[0] == '"' && allowRef {
		id, ok := treeString(data, tree)
		if !ok {
			if err := json.Unmarshal(data, &id); err != nil {
				return err
			}
		}
		for _, fi := range fieldsOf(rv.Type()) {
			if fi.name == "id" {
				rv.FieldByIndex(fi.index).SetString(id)
				f.ref = true
				return nil
			}
		}
	}
	if len(data) == 0 || data[0] != '{' {
		return &TypeError{Want: "an object", Got: jsonKind(data)}
	}
	var buf [16]member
	members, err := splitObject(buf[:], data)
	if err != nil {
		return err
	}
	fields := fieldsOf(rv.Type())
	node, _ := tree.(map[string]any)
	for _, m := range members {
		i := slices.IndexFunc(fields, func(fi fieldInfo) bool { return m.Is(fi.name) })
		if i < 0 {
			if *extra == nil {
				*extra = make(Extra)
			}
			(*extra)[m.Name()] = slices.Clone(m.Value)
			continue
		}
		name := fields[i].name
		if string(m.Value) == "null" {
			continue // null is "no value", which marshals as an omitted property
		}
		fv := rv.FieldByIndex(fields[i].index)
		if fv.Kind() == reflect.String && isLanguageMap(m.Value) {
			// A language map ({"en": "...", "fr": "..."}) where the model
			// has a string: the JSON-LD schemas allow it. It stays in Extra
			// under its own name (see Extra.LanguageMap) and is written
			// back in place.
			if *extra == nil {
				*extra = make(Extra)
			}
			(*extra)[name] = slices.Clone(m.Value)
			continue
		}
		var sub any
		if node != nil {
			sub = node[name]
		}
		if err := decodeField(m.Value, sub, fv, name, f); err != nil {
			return prefixPointer(name, err)
		}
	}
	return nil
}

// decodeField decodes raw into fv; tree, when not nil, is raw decoded.
func decodeField(raw json.RawMessage, tree any, fv reflect.Value, name string, f *form) error {
	var buf [8][]byte
	raw = bytes.TrimSpace(raw)
	isArray := len(raw) > 0 && raw[0] == '['
	switch {
	case fv.Kind() == reflect.Slice && fv.Type() != rawMessageType && !isArray:
		// Decoded in place into a one-element slice: one allocation, not a
		// value and then the slice to copy it into.
		s := reflect.MakeSlice(fv.Type(), 1, 1)
		if err := unmarshalValue(raw, tree, s.Index(0).Addr().Interface()); err != nil {
			return err
		}
		fv.Set(s)
		f.scalar = append(f.scalar, name)
		return nil
	case fv.Kind() == reflect.Slice && fv.Type() != rawMessageType:
		items, err := splitArray(buf[:], raw)
		if err != nil {
			return err
		}
		s := reflect.MakeSlice(fv.Type(), len(items), len(items))
		elems, _ := tree.([]any)
		if len(elems) != len(items) {
			elems = nil
		}
		for i, it := range items {
			var sub any
			if elems != nil {
				sub = elems[i]
			}
			if err := unmarshalValue(it, sub, s.Index(i).Addr().Interface()); err != nil {
				return prefixPointer(strconv.Itoa(i), err)
			}
		}
		fv.Set(s)
		return nil
	case isArray && fv.Type() != rawMessageType:
		items, err := splitArray(buf[:], raw)
		if err != nil {
			return err
		}
		if len(items) != 1 {
			return &TypeError{Want: "a single value", Got: fmt.Sprintf("an array of %d values", len(items))}
		}
		f.scalar = append(f.scalar, "["+name)
		var sub any
		if elems, _ := tree.([]any); len(elems) == 1 {
			sub = elems[0]
		}
		return prefixPointer("0", unmarshalValue(items[0], sub, fv.Addr().Interface()))
	}
	return unmarshalValue(raw, tree, fv.Addr().Interface())
}

var (
	rawMessageType  = reflect.TypeFor[json.RawMessage]()
	unmarshalerType = reflect.TypeFor[json.Unmarshaler]()
)

// unmarshalValue is json.Unmarshal with friendlier type errors and two
// shortcuts that skip its validation pass, which the enclosing document
// has had: plain strings, and this package's own object types. tree, when
// not nil, is raw decoded (see treeDecoder).
func unmarshalValue(raw []byte, tree any, v any) error {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 4 && string(raw) == "null" {
		return nil // as encoding/json does for most types; nulls are omitted on output
	}
	rv := reflect.ValueOf(v).Elem()
	if rv.Kind() == reflect.String {
		if s, ok := treeString(raw, tree); ok {
			rv.SetString(s)
			return nil
		}
		if len(raw) >= 2 && raw[0] == '"' && raw[len(raw)-1] == '"' &&
			bytes.IndexByte(raw, '\\') < 0 && utf8.Valid(raw) && !hasControl(raw) {
			rv.SetString(string(raw[1 : len(raw)-1]))
			return nil
		}
	}
	// encoding/json hands every non-null value, whatever its kind, to an
	// Unmarshaler as it is; going there directly skips only its validity
	// scan. A bare-string issuer or image and every @context entry come
	// this way.
	if d, ok := v.(treeDecoder); ok && tree != nil {
		return d.decodeTree(raw, tree)
	}
	if u, ok := v.(json.Unmarshaler); ok && rv.Type() != rawMessageType {
		return u.UnmarshalJSON(raw)
	}
	if rv.Kind() == reflect.Pointer && rv.Type().Implements(unmarshalerType) {
		p := reflect.New(rv.Type().Elem())
		var err error
		if d, ok := p.Interface().(treeDecoder); ok && tree != nil {
			err = d.decodeTree(raw, tree)
		} else {
			err = p.Interface().(json.Unmarshaler).UnmarshalJSON(raw)
		}
		if err != nil {
			return err
		}
		rv.Set(p)
		return nil
	}
	err := json.Unmarshal(raw, v)
	if ute, ok := err.(*json.UnmarshalTypeError); ok {
		want := ute.Type.String()
		switch ute.Type.Kind() {
		case reflect.String:
			want = "a string"
		case reflect.Bool:
			want = "a boolean"
		case reflect.Float64, reflect.Float32, reflect.Int:
			want = "a number"
		case reflect.Pointer:
			if ute.Type.Elem().Kind() == reflect.Float64 {
				want = "a number"
			}
		}
		te := &TypeError{Want: want, Got: "JSON " + ute.Value}
		if ute.Field != "" {
			return prefixPointer(strings.ReplaceAll(ute.Field, ".", "/"), te)
		}
		return te
	}
	return err
}

func jsonKind(data []byte) string {
	if len(data) == 0 {
		return "nothing"
	}
	switch data[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	default:
		return "a number"
	}
}

// encodeObject writes the struct v as a JSON object: known properties in
// declaration order (empty ones omitted, as the serialization rules ask),
// then extra properties sorted by key. The output is therefore the same for
// equal values, whatever map iteration order does.
func encodeObject(v any, extra Extra, f *form) ([]byte, error) {
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer {
		rv = rv.Elem()
	}
	fields := fieldsOf(rv.Type())
	if f != nil && f.ref {
		if b, ok := encodeRef(rv, fields, extra); ok {
			return b, nil
		}
	}
	var buf bytes.Buffer
	buf.WriteByte('{')
	known := make(map[string]bool, len(fields))
	first := true
	writeKey := func(k string) {
		if !first {
			buf.WriteByte(',')
		}
		first = false
		kb, _ := json.Marshal(k)
		buf.Write(kb)
		buf.WriteByte(':')
	}
	for _, fi := range fields {
		known[fi.name] = true
		fv := rv.FieldByIndex(fi.index)
		if raw, ok := extra[fi.name]; ok && fv.Kind() == reflect.String && fv.Len() == 0 && isLanguageMap(raw) {
			writeKey(fi.name)
			var c bytes.Buffer
			if err := json.Compact(&c, raw); err != nil {
				return nil, err
			}
			buf.Write(c.Bytes())
			continue
		}
		if fi.omitEmpty && isEmpty(fv) {
			continue
		}
		var b []byte
		var err error
		switch {
		case f != nil && fv.Kind() == reflect.Slice && fv.Len() == 1 && f.has(fi.name) && fv.Type() != rawMessageType:
			b, err = json.Marshal(fv.Index(0).Interface())
		case f != nil && fv.Kind() != reflect.Slice && f.has("["+fi.name):
			b, err = json.Marshal([]any{fv.Interface()})
		case fv.Kind() == reflect.Slice && fv.IsNil() && fv.Type() != rawMessageType:
			b = []byte("[]")
		default:
			b, err = json.Marshal(fv.Interface())
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", fi.name, err)
		}
		writeKey(fi.name)
		buf.Write(b)
	}
	keys := make([]string, 0, len(extra))
	for k := range extra {
		if !known[k] {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		raw := extra[k]
		if !json.Valid(raw) {
			return nil, fmt.Errorf("extension property %q: %w", k, ErrInvalidJSON)
		}
		writeKey(k)
		var c bytes.Buffer
		if err := json.Compact(&c, raw); err != nil {
			return nil, err
		}
		buf.Write(c.Bytes())
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// encodeRef writes an object that was parsed from a bare id string back as
// that string, unless properties have been added since.
func encodeRef(rv reflect.Value, fields []fieldInfo, extra Extra) ([]byte, bool) {
	if len(extra) > 0 {
		return nil, false
	}
	var id string
	for _, fi := range fields {
		fv := rv.FieldByIndex(fi.index)
		if fi.name == "id" {
			id = fv.String()
			continue
		}
		if !isEmpty(fv) {
			return nil, false
		}
	}
	b, err := json.Marshal(id)
	return b, err == nil
}

func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Slice, reflect.Map, reflect.String:
		return v.Len() == 0
	case reflect.Pointer, reflect.Interface:
		return v.IsNil()
	case reflect.Bool:
		return !v.Bool()
	case reflect.Struct:
		return v.IsZero()
	}
	return v.IsZero()
}

// isLanguageMap reports whether raw is a JSON-LD language map as the
// 1EdTech JSON-LD schemas allow for string values: an object whose keys
// are language tags like "en" or "en-US" and whose values are strings.
func isLanguageMap(raw []byte) bool {
	_, ok := languageMap(raw)
	return ok
}

func languageMap(raw []byte) (map[string]string, bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || raw[0] != '{' {
		return nil, false
	}
	var m map[string]string
	if json.Unmarshal(raw, &m) != nil || len(m) == 0 {
		return nil, false
	}
	for k := range m {
		if !languageTag(k) {
			return nil, false
		}
	}
	return m, true
}

// languageTag matches ^[a-z]{2}(-[A-Z]{2})?$, the schemas' pattern.
func languageTag(k string) bool {
	lower := func(c byte) bool { return c >= 'a' && c <= 'z' }
	upper := func(c byte) bool { return c >= 'A' && c <= 'Z' }
	switch len(k) {
	case 2:
		return lower(k[0]) && lower(k[1])
	case 5:
		return lower(k[0]) && lower(k[1]) && k[2] == '-' && upper(k[3]) && upper(k[4])
	}
	return false
}

// LanguageMap returns the language map a document gave for a property the
// model types as a string (e.g. Extra.LanguageMap("name") when the name is
// {"en": "Teamwork", "fr": "Travail d'équipe"}); the string field itself
// is then empty.
func (x Extra) LanguageMap(property string) (map[string]string, bool) {
	raw, ok := x[property]
	if !ok {
		return nil, false
	}
	return languageMap(raw)
}

// treeDecoder is implemented by every class of the model: decodeTree is
// its UnmarshalJSON reading tree, data already decoded by
// internal/strictjson's Decode, alongside data. The typed view's strings
// are then the tree's own instead of new copies of data's bytes (a
// verification decodes its credential once for its checks and once more
// for the typed view, which these copies were a tenth of). tree only ever
// saves an allocation: a string is taken from it only where it equals
// data's (see treeString), and a tree of another shape is ignored, so a
// tree that is not data's reading costs copies, never a wrong value.
type treeDecoder interface {
	decodeTree(data []byte, tree any) error
}

// treeString returns tree when raw is a JSON string without escapes whose
// contents are tree: what decoding raw gives, without a copy.
func treeString(raw []byte, tree any) (string, bool) {
	s, ok := tree.(string)
	if !ok || len(raw) != len(s)+2 || raw[0] != '"' || raw[len(raw)-1] != '"' || string(raw[1:len(raw)-1]) != s {
		return "", false
	}
	for _, c := range raw[1 : len(raw)-1] {
		if c < 0x20 || c == '"' || c == '\\' {
			return "", false
		}
	}
	if !utf8.ValidString(s) {
		return "", false
	}
	return s, true
}

// plainString returns the value of the JSON string raw when raw is one
// without escapes, which needs no decoding; any other input (escaped,
// unterminated, invalid UTF-8, not a string) is for encoding/json to read
// or refuse. Unlike unmarshalValue's shortcut it trusts nothing about raw,
// so exported decoders may use it.
func plainString(raw []byte) (string, bool) {
	if len(raw) < 2 || raw[0] != '"' || raw[len(raw)-1] != '"' {
		return "", false
	}
	in := raw[1 : len(raw)-1]
	for _, c := range in {
		if c < 0x20 || c == '"' || c == '\\' {
			return "", false
		}
	}
	if !utf8.Valid(in) {
		return "", false
	}
	return string(in), true
}

func hasControl(b []byte) bool {
	for _, c := range b {
		if c < 0x20 {
			return true
		}
	}
	return false
}
