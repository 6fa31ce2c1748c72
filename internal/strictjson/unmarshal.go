package strictjson

import (
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
)

// Unmarshal decodes data into v (a non-nil pointer) as json.Unmarshal
// would, after the checks of [Decode], and refuses any object member whose
// name matches the JSON name of a field of the struct it fills only when
// case is ignored ([ErrFieldCase]): {"KID": ...} does not fill a field
// tagged "kid". Members that match no field are ignored, as encoding/json
// ignores them.
//
// A type with its own UnmarshalJSON or UnmarshalText method reads its part
// of the document itself; Unmarshal does not look inside it, so such a
// method must be case-sensitive on its own (calling Unmarshal does that).
func Unmarshal(data []byte, v any, lim Limits) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return fmt.Errorf("strictjson: Unmarshal needs a non-nil pointer, not %T", v)
	}
	doc, err := Decode(data, lim)
	if err != nil {
		return err
	}
	c := fieldChecker{fields: map[reflect.Type]fieldSet{}}
	if err := c.check(doc, rv.Type().Elem()); err != nil {
		return err.(*Error).finish()
	}
	if err := json.Unmarshal(data, v); err != nil {
		e := &Error{Err: ErrType, Offset: -1, Detail: err.Error(), cause: err}
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			e.Offset = int(te.Offset)
			if te.Field != "" {
				e.rev = reverse(strings.Split(te.Field, "."))
			}
		}
		return e.finish()
	}
	return nil
}

func reverse(s []string) []string {
	for i, j := 0, len(s)-1; i < j; i, j = i+1, j-1 {
		s[i], s[j] = s[j], s[i]
	}
	return s
}

// CheckFields reports the first member of the decoded document doc (as
// [Decode] returns it) whose name matches a field of the Go type of v only
// when case is ignored. It is what [Unmarshal] runs, for a caller that has
// the decoded document already.
func CheckFields(doc any, v any) error {
	t := reflect.TypeOf(v)
	if t == nil {
		return nil
	}
	c := fieldChecker{fields: map[reflect.Type]fieldSet{}}
	if err := c.check(doc, t); err != nil {
		return err.(*Error).finish()
	}
	return nil
}

// fieldSet is the JSON names of a struct's fields: exact name to field
// type, and folded name to exact name.
type fieldSet struct {
	exact  map[string]reflect.Type
	folded map[string]string
}

// fieldChecker walks a decoded document alongside a Go type. Its cache
// lives for one call, so the package keeps no mutable state.
type fieldChecker struct {
	fields map[reflect.Type]fieldSet
}

var (
	jsonUnmarshaler = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()
)

func (c *fieldChecker) check(v any, t reflect.Type) error {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if reflect.PointerTo(t).Implements(jsonUnmarshaler) || reflect.PointerTo(t).Implements(textUnmarshaler) {
		return nil
	}
	switch t.Kind() {
	case reflect.Struct:
		m, ok := v.(map[string]any)
		if !ok {
			return nil // encoding/json reports the type mismatch
		}
		fs := c.fieldsOf(t)
		for name, val := range m {
			if ft, ok := fs.exact[name]; ok {
				if err := c.check(val, ft); err != nil {
					return within(err, name)
				}
				continue
			}
			if want, ok := fs.folded[fold([]byte(name))]; ok {
				return &Error{Err: ErrFieldCase, Offset: -1, rev: []string{name},
					Detail: fmt.Sprintf("%q is not %q; JSON member names are case-sensitive", name, want)}
			}
		}
	case reflect.Map:
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		for name, val := range m {
			if err := c.check(val, t.Elem()); err != nil {
				return within(err, name)
			}
		}
	case reflect.Slice, reflect.Array:
		a, ok := v.([]any)
		if !ok {
			return nil
		}
		for i, val := range a {
			if err := c.check(val, t.Elem()); err != nil {
				return within(err, fmt.Sprint(i))
			}
		}
	}
	return nil
}

// fieldsOf lists the JSON names encoding/json would match for t's fields,
// including those promoted from embedded structs.
func (c *fieldChecker) fieldsOf(t reflect.Type) fieldSet {
	if fs, ok := c.fields[t]; ok {
		return fs
	}
	fs := fieldSet{exact: map[string]reflect.Type{}, folded: map[string]string{}}
	c.fields[t] = fs // a recursive type sees itself while being listed
	var walk func(t reflect.Type, depth int)
	walk = func(t reflect.Type, depth int) {
		for i := range t.NumField() {
			f := t.Field(i)
			tag := f.Tag.Get("json")
			if tag == "-" {
				continue
			}
			name, _, _ := strings.Cut(tag, ",")
			ft := f.Type
			if f.Anonymous && name == "" {
				et := ft
				if et.Kind() == reflect.Pointer {
					et = et.Elem()
				}
				if et.Kind() == reflect.Struct && depth < 16 {
					walk(et, depth+1)
					continue
				}
			}
			if !f.IsExported() {
				continue
			}
			if name == "" {
				name = f.Name
			}
			if _, ok := fs.exact[name]; !ok {
				fs.exact[name] = ft
				fs.folded[fold([]byte(name))] = name
			}
		}
	}
	walk(t, 0)
	return fs
}
