//go:build unix

package npy_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"github.com/ndview/ndview/ndview"
	"github.com/ndview/ndview/npy"
)

// writeFile writes v with npy.WriteFile into a new temporary file.
func writeFile(t *testing.T, v ndview.View) (string, []byte) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "a.npy")
	if err := npy.WriteFile(path, v); err != nil {
		t.Fatal(err)
	}
	file, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return path, file
}

func iota(t *testing.T, f string, shape ...int) ndview.View {
	t.Helper()
	v, err := ndview.Make(f, shape...)
	if err != nil {
		t.Fatal(err)
	}
	i := 0
	for idx := range v.All() {
		if err := v.SetValue(i, idx...); err != nil {
			t.Fatal(err)
		}
		i++
	}
	return v
}

func mapView(t *testing.T, path string, mode npy.Mode) (*npy.Mapped, ndview.View) {
	t.Helper()
	m, err := npy.Map(path, mode)
	if err != nil {
		t.Fatalf("Map(%d): %v", mode, err)
	}
	v, err := m.View()
	if err != nil {
		t.Fatalf("View: %v", err)
	}
	return m, v
}

func TestMapReadOnly(t *testing.T) {
	want := iota(t, "<i", 3, 4)
	path, file := writeFile(t, want)
	m, v := mapView(t, path, npy.ReadOnly)
	defer m.Close()
	if !v.ReadOnly() {
		t.Errorf("a ReadOnly mapping gave a writable view")
	}
	if !ndview.Equal(v, want) || v.ItemFormat().String() != "<i" {
		t.Errorf("mapped %v (%s), want %v", v, v.ItemFormat(), want)
	}
	h := m.Header()
	if h.Descr != "<i4" || !slices.Equal(h.Shape, []int{3, 4}) || h.DataOffset%64 != 0 {
		t.Errorf("header %+v", h)
	}
	// A write is an error, not a fault.
	if err := v.SetValue(7, 1, 1); !errors.Is(err, ndview.ErrReadOnly) {
		t.Errorf("SetValue through a read-only mapping: %v, want ErrReadOnly", err)
	}
	if err := v.Fill(7); !errors.Is(err, ndview.ErrReadOnly) {
		t.Errorf("Fill through a read-only mapping: %v, want ErrReadOnly", err)
	}
	if err := want.CopyTo(v); !errors.Is(err, ndview.ErrReadOnly) {
		t.Errorf("CopyTo a read-only mapping: %v, want ErrReadOnly", err)
	}
	if again, _ := os.ReadFile(path); !bytes.Equal(again, file) {
		t.Errorf("the file changed")
	}
	// The view is the file's pages: a change made through the file
	// shows (MAP_SHARED), so nothing was copied.
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt([]byte{0x2a, 0, 0, 0}, int64(h.DataOffset+4*(4*2+3))); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if x, _ := v.Value(2, 3); x != int64(42) {
		t.Errorf("after writing 42 to the file, the mapping shows %v at [2, 3]", x)
	}
}

func TestMapReadWrite(t *testing.T) {
	want := iota(t, ">d", 2, 5)
	path, _ := writeFile(t, want)
	m, v := mapView(t, path, npy.ReadWrite)
	if v.ReadOnly() {
		t.Fatalf("a ReadWrite mapping gave a read-only view")
	}
	if v.ItemFormat().String() != ">d" {
		t.Errorf("format %s, want >d (big-endian stays big-endian)", v.ItemFormat())
	}
	if err := v.SetValue(-1.5, 1, 3); err != nil {
		t.Fatal(err)
	}
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	if err := want.SetValue(-1.5, 1, 3); err != nil {
		t.Fatal(err)
	}
	got, _, err := npy.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !ndview.Equal(got, want) {
		t.Errorf("after a write through the mapping the file holds\n%v\nwant\n%v", got, want)
	}
}

func TestMapCopyOnWrite(t *testing.T) {
	want := iota(t, "<H", 4, 3)
	path, file := writeFile(t, want)
	m, v := mapView(t, path, npy.CopyOnWrite)
	if v.ReadOnly() {
		t.Fatalf("a CopyOnWrite mapping gave a read-only view")
	}
	if err := v.SetValue(999, 3, 2); err != nil {
		t.Fatal(err)
	}
	if x, _ := v.Value(3, 2); x != uint64(999) {
		t.Errorf("the view shows %v after writing 999", x)
	}
	// A second mapping of the file does not see the private write.
	m2, v2 := mapView(t, path, npy.ReadOnly)
	if x, _ := v2.Value(3, 2); x != uint64(11) {
		t.Errorf("another mapping sees %v, want 11", x)
	}
	m2.Close()
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	if again, _ := os.ReadFile(path); !bytes.Equal(again, file) {
		t.Errorf("a CopyOnWrite write reached the file")
	}
}

func TestMapClose(t *testing.T) {
	path, _ := writeFile(t, iota(t, "<f", 10))
	for _, mode := range []npy.Mode{npy.ReadOnly, npy.ReadWrite, npy.CopyOnWrite} {
		m, _ := mapView(t, path, mode)
		for i := range 3 {
			if err := m.Close(); err != nil {
				t.Errorf("mode %d: Close #%d: %v", mode, i+1, err)
			}
		}
		if v, err := m.View(); err == nil {
			t.Errorf("mode %d: View after Close gave %v, no error", mode, v.Shape())
		}
		if h := m.Header(); !slices.Equal(h.Shape, []int{10}) {
			t.Errorf("mode %d: Header after Close: %+v", mode, h)
		}
	}
	// View and Close from many goroutines (run with -race).
	m, _ := mapView(t, path, npy.ReadOnly)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if v, err := m.View(); err == nil && v.Len() != 10 {
				t.Errorf("View gave %d elements", v.Len())
			}
			_ = m.Close()
		})
	}
	wg.Wait()
	if _, err := m.View(); err == nil {
		t.Errorf("View after the goroutines closed the mapping succeeded")
	}
}

func TestMapOrders(t *testing.T) {
	for _, c := range []struct {
		name    string
		v       ndview.View
		format  string
		fortran bool
	}{
		{"fortran", mustFortran(t, "<d", 3, 4, 2), "<d", true},
		{"fortran big-endian", mustFortran(t, ">i", 5, 2), ">i", true},
		{"big-endian", iota(t, ">Zd", 2, 2), ">Zd", false},
		{"big-endian u2", iota(t, ">H", 7), ">H", false},
		{"0-d", iota(t, ">e"), ">e", false},
		{"empty", iota(t, "<q", 0, 5), "<q", false},
		{"record", randomView(t, "T{<i:x:(2,3)>d:y:}", 3), "T{<i:x:(2,3)>d:y:}", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			path, _ := writeFile(t, c.v)
			m, v := mapView(t, path, npy.ReadOnly)
			defer m.Close()
			if m.Header().FortranOrder != c.fortran || v.ItemFormat().String() != c.format {
				t.Errorf("fortran_order %v, format %s; want %v, %s", m.Header().FortranOrder, v.ItemFormat(), c.fortran, c.format)
			}
			if c.fortran && !slices.Equal(v.Strides(), fortranStrides(v.Shape(), v.ItemSize())) {
				t.Errorf("strides %v, want Fortran's %v", v.Strides(), fortranStrides(v.Shape(), v.ItemSize()))
			}
			if !c.fortran && !v.IsCContiguous() {
				t.Errorf("strides %v, want C order", v.Strides())
			}
			if !bytes.Equal(v.ToBytes(ndview.COrder), c.v.ToBytes(ndview.COrder)) || !slices.Equal(v.Shape(), c.v.Shape()) {
				t.Errorf("mapped\n%v\nwant\n%v", v, c.v)
			}
		})
	}
}

func randomView(t *testing.T, f string, shape ...int) ndview.View {
	v, _ := makeView(t, f, shape, "C", 12)
	return v
}

// mustFortran is a Fortran-ordered view with the values 0, 1, ... in C
// order, so that its memory is not its C-order bytes.
func mustFortran(t *testing.T, f string, shape ...int) ndview.View {
	c := iota(t, f, shape...)
	v, err := ndview.NewFortran(make([]byte, c.NBytes()), f, shape...)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.CopyTo(v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestMapWriteFortran(t *testing.T) {
	want := mustFortran(t, "<i", 2, 3)
	path, _ := writeFile(t, want)
	m, v := mapView(t, path, npy.ReadWrite)
	if err := v.SetValue(-7, 1, 0); err != nil {
		t.Fatal(err)
	}
	m.Close()
	_ = want.SetValue(-7, 1, 0)
	got, h, err := npy.ReadFile(path)
	if err != nil || !h.FortranOrder || !ndview.Equal(got, want) {
		t.Errorf("after writing [1, 0] of a Fortran mapping: %v %v\n%v\nwant\n%v", err, h.FortranOrder, got, want)
	}
}

func TestMapErrors(t *testing.T) {
	dir := t.TempDir()
	good := writeBytes(t, iota(t, "<d", 4, 5))
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, c := range []struct {
		name string
		file []byte
		want error
	}{
		{"empty", nil, npy.ErrFormat},
		{"tiny", []byte("\x93NUM"), npy.ErrFormat},
		{"preamble only", good[:10], npy.ErrFormat},
		{"truncated header", good[:40], npy.ErrFormat},
		{"header only", good[:128], npy.ErrTruncated},
		{"one byte short", good[:len(good)-1], npy.ErrTruncated},
		{"bad magic", append([]byte("\x93NUMPZ"), good[6:]...), npy.ErrFormat},
		{"long double", rawFile(1, dict("'<f16'", "False", "(3,)")), npy.ErrDtype},
		{"too large", rawFile(1, dict("'<f8'", "False", "(1152921504606846976, 8)")), npy.ErrTooLarge},
	} {
		path := write(c.name+".npy", c.file)
		for _, mode := range []npy.Mode{npy.ReadOnly, npy.ReadWrite, npy.CopyOnWrite} {
			m, err := npy.Map(path, mode)
			if !errors.Is(err, c.want) {
				t.Errorf("%s, mode %d: %v, want %v", c.name, mode, err, c.want)
			}
			if err == nil {
				m.Close()
			}
		}
	}
	if _, err := npy.Map(filepath.Join(dir, "missing.npy"), npy.ReadOnly); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Map of a missing file: %v", err)
	}
	if _, err := npy.Map(dir, npy.ReadOnly); err == nil {
		t.Errorf("Map of a directory succeeded")
	}
	// Trailing bytes after the data are fine.
	path := write("trailing.npy", append(slices.Clone(good), "junk"...))
	m, v := mapView(t, path, npy.ReadOnly)
	if v.Len() != 20 {
		t.Errorf("trailing bytes: %d elements", v.Len())
	}
	m.Close()
}
