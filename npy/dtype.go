package npy

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/ndview/ndview/format"
)

// formatOfDescr turns a header's descr (a typestr such as '<f8', or a
// structured dtype's list of fields) into a struct / PEP 3118 format
// string: '<f8' is "<d", '|u1' is "<B", '>c16' is ">Zd", '|S5' is "5s",
// and [('x', '<i4'), ('y', '>f8', (2, 3))] is "T{<i:x:(2,3)>d:y:}".
func formatOfDescr(d any) (string, error) {
	switch d := d.(type) {
	case string:
		return formatOfTypestr(d)
	case []any:
		var b strings.Builder
		b.WriteString("T{")
		for _, f := range d {
			if err := fieldFormat(&b, f); err != nil {
				return "", err
			}
		}
		b.WriteString("}")
		return b.String(), nil
	}
	return "", fmt.Errorf("%w: descr %v is neither a type string nor a list of fields", ErrFormat, d)
}

func fieldFormat(b *strings.Builder, f any) error {
	t, ok := f.(pyTuple)
	if !ok || len(t) < 2 || len(t) > 3 {
		return fmt.Errorf("%w: structured descr entry %v is not (name, type[, shape])", ErrFormat, f)
	}
	name, ok := t[0].(string)
	if !ok {
		if titled, isTuple := t[0].(pyTuple); isTuple && len(titled) == 2 {
			name, ok = titled[1].(string) // (title, name)
		}
		if !ok {
			return fmt.Errorf("%w: field name %v", ErrFormat, t[0])
		}
	}
	if strings.ContainsAny(name, ":{}") {
		return fmt.Errorf("%w: field name %q cannot be written in a format string", ErrDtype, name)
	}
	inner, err := formatOfDescr(t[1])
	if err != nil {
		return err
	}
	if name == "" { // padding: ('', '|V4')
		if s, isStr := t[1].(string); isStr && len(s) > 2 && s[1] == 'V' && len(t) == 2 {
			b.WriteString(strings.TrimSuffix(inner, "s") + "x")
			return nil
		}
		return fmt.Errorf("%w: unnamed field %v", ErrFormat, f)
	}
	if len(t) == 3 {
		shape, ok := t[2].(pyTuple)
		if !ok {
			if n, isInt := t[2].(int64); isInt {
				shape = pyTuple{n}
			} else {
				return fmt.Errorf("%w: field shape %v", ErrFormat, t[2])
			}
		}
		b.WriteString("(")
		for i, e := range shape {
			n, ok := e.(int64)
			if !ok || n < 0 {
				return fmt.Errorf("%w: field shape %v", ErrFormat, t[2])
			}
			if i > 0 {
				b.WriteString(",")
			}
			b.WriteString(strconv.FormatInt(n, 10))
		}
		b.WriteString(")")
	}
	b.WriteString(inner)
	b.WriteString(":" + name + ":")
	return nil
}

// formatOfTypestr maps one typestr (byte order, kind, size in bytes).
func formatOfTypestr(s string) (string, error) {
	if len(s) == 2 && s[1] == 'O' {
		return "", fmt.Errorf("%w: %q (object arrays are pickled, not stored)", ErrDtype, s)
	}
	if len(s) < 3 {
		return "", fmt.Errorf("%w: type string %q", ErrFormat, s)
	}
	var order string
	switch s[0] {
	case '<', '|':
		order = "<" // one-byte types have no order; NumPy's own choice of prefix
	case '>':
		order = ">"
	case '=':
		order = "="
	default:
		return "", fmt.Errorf("%w: type string %q has no byte order", ErrFormat, s)
	}
	if strings.IndexByte("OMmGgVSUbiufc", s[1]) < 0 || strings.IndexByte("OMm", s[1]) >= 0 {
		return "", fmt.Errorf("%w: %q (object, datetime and other dtypes have no struct format)", ErrDtype, s)
	}
	size, err := strconv.Atoi(s[2:])
	if err != nil || size < 0 {
		return "", fmt.Errorf("%w: type string %q", ErrFormat, s)
	}
	if size == 0 {
		return "", fmt.Errorf("%w: %q has no bytes", ErrDtype, s)
	}
	codes := map[string]string{
		"b1": "?", "i1": "b", "i2": "h", "i4": "i", "i8": "q",
		"u1": "B", "u2": "H", "u4": "I", "u8": "Q",
		"f2": "e", "f4": "f", "f8": "d", "c8": "Zf", "c16": "Zd",
	}
	if c, ok := codes[s[1:]]; ok {
		return order + c, nil
	}
	switch s[1] {
	case 'S':
		return strconv.Itoa(size) + "s", nil
	case 'V':
		return strconv.Itoa(size) + "s", nil // raw bytes, read as bytes
	case 'U':
		return order + strconv.Itoa(size) + "w", nil // size counts UCS-4 characters; known size, no Go value
	}
	return "", fmt.Errorf("%w: %q (object, long double, datetime and other dtypes have no struct format)", ErrDtype, s)
}

// descrOf returns the descr NumPy writes for a format, as Python source:
// '<f8' for "<d" or "d", and a list of fields for a record, with
// (”, '|Vn') entries for gaps, as dtype.descr has them.
func descrOf(f *format.Format) (string, error) {
	if fl, ok := f.Scalar(); ok {
		t, err := typestr(fl)
		if err != nil {
			return "", err
		}
		return "'" + t + "'", nil
	}
	if f.NumFields() == 1 && f.Field(0).Kind == format.Record && f.Field(0).Count == 1 && f.Field(0).Shape == nil {
		return recordDescr(f.Field(0).Record, f.Size())
	}
	return "", fmt.Errorf("%w: format %q is neither one value nor one record (reshape a repeated item into the view's shape)", ErrDtype, f.String())
}

func recordDescr(r *format.Format, size int) (string, error) {
	var b strings.Builder
	b.WriteString("[")
	pos := 0
	n := 0
	item := func(s string) {
		if n > 0 {
			b.WriteString(", ")
		}
		b.WriteString(s)
		n++
	}
	for _, fl := range r.Fields() {
		if fl.Kind == format.Pad {
			continue
		}
		if fl.Offset > pos {
			item(fmt.Sprintf("('', '|V%d')", fl.Offset-pos))
		}
		if strings.ContainsAny(fl.Name, "'\\") || !isASCII(fl.Name) {
			return "", fmt.Errorf("%w: field name %q", ErrDtype, fl.Name)
		}
		var t string
		if fl.Kind == format.Record {
			inner, err := recordDescr(fl.Record, fl.Size)
			if err != nil {
				return "", err
			}
			t = inner
		} else {
			one := fl
			one.Count, one.Shape = 1, nil
			ts, err := typestr(one)
			if err != nil {
				return "", err
			}
			t = "'" + ts + "'"
		}
		shape := fl.Shape
		if shape == nil && fl.Count > 1 && fl.Kind != format.Bytes {
			shape = []int{fl.Count}
		}
		if shape != nil {
			item(fmt.Sprintf("('%s', %s, %s)", fl.Name, t, pyShape(shape)))
		} else {
			item(fmt.Sprintf("('%s', %s)", fl.Name, t))
		}
		pos = fl.Offset + fl.Size*fl.Count
	}
	if size > pos {
		item(fmt.Sprintf("('', '|V%d')", size-pos))
	}
	b.WriteString("]")
	return b.String(), nil
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// typestr gives NumPy's type string of one element of a field.
func typestr(fl format.Field) (string, error) {
	order := byte('<')
	if fl.Order == format.BigEndian {
		order = '>'
	}
	kinds := map[format.Kind]string{
		format.Bool: "|b1", format.Int8: "|i1", format.Uint8: "|u1",
		format.Int16: "i2", format.Uint16: "u2", format.Int32: "i4", format.Uint32: "u4",
		format.Int64: "i8", format.Uint64: "u8",
		format.Float16: "f2", format.Float32: "f4", format.Float64: "f8",
		format.Complex64: "c8", format.Complex128: "c16",
	}
	if k, ok := kinds[fl.Kind]; ok {
		if k[0] == '|' {
			return k, nil
		}
		return string(order) + k, nil
	}
	switch fl.Kind {
	case format.Char:
		return "|S1", nil
	case format.Bytes:
		return "|S" + strconv.Itoa(fl.Size), nil
	}
	return "", fmt.Errorf("%w: %s fields (code %q) have no NumPy dtype here", ErrDtype, fl.Kind, fl.Code)
}

// pyShape is Python's repr of a shape tuple: (), (5,), (2, 3).
func pyShape(shape []int) string {
	switch len(shape) {
	case 0:
		return "()"
	case 1:
		return "(" + strconv.Itoa(shape[0]) + ",)"
	}
	parts := make([]string, len(shape))
	for i, e := range shape {
		parts[i] = strconv.Itoa(e)
	}
	return "(" + strings.Join(parts, ", ") + ")"
}
