package ndview_test

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/google/go-cmp/cmp"
	"github.com/ndview/ndview/cast"
	"github.com/ndview/ndview/format"
	"github.com/ndview/ndview/ndview"
)

// errPending marks a case that needs a package not built yet; the suite
// skips it and counts it as skipped.
var errPending = errors.New("needs a package that is not built yet")

// layoutJSON is a view as the cases describe it.
type layoutJSON struct {
	Buffer   string `json:"buffer"`
	Format   string `json:"format"`
	ItemSize int    `json:"itemsize"`
	Shape    []int  `json:"shape"`
	Strides  []int  `json:"strides"`
	Offset   int    `json:"offset"`
}

func (l layoutJSON) build() (ndview.View, error) {
	buf, err := hex.DecodeString(l.Buffer)
	if err != nil {
		return ndview.View{}, fmt.Errorf("bad buffer hex: %v", err)
	}
	f, err := format.Parse(l.Format)
	if err != nil {
		return ndview.View{}, err
	}
	strides := l.Strides
	if strides == nil {
		strides = []int{}
	}
	item := l.ItemSize
	if item == 0 {
		item = -1 // 0 in a case is a bad itemsize, not "the format's"
	}
	return ndview.FromLayout(buf, ndview.Layout{Format: f, ItemSize: item, Shape: l.Shape, Strides: strides, Offset: l.Offset})
}

type expectJSON struct {
	Format      string          `json:"format"`
	ItemSize    int             `json:"itemsize"`
	Shape       []int           `json:"shape"`
	Strides     []int           `json:"strides"`
	Offset      *int            `json:"offset"`
	NBytes      int             `json:"nbytes"`
	CContiguous bool            `json:"c_contiguous"`
	FContiguous bool            `json:"f_contiguous"`
	ToList      json.RawMessage `json:"tolist"`
	ToBytes     string          `json:"tobytes"`
	ToBytesF    string          `json:"tobytes_f"`
	ReadOnly    *bool           `json:"readonly"`
}

// matchExpect compares a view with its recorded description.
func matchExpect(v ndview.View, e expectJSON) error {
	if got := v.ItemFormat().String(); got != e.Format {
		return fmt.Errorf("format %q, want %q", got, e.Format)
	}
	if v.ItemSize() != e.ItemSize {
		return fmt.Errorf("itemsize %d, want %d", v.ItemSize(), e.ItemSize)
	}
	if diff := cmp.Diff(e.Shape, v.Shape()); diff != "" {
		return fmt.Errorf("shape (-want +got):\n%s", diff)
	}
	if v.Len() > 0 {
		for i, n := range e.Shape {
			if n > 1 && v.Stride(i) != e.Strides[i] {
				return fmt.Errorf("strides %v, want %v (compared where the extent exceeds 1)", v.Strides(), e.Strides)
			}
		}
		if e.Offset == nil || v.Offset() != *e.Offset {
			return fmt.Errorf("offset %d, want %v", v.Offset(), e.Offset)
		}
	} else if e.Offset != nil {
		return fmt.Errorf("view has no elements, but the case expects offset %d", *e.Offset)
	}
	if v.NBytes() != e.NBytes {
		return fmt.Errorf("nbytes %d, want %d", v.NBytes(), e.NBytes)
	}
	if v.IsCContiguous() != e.CContiguous || v.IsFContiguous() != e.FContiguous {
		return fmt.Errorf("contiguous C %v F %v, want C %v F %v", v.IsCContiguous(), v.IsFContiguous(), e.CContiguous, e.FContiguous)
	}
	if got := hex.EncodeToString(v.ToBytes(ndview.COrder)); got != e.ToBytes {
		return fmt.Errorf("tobytes %s, want %s", got, e.ToBytes)
	}
	if got := hex.EncodeToString(v.ToBytes(ndview.FOrder)); got != e.ToBytesF {
		return fmt.Errorf("tobytes('F') %s, want %s", got, e.ToBytesF)
	}
	if e.ReadOnly != nil && v.ReadOnly() != *e.ReadOnly {
		return fmt.Errorf("readonly %v, want %v", v.ReadOnly(), *e.ReadOnly)
	}
	got, err := v.ToList()
	if err != nil {
		return fmt.Errorf("tolist: %v", err)
	}
	var want any
	if err := json.Unmarshal(e.ToList, &want); err != nil {
		return err
	}
	if err := matchValue(got, want, false); err != nil {
		return fmt.Errorf("tolist: %v", err)
	}
	return nil
}

type viewCase struct {
	View   layoutJSON `json:"view"`
	Valid  bool       `json:"valid"`
	Expect expectJSON `json:"expect"`
}

func runView(_ string, raw json.RawMessage) error {
	var c viewCase
	if err := json.Unmarshal(raw, &c); err != nil {
		return err
	}
	v, err := c.View.build()
	if !c.Valid {
		if err == nil {
			return fmt.Errorf("invalid layout accepted: shape %v strides %v offset %d", v.Shape(), v.Strides(), v.Offset())
		}
		if !errors.Is(err, ndview.ErrLayout) {
			return fmt.Errorf("invalid layout: error %v does not match ErrLayout", err)
		}
		return nil
	}
	if err != nil {
		return err
	}
	return matchExpect(v, c.Expect)
}

type equalCase struct {
	A     layoutJSON `json:"a"`
	B     layoutJSON `json:"b"`
	Equal bool       `json:"equal"`
}

func runEqual(_ string, raw json.RawMessage) error {
	var c equalCase
	if err := json.Unmarshal(raw, &c); err != nil {
		return err
	}
	a, err := c.A.build()
	if err != nil {
		return fmt.Errorf("a: %v", err)
	}
	b, err := c.B.build()
	if err != nil {
		return fmt.Errorf("b: %v", err)
	}
	if got := ndview.Equal(a, b); got != c.Equal {
		return fmt.Errorf("Equal(a, b) = %v, want %v", got, c.Equal)
	}
	if got := ndview.Equal(b, a); got != c.Equal {
		return fmt.Errorf("Equal(b, a) = %v, want %v", got, c.Equal)
	}
	return nil
}

type indexJSON struct {
	Int      *int   `json:"int"`
	Slice    []*int `json:"slice"`
	Ellipsis bool   `json:"ellipsis"`
	NewAxis  bool   `json:"newaxis"`
}

type opJSON struct {
	Op        string      `json:"op"`
	Index     []indexJSON `json:"index"`
	Axes      []int       `json:"axes"`
	Axis      int         `json:"axis"`
	Shape     []int       `json:"shape"`
	Format    string      `json:"format"`
	NeedsCopy bool        `json:"needs_copy"`
	// CPythonRejects marks a cast CPython refuses by policy; ndview does
	// it, and must give the recorded result.
	CPythonRejects bool `json:"cpython_rejects"`
}

type pipelineCase struct {
	View    layoutJSON `json:"view"`
	Ops     []opJSON   `json:"ops"`
	ErrorAt *int       `json:"error_at"`
	Expect  expectJSON `json:"expect"`
}

func orNone(p *int) int {
	if p == nil {
		return ndview.None
	}
	return *p
}

// apply runs one pipeline op.
func apply(v ndview.View, op opJSON) (ndview.View, error) {
	switch op.Op {
	case "index":
		idx := make([]ndview.Index, len(op.Index))
		for i, x := range op.Index {
			switch {
			case x.Int != nil:
				idx[i] = ndview.Int(*x.Int)
			case x.Slice != nil:
				idx[i] = ndview.Slice(orNone(x.Slice[0]), orNone(x.Slice[1]), orNone(x.Slice[2]))
				if x.Slice[2] != nil && *x.Slice[2] == 0 {
					idx[i] = ndview.Slice(orNone(x.Slice[0]), orNone(x.Slice[1]), 0)
				}
			case x.Ellipsis:
				idx[i] = ndview.Ellipsis
			case x.NewAxis:
				idx[i] = ndview.NewAxis
			default:
				return v, fmt.Errorf("unknown index item %+v", x)
			}
		}
		w, err := v.Index(idx...)
		if err == nil {
			// The string form must agree with the typed one.
			s := ""
			for i, x := range idx {
				if i > 0 {
					s += ", "
				}
				s += x.String()
			}
			w2, err2 := v.IndexString(s)
			if err2 != nil || !cmp.Equal(w.Layout(), w2.Layout(), cmp.Comparer(func(a, b *format.Format) bool { return a == b })) {
				return v, fmt.Errorf("IndexString(%q) = %+v, %v; Index gave %+v", s, w2.Layout(), err2, w.Layout())
			}
		} else if !errors.Is(err, ndview.ErrIndex) {
			return v, fmt.Errorf("index error %v does not match ErrIndex", err)
		}
		return w, err
	case "transpose":
		return v.Transpose(op.Axes...)
	case "flip":
		return v.Flip(op.Axis)
	case "squeeze":
		if op.Axes != nil && len(op.Axes) == 0 {
			return v, nil
		}
		return v.Squeeze(op.Axes...)
	case "broadcast":
		return v.BroadcastTo(op.Shape...)
	case "reshape":
		w, err := v.Reshape(op.Shape...)
		if op.NeedsCopy {
			if !errors.Is(err, ndview.ErrNeedsCopy) {
				return w, fmt.Errorf("reshape to %v: got %v, want ErrNeedsCopy", op.Shape, err)
			}
			return w, err
		}
		return w, err
	case "cast":
		return applyCast(v, op)
	}
	return v, fmt.Errorf("unknown op %q", op.Op)
}

// applyCast runs a cast op with cast.To, and checks what the suite's
// answers cannot: the error's sentinel, and that casting back to the
// original format and shape gives back the original layout.
func applyCast(v ndview.View, op opJSON) (ndview.View, error) {
	var w ndview.View
	var err error
	if op.Shape != nil && len(op.Shape) == 0 {
		if w, err = cast.To(v, op.Format); err == nil {
			w, err = w.Reshape()
		}
	} else {
		w, err = cast.To(v, op.Format, op.Shape...)
	}
	if err != nil {
		if !errors.Is(err, cast.ErrNotContiguous) && !errors.Is(err, cast.ErrSize) && !errors.Is(err, cast.ErrCount) && !errors.Is(err, cast.ErrShape) {
			return w, fmt.Errorf("cast error %v matches none of ErrNotContiguous, ErrSize, ErrCount, ErrShape", err)
		}
		return w, err
	}
	back, err := cast.ToFormat(w, v.ItemFormat(), v.Shape()...)
	if err == nil && v.NDim() == 0 {
		back, err = back.Reshape()
	}
	if err != nil {
		return w, fmt.Errorf("casting back to %q %v: %v", v.ItemFormat(), v.Shape(), err)
	}
	if !sameLayout(back, v) {
		return w, fmt.Errorf("casting back gave %+v, want %+v", back.Layout(), v.Layout())
	}
	if w.ReadOnly() != v.ReadOnly() {
		return w, fmt.Errorf("cast changed the read-only flag")
	}
	return w, nil
}

// sameLayout compares layouts as the suite does: strides only where the
// extent exceeds 1, and the offset only for views with elements.
func sameLayout(a, b ndview.View) bool {
	if a.ItemFormat() != b.ItemFormat() || !cmp.Equal(a.Shape(), b.Shape()) || a.ReadOnly() != b.ReadOnly() {
		return false
	}
	if a.Len() == 0 {
		return true
	}
	for i := range a.NDim() {
		if a.Dim(i) > 1 && a.Stride(i) != b.Stride(i) {
			return false
		}
	}
	return a.Offset() == b.Offset()
}

func runPipeline(_ string, raw json.RawMessage) error {
	var c pipelineCase
	if err := json.Unmarshal(raw, &c); err != nil {
		return err
	}
	v, err := c.View.build()
	if err != nil {
		return fmt.Errorf("input view: %v", err)
	}
	for i, op := range c.Ops {
		w, err := apply(v, op)
		if c.ErrorAt != nil && *c.ErrorAt == i {
			if err == nil {
				return fmt.Errorf("op %d (%s) succeeded, want an error; result shape %v strides %v", i, op.Op, w.Shape(), w.Strides())
			}
			return nil
		}
		if err != nil {
			return fmt.Errorf("op %d (%s): %v", i, op.Op, err)
		}
		v = w
	}
	if c.ErrorAt != nil {
		return fmt.Errorf("no op failed, want op %d to fail", *c.ErrorAt)
	}
	return matchExpect(v, c.Expect)
}
