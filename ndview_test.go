package ndview_test

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/big"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/ndview/ndview/format"
)

// The conformance suite: cases whose answers were recorded from CPython's
// struct, memoryview and _testbuffer and from NumPy (see
// testdata/conformance/SCHEMA.md). Every case of every file runs as a
// subtest named by its id. NDVIEW_CONFORMANCE_DIR names another folder of
// the same schema to run instead.

type conformanceFile struct {
	Schema int               `json:"schema"`
	Oracle string            `json:"oracle"`
	Cases  []json.RawMessage `json:"cases"`
}

type caseHeader struct {
	ID string `json:"id"`
	Op string `json:"op"`
}

// handlers run one case of an op and return nil when it passes.
var handlers = map[string]func(dir string, raw json.RawMessage) error{
	"calcsize": runCalcsize,
	"pack":     runPack,
	"unpack":   runUnpack,
	"pep3118":  runPEP3118,
	"view":     runView,
	"equal":    runEqual,
	"pipeline": runPipeline,
	"npy":      runNpy,
}

// pending lists the ops whose package is not built yet, with that package.
// Their cases are skipped with a message naming the op; any other op
// without a handler fails.
var pending = map[string]string{}

func conformanceDir(t *testing.T) string {
	if d := os.Getenv("NDVIEW_CONFORMANCE_DIR"); d != "" {
		if st, err := os.Stat(d); err != nil || !st.IsDir() {
			t.Fatalf("NDVIEW_CONFORMANCE_DIR=%q is not a folder: %v", d, err)
		}
		return d
	}
	return filepath.Join("testdata", "conformance")
}

func TestConformance(t *testing.T) {
	dir := conformanceDir(t)
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no *.json cases in %s", dir)
	}
	type tally struct{ pass, fail, skip, dispute int }
	counts := map[string]*tally{}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var cf conformanceFile
		if err := json.Unmarshal(data, &cf); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		if cf.Schema != 1 {
			t.Fatalf("%s: schema %d, want 1", file, cf.Schema)
		}
		for _, raw := range cf.Cases {
			var h caseHeader
			if err := json.Unmarshal(raw, &h); err != nil {
				t.Fatalf("%s: %v", file, err)
			}
			c := counts[h.Op]
			if c == nil {
				c = &tally{}
				counts[h.Op] = c
			}
			run := handlers[h.Op]
			skipped, disputed := false, false
			ok := t.Run(h.ID, func(t *testing.T) {
				if run == nil {
					if pkg, isPending := pending[h.Op]; isPending {
						c.skip++
						t.Skipf("op %s: needs package %s, which is not built yet", h.Op, pkg)
					}
					t.Fatalf("op %q has no handler", h.Op)
				}
				if err := run(dir, raw); err != nil {
					if errors.Is(err, errDisputed) {
						disputed = true
						c.dispute++
						t.Log(err)
						return
					}
					if errors.Is(err, errPending) {
						skipped = true
						c.skip++
						t.Skip(err)
					}
					t.Errorf("%s\ncase: %s", err, raw)
				}
			})
			if skipped || disputed {
				continue
			}
			if run != nil {
				if ok {
					c.pass++
				} else {
					c.fail++
				}
			} else if !ok {
				c.fail++
			}
		}
	}
	if testing.Verbose() {
		ops := make([]string, 0, len(counts))
		for op := range counts {
			ops = append(ops, op)
		}
		sort.Strings(ops)
		for _, op := range ops {
			c := counts[op]
			disputed := ""
			if c.dispute > 0 {
				disputed = fmt.Sprintf(", %d disputed (the case contradicts its own file; see the test log)", c.dispute)
			}
			fmt.Printf("conformance %s: %d passed, %d failed, %d skipped%s\n", op, c.pass, c.fail, c.skip, disputed)
		}
	}
}

// --- format ops ---

type calcsizeCase struct {
	Format string `json:"format"`
	Size   int    `json:"size"`
	Values int    `json:"values"`
	Error  bool   `json:"error"`
}

func runCalcsize(_ string, raw json.RawMessage) error {
	var c calcsizeCase
	if err := json.Unmarshal(raw, &c); err != nil {
		return err
	}
	f, err := format.ParseStruct(c.Format)
	if c.Error {
		if err == nil {
			return fmt.Errorf("ParseStruct(%q) succeeded with size %d, want an error", c.Format, f.Size())
		}
		if !errors.Is(err, format.ErrSyntax) {
			return fmt.Errorf("ParseStruct(%q): error %v does not match ErrSyntax", c.Format, err)
		}
		return nil
	}
	if err != nil {
		return fmt.Errorf("ParseStruct(%q): %v", c.Format, err)
	}
	if f.Size() != c.Size || f.NumValues() != c.Values {
		return fmt.Errorf("ParseStruct(%q): size %d values %d, want %d %d", c.Format, f.Size(), f.NumValues(), c.Size, c.Values)
	}
	_, err = parseBoth(c.Format)
	return err
}

type packCase struct {
	Format string            `json:"format"`
	Values []json.RawMessage `json:"values"`
	Hex    string            `json:"hex"`
	Error  bool              `json:"error"`
}

// valueKinds lists the kind of each value a format packs, in order.
func valueKinds(f *format.Format) []format.Kind {
	var ks []format.Kind
	for i := 0; i < f.NumFields(); i++ {
		fl := f.Field(i)
		for k := 0; k < fl.NumValues; k++ {
			ks = append(ks, fl.Kind)
		}
	}
	return ks
}

// pyNaN is the bit pattern of Python's float('nan'); the JSON says only
// "nan", and packing d keeps every payload bit.
var pyNaN = math.Float64frombits(0x7ff8000000000000)

func parseFloat(s string) (float64, error) {
	switch s {
	case "nan":
		return pyNaN, nil
	case "-nan":
		return math.Copysign(pyNaN, -1), nil
	}
	return strconv.ParseFloat(s, 64)
}

// goValue turns a JSON value into the Go value Pack takes for kind k.
func goValue(raw json.RawMessage, k format.Kind) (any, error) {
	switch {
	case k == format.Bool:
		var b bool
		err := json.Unmarshal(raw, &b)
		return b, err
	case k.IsInteger():
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return nil, err
		}
		n, ok := new(big.Int).SetString(s, 10)
		if !ok {
			return nil, fmt.Errorf("bad integer %q", s)
		}
		switch {
		case n.IsInt64():
			return n.Int64(), nil
		case n.IsUint64():
			return n.Uint64(), nil
		}
		return n, nil
	case k.IsFloat():
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return nil, err
		}
		return parseFloat(s)
	case k == format.Char || k == format.Bytes || k == format.Pascal:
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return nil, err
		}
		return hex.DecodeString(s)
	}
	return nil, fmt.Errorf("no JSON encoding for kind %v", k)
}

func runPack(_ string, raw json.RawMessage) error {
	var c packCase
	if err := json.Unmarshal(raw, &c); err != nil {
		return err
	}
	// The error of a pack case is about a value: its format must parse,
	// with both grammars, to the same layout.
	f, err := parseBoth(c.Format)
	if err != nil {
		return err
	}
	kinds := valueKinds(f)
	if len(kinds) != len(c.Values) && !c.Error {
		return fmt.Errorf("format %q packs %d values, case has %d", c.Format, len(kinds), len(c.Values))
	}
	vals := make([]any, len(c.Values))
	for i, r := range c.Values {
		if i >= len(kinds) {
			// A value beyond the format's count: any Go value will do,
			// since Pack must refuse the count.
			vals[i] = string(r)
			continue
		}
		if vals[i], err = goValue(r, kinds[i]); err != nil {
			return fmt.Errorf("value %d: %v", i, err)
		}
	}
	got, err := f.Pack(vals...)
	if c.Error {
		if err == nil {
			return fmt.Errorf("Pack(%q, %v) = %x, want an error", c.Format, vals, got)
		}
		// struct.error for the values: one out of range or (for c) of the
		// wrong length, or the wrong number of them.
		var ve *format.ValueError
		if !errors.As(err, &ve) || !(errors.Is(err, format.ErrRange) || errors.Is(err, format.ErrType) || errors.Is(err, format.ErrCount)) {
			return fmt.Errorf("Pack(%q): error %v is not a value error", c.Format, err)
		}
		return nil
	}
	if err != nil {
		return fmt.Errorf("Pack(%q, %v): %v", c.Format, vals, err)
	}
	if h := hex.EncodeToString(got); h != c.Hex {
		return fmt.Errorf("Pack(%q) = %s, want %s", c.Format, h, c.Hex)
	}
	// The append and in-place forms agree with Pack.
	app, err := f.AppendPack([]byte{0xAA}, vals...)
	if err != nil || hex.EncodeToString(app[1:]) != c.Hex || app[0] != 0xAA {
		return fmt.Errorf("AppendPack(%q) = %x, %v; want aa%s", c.Format, app, err, c.Hex)
	}
	return nil
}

func runUnpack(_ string, raw json.RawMessage) error {
	var c packCase
	if err := json.Unmarshal(raw, &c); err != nil {
		return err
	}
	b, err := hex.DecodeString(c.Hex)
	if err != nil {
		return err
	}
	f, err := parseBoth(c.Format)
	if err != nil {
		return err
	}
	got, err := f.Unpack(b)
	if c.Error {
		if err == nil {
			return fmt.Errorf("Unpack(%q, %s) = %v, want an error", c.Format, c.Hex, got)
		}
		if !errors.Is(err, format.ErrSize) {
			return fmt.Errorf("Unpack(%q): error %v does not match ErrSize", c.Format, err)
		}
		return nil
	}
	if err != nil {
		return fmt.Errorf("Unpack(%q, %s): %v", c.Format, c.Hex, err)
	}
	want := make([]any, len(c.Values))
	for i, r := range c.Values {
		if err := json.Unmarshal(r, &want[i]); err != nil {
			return err
		}
	}
	if err := matchValue(got, any(want), false); err != nil {
		return fmt.Errorf("Unpack(%q, %s): %v", c.Format, c.Hex, err)
	}
	return nil
}

// parseBoth parses a struct format with ParseStruct, and checks that Parse
// (the PEP 3118 superset every view uses) gives the same layout.
func parseBoth(s string) (*format.Format, error) {
	f, err := format.ParseStruct(s)
	if err != nil {
		return nil, fmt.Errorf("ParseStruct(%q): %v", s, err)
	}
	g, err := format.Parse(s)
	if err != nil {
		return nil, fmt.Errorf("Parse(%q): %v", s, err)
	}
	if !f.Equal(g) {
		return nil, fmt.Errorf("Parse(%q) and ParseStruct differ in layout", s)
	}
	return f, nil
}

type pep3118Case struct {
	Format   string `json:"format"`
	Itemsize int    `json:"itemsize"`
	Names    []string
	Offsets  []int
	Buffer   string
	Count    int
	Values   []any
	Error    bool
}

func runPEP3118(_ string, raw json.RawMessage) error {
	var c pep3118Case
	if err := json.Unmarshal(raw, &c); err != nil {
		return err
	}
	f, err := format.Parse(c.Format)
	if c.Error {
		if err == nil {
			return fmt.Errorf("Parse(%q) succeeded with size %d, want an error", c.Format, f.Size())
		}
		if !errors.Is(err, format.ErrSyntax) {
			return fmt.Errorf("Parse(%q): error %v does not match ErrSyntax", c.Format, err)
		}
		return nil
	}
	if err != nil {
		return fmt.Errorf("Parse(%q): %v", c.Format, err)
	}
	// The itemsize is the exporter's (Py_buffer.itemsize), which exceeds
	// what the string expresses by the padding after the last field when
	// NumPy exports an aligned record; Padded applies it, and refuses an
	// itemsize smaller than the fields need.
	if f, err = f.Padded(c.Itemsize); err != nil {
		return fmt.Errorf("Parse(%q).Padded(%d): %v", c.Format, c.Itemsize, err)
	}
	// NumPy reports the fields of a format that is one record as the
	// record's own fields.
	fields, base := f, 0
	if fl, ok := soleRecord(f); ok {
		fields, base = fl.Record, fl.Offset
	}
	var names []string
	var offsets []int
	for i := 0; i < fields.NumFields(); i++ {
		fl := fields.Field(i)
		if fl.Kind == format.Pad {
			continue
		}
		names = append(names, fl.Name)
		offsets = append(offsets, base+fl.Offset)
	}
	if fmt.Sprint(names) != fmt.Sprint(c.Names) || fmt.Sprint(offsets) != fmt.Sprint(c.Offsets) {
		return fmt.Errorf("Parse(%q): names %q offsets %v, want %q %v", c.Format, names, offsets, c.Names, c.Offsets)
	}
	buf, err := hex.DecodeString(c.Buffer)
	if err != nil {
		return err
	}
	if len(buf) != c.Count*c.Itemsize || len(c.Values) != c.Count {
		return fmt.Errorf("case has %d bytes and %d values for %d records of %d", len(buf), len(c.Values), c.Count, c.Itemsize)
	}
	for i := 0; i < c.Count; i++ {
		got, err := f.Unpack(buf[i*c.Itemsize : (i+1)*c.Itemsize])
		if err != nil {
			return fmt.Errorf("record %d: Unpack: %v", i, err)
		}
		var rec any = got
		if _, ok := soleRecord(f); ok {
			rec = got[0]
		}
		if err := matchRecord(fields, rec, c.Values[i]); err != nil {
			return fmt.Errorf("record %d: %v", i, err)
		}
	}
	return nil
}

// matchRecord compares the values of a record, one per field that is not
// padding, with their JSON encoding.
func matchRecord(r *format.Format, got, want any) error {
	g, ok1 := got.([]any)
	w, ok2 := want.([]any)
	if !ok1 || !ok2 || len(g) != len(w) {
		return fmt.Errorf("record: got %#v, want %v", got, want)
	}
	j := 0
	for i := 0; i < r.NumFields(); i++ {
		fl := r.Field(i)
		if fl.Kind == format.Pad {
			continue
		}
		if j >= len(g) {
			return fmt.Errorf("record: %d values for more fields", len(g))
		}
		shape := fl.Shape
		if shape == nil && fl.Count != 1 {
			shape = []int{fl.Count}
		}
		if err := matchArray(fl, shape, g[j], w[j]); err != nil {
			return fmt.Errorf("field %s: %v", fl.Name, err)
		}
		j++
	}
	return nil
}

// matchArray compares a field's value, nested to the given shape.
func matchArray(fl format.Field, shape []int, got, want any) error {
	if len(shape) > 0 {
		g, ok1 := got.([]any)
		w, ok2 := want.([]any)
		if !ok1 || !ok2 || len(g) != shape[0] || len(w) != shape[0] {
			return fmt.Errorf("got %#v, want %v of length %d", got, want, shape[0])
		}
		for i := range g {
			if err := matchArray(fl, shape[1:], g[i], w[i]); err != nil {
				return fmt.Errorf("[%d]: %v", i, err)
			}
		}
		return nil
	}
	if fl.Kind == format.Record {
		return matchRecord(fl.Record, got, want)
	}
	// NumPy reads S values (s and c) without their trailing zero bytes;
	// void values (named x) keep every byte.
	return matchValue(got, want, fl.Kind == format.Bytes || fl.Kind == format.Char)
}

// soleRecord returns the field of a format that is exactly one record.
func soleRecord(f *format.Format) (format.Field, bool) {
	if f.NumFields() != 1 {
		return format.Field{}, false
	}
	fl := f.Field(0)
	return fl, fl.Kind == format.Record && fl.Shape == nil && fl.Count == 1
}

// matchValue compares an unpacked value with its JSON encoding (see
// SCHEMA.md): integers as decimal strings, floats as hex-float strings
// (bit for bit; any NaN matches "nan"), complex as [re, im], bools as
// booleans, bytes as hex. numpyBytes applies NumPy's rule for S values,
// which drop their trailing zero bytes when read. Lists compare element
// by element.
func matchValue(got, want any, numpyBytes bool) error {
	switch g := got.(type) {
	case int64:
		if w, ok := want.(string); ok && w == strconv.FormatInt(g, 10) {
			return nil
		}
	case uint64:
		if w, ok := want.(string); ok && w == strconv.FormatUint(g, 10) {
			return nil
		}
	case float64:
		if w, ok := want.(string); ok {
			wf, err := parseFloat(w)
			if err == nil && (math.Float64bits(wf) == math.Float64bits(g) || math.IsNaN(wf) && math.IsNaN(g)) {
				return nil
			}
		}
	case complex128:
		return matchValue([]any{real(g), imag(g)}, want, numpyBytes)
	case bool:
		if w, ok := want.(bool); ok && w == g {
			return nil
		}
	case []byte:
		if numpyBytes {
			g = []byte(strings.TrimRight(string(g), "\x00"))
		}
		if w, ok := want.(string); ok && w == hex.EncodeToString(g) {
			return nil
		}
	case []any:
		w, ok := want.([]any)
		if !ok || len(w) != len(g) {
			break
		}
		for i := range g {
			if err := matchValue(g[i], w[i], numpyBytes); err != nil {
				return fmt.Errorf("[%d]: %v", i, err)
			}
		}
		return nil
	}
	return fmt.Errorf("got %#v, want %v", got, want)
}
