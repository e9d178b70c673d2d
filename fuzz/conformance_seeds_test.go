package fuzz

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/ndview/ndview/cast"
	"github.com/ndview/ndview/format"
	"github.com/ndview/ndview/ndview"
)

// Seed corpora from the conformance suite (testdata/conformance): every
// addConformanceSeeds<Target> reads the cases and adds them as seeds of
// the target's argument types. The view targets decode a stream of
// decisions, so a conformance layout (and a pipeline's operations) is
// encoded as the bytes that decode to exactly it, found with the
// decoders themselves: each candidate encoding is decoded and kept only
// when it gives the case's layout (and arguments); TestConformanceSeeds
// decodes every seed again and checks it against its case.
//
// What cannot be said exactly is left out and counted (see the test's
// log): formats outside viewFormats are replaced by the viewFormats
// entry of the same size that is closest (same kind, then byte order);
// extents beyond 55, strides that are neither a small multiple of the
// itemsize nor a small byte count, buffers beyond maxBuf. Fitted layouts
// (FuzzIndexExpr, FuzzOps, FuzzCast) have at most 3 bytes of slack on
// either side of their elements: a case with more is placed with the
// slack clamped (same format, shape and strides; another offset and
// buffer length), and counted as approximate. The buffer's bytes are the
// decoder's fill pattern, never the case's.

// confDir is the conformance folder, from the package directory.
const confDir = "../testdata/conformance"

// confMaxSeeds bounds the seeds added to one target.
const confMaxSeeds = 1500

type confLayoutJSON struct {
	Buffer   string `json:"buffer"`
	Format   string `json:"format"`
	ItemSize int    `json:"itemsize"`
	Shape    []int  `json:"shape"`
	Strides  []int  `json:"strides"`
	Offset   int    `json:"offset"`
}

func (l confLayoutJSON) nbuf() int { return len(l.Buffer) / 2 }

type confIndexJSON struct {
	Int      *int   `json:"int"`
	Slice    []*int `json:"slice"`
	Ellipsis bool   `json:"ellipsis"`
	NewAxis  bool   `json:"newaxis"`
}

type confOpJSON struct {
	Op        string          `json:"op"`
	Index     []confIndexJSON `json:"index"`
	Axes      []int           `json:"axes"`
	Axis      int             `json:"axis"`
	Shape     []int           `json:"shape"`
	Format    string          `json:"format"`
	NeedsCopy bool            `json:"needs_copy"`
}

type confExpectJSON struct {
	Format   string `json:"format"`
	ItemSize int    `json:"itemsize"`
	Shape    []int  `json:"shape"`
	Strides  []int  `json:"strides"`
	Offset   *int   `json:"offset"`
	NBytes   int    `json:"nbytes"`
	ReadOnly *bool  `json:"readonly"`
}

// confCase holds the fields of every kind of case that the seeds use.
type confCase struct {
	ID      string          `json:"id"`
	Op      string          `json:"op"`
	Format  string          `json:"format"`
	Hex     *string         `json:"hex"`
	Error   bool            `json:"error"`
	View    *confLayoutJSON `json:"view"`
	Valid   bool            `json:"valid"`
	Ops     []confOpJSON    `json:"ops"`
	ErrorAt *int            `json:"error_at"`
	Expect  *confExpectJSON `json:"expect"`
	A       *confLayoutJSON `json:"a"`
	B       *confLayoutJSON `json:"b"`
	File    string          `json:"file"`
}

var confFiles = struct {
	sync.Mutex
	m map[string][]confCase
}{m: map[string][]confCase{}}

// confLoad reads one case file (once per process).
func confLoad(name string) ([]confCase, error) {
	confFiles.Lock()
	defer confFiles.Unlock()
	if cs, ok := confFiles.m[name]; ok {
		return cs, nil
	}
	b, err := os.ReadFile(filepath.Join(confDir, name))
	if err != nil {
		return nil, fmt.Errorf("conformance seeds: %v (testdata/conformance is part of the repository)", err)
	}
	var file struct {
		Schema int        `json:"schema"`
		Cases  []confCase `json:"cases"`
	}
	if err := json.Unmarshal(b, &file); err != nil {
		return nil, fmt.Errorf("conformance seeds: %s: %v", name, err)
	}
	if file.Schema != 1 || len(file.Cases) == 0 {
		return nil, fmt.Errorf("conformance seeds: %s: schema %d, %d cases", name, file.Schema, len(file.Cases))
	}
	confFiles.m[name] = file.Cases
	return file.Cases, nil
}

// confStats counts what a target's seeds say and what they leave out.
type confStats struct {
	target  string
	cases   int            // cases (or layouts) considered
	seeds   int            // seeds added
	approx  int            // seeds whose layout is placed with clamped slack
	skipped map[string]int // cases (or operations) left out, by reason
	notes   map[string]int
	mapped  map[string]string // conformance format -> the target's format
}

func newConfStats(target string) *confStats {
	return &confStats{target: target, skipped: map[string]int{}, notes: map[string]int{}, mapped: map[string]string{}}
}

func (st *confStats) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d seeds from %d cases", st.target, st.seeds, st.cases)
	if st.approx > 0 {
		fmt.Fprintf(&b, " (%d with the layout's slack clamped)", st.approx)
	}
	list := func(title string, m map[string]int) {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			fmt.Fprintf(&b, "\n    %s %s: %d", title, k, m[k])
		}
	}
	list("skipped:", st.skipped)
	list("note:", st.notes)
	if len(st.mapped) > 0 {
		keys := make([]string, 0, len(st.mapped))
		for k := range st.mapped {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		pairs := make([]string, len(keys))
		for i, k := range keys {
			pairs[i] = fmt.Sprintf("%q->%q", k, st.mapped[k])
		}
		fmt.Fprintf(&b, "\n    formats mapped (%d): %s", len(keys), strings.Join(pairs, " "))
	}
	return b.String()
}

// confSample keeps at most n of xs, evenly spread, in order.
func confSample[T any](xs []T, n int) []T {
	if len(xs) <= n {
		return xs
	}
	out := make([]T, 0, n)
	for i := range n {
		out = append(out, xs[i*len(xs)/n])
	}
	return out
}

// addConf adds the seeds that build derives from the suite to f, each as
// the target's arguments; a suite that cannot be read fails the target.
func addConf[S any](f *testing.F, build func() ([]S, *confStats, error), args func(S) []any) {
	f.Helper()
	seeds, _, err := build()
	if err != nil {
		f.Fatalf("%v", err)
	}
	for _, s := range seeds {
		f.Add(args(s)...)
	}
}

// confMapFormat returns fs if formats holds it, else the entry of
// formats of the same size closest to it: for a scalar, a scalar of the
// same kind, then byte order, code and size mode; for other formats
// another multi-field format with as many fields; never one without
// values (O, padding) for one with values.
func confMapFormat(fs string, formats []string) (string, bool) {
	if slices.Contains(formats, fs) {
		return fs, true
	}
	f, err := format.Parse(fs)
	if err != nil {
		return "", false
	}
	fsc, fok := f.Scalar()
	best, bestScore, found := "", 0, false
	for _, cand := range formats {
		g, err := format.Parse(cand)
		if err != nil || g.Size() != f.Size() {
			continue
		}
		score := 0
		gsc, gok := g.Scalar()
		switch {
		case fok && gok:
			score += 64
			if fsc.Kind == gsc.Kind {
				score += 32
			}
			if fsc.Order == gsc.Order {
				score += 8
			}
			if fsc.Code == gsc.Code {
				score += 4
			}
			if fsc.Standard == gsc.Standard {
				score += 2
			}
		case !fok && !gok:
			score += 64
			if g.NumFields() == f.NumFields() {
				score += 8
			}
			if f.NumFields() > 0 && g.NumFields() > 0 && f.Field(0).Kind == g.Field(0).Kind {
				score += 4
			}
		}
		if f.NumValues() > 0 && (g.NumValues() == 0 || hasField(g, isOpaque)) {
			score -= 128
		}
		if !found || score > bestScore {
			best, bestScore, found = cand, score, true
		}
	}
	return best, found
}

// confLay is a layout as a seed encodes it: a format of the target's
// list, the ItemSize the decoder sets, and where the layout lies.
type confLay struct {
	fmtstr         string
	item           int
	shape, strides []int
	offset, nbuf   int
	ro             bool
}

// confLayOf maps a conformance layout onto formats.
func confLayOf(l confLayoutJSON, formats []string, st *confStats) (confLay, bool) {
	fm, ok := confMapFormat(l.Format, formats)
	if !ok {
		return confLay{}, false
	}
	if fm != l.Format && st != nil {
		st.mapped[l.Format] = fm
	}
	item := l.ItemSize
	if item == 0 {
		item = -1 // 0 in a case is a bad itemsize; in a Layout it is the format's
	}
	return confLay{fmtstr: fm, item: item, shape: l.Shape, strides: l.Strides, offset: l.Offset, nbuf: l.nbuf()}, true
}

// confLayOfView is the layout of a view, its format mapped onto formats.
func confLayOfView(v ndview.View, formats []string, st *confStats) (confLay, bool) {
	l := confLayoutJSON{Format: v.ItemFormat().String(), ItemSize: v.ItemSize(), Shape: v.Shape(), Strides: v.Strides(), Offset: v.Offset()}
	c, ok := confLayOf(l, formats, st)
	c.nbuf, c.ro = len(v.Buffer()), v.ReadOnly()
	return c, ok
}

// confExtremeExtents are the extents src.extent gives for 0xf8 and above.
var confExtremeExtents = [8]int{math.MaxInt, 1 << 31, 1 << 32, 1 << 62, -1, math.MinInt, maxElems + 1, math.MaxInt / 3}

// confExt encodes an extent for src.extent.
func confExt(e int) (byte, bool) {
	if e >= 0 && e < 56 {
		return ext(e), true
	}
	if i := slices.Index(confExtremeExtents[:], e); i >= 0 {
		return byte(0xf8 + i), true
	}
	return 0, false
}

func confExts(es []int) ([]byte, bool) {
	b := make([]byte, len(es))
	for i, e := range es {
		x, ok := confExt(e)
		if !ok {
			return nil, false
		}
		b[i] = x
	}
	return b, true
}

// confStride encodes a stride for src.stride(item).
func confStride(st, item int) (byte, bool) {
	if st%item == 0 && st/item >= -16 && st/item <= 15 {
		return byte(st/item) & 0x1f, true
	}
	if st >= -12 && st <= 11 {
		return raw(st), true
	}
	if i := slices.Index(extremes[:], st); i >= 0 {
		return byte(0xf8 + i), true
	}
	return 0, false
}

// confSmall encodes a value for src.small.
func confSmall(x int) (byte, bool) {
	if x >= -10 && x <= 10 {
		return small(x), true
	}
	if i := slices.Index(extremes[:], x); i >= 0 {
		return byte(0xf8 + i), true
	}
	return 0, false
}

// confLayoutPrefix encodes a layout for decodeLayoutOf up to its
// placement: format, itemsize, extents, strides, read-only.
func confLayoutPrefix(formats []string, l confLay) ([]byte, string) {
	k := slices.Index(formats, l.fmtstr)
	f, err := format.Parse(l.fmtstr)
	if k < 0 || err != nil {
		return nil, "format"
	}
	size := f.Size()
	b := []byte{byte(k)}
	if d := l.item - size; d == 0 {
		b = append(b, 0)
	} else if d >= -10 && d <= 10 {
		b = append(b, 1, small(d))
	} else {
		return nil, "itemsize too far from the format's size"
	}
	item := max(size, 1)
	nd := len(l.shape)
	switch {
	case nd < 8:
		b = append(b, byte(nd))
		e, ok := confExts(l.shape)
		if !ok {
			return nil, "extent not 0-55 or an extreme"
		}
		b = append(b, e...)
	case nd == ndview.MaxDims || nd == ndview.MaxDims+1:
		if slices.ContainsFunc(l.shape, func(e int) bool { return e != 1 }) {
			return nil, "8 or more dimensions"
		}
		b = append(b, byte(0xfe+nd-ndview.MaxDims))
	default:
		return nil, "8 or more dimensions"
	}
	switch {
	case len(l.strides) != nd:
		return nil, "strides"
	case slices.Equal(l.strides, cStrides(l.shape, item)):
		b = append(b, 1)
	case slices.Equal(l.strides, fStrides(l.shape, item)):
		b = append(b, 2)
	default:
		b = append(b, 3)
		for _, x := range l.strides {
			y, ok := confStride(x, item)
			if !ok {
				return nil, "stride neither a small multiple of the itemsize nor -12..11 bytes"
			}
			b = append(b, y)
		}
	}
	b = append(b, 1) // as many strides as dimensions
	if l.ro {
		return append(b, 0), ""
	}
	return append(b, 1), ""
}

// confRawPlacement is the rawBuf placement (without its mode byte).
func confRawPlacement(l confLay) []byte {
	if l.nbuf < 0 || l.nbuf > maxBuf {
		return nil
	}
	b := []byte{byte(l.nbuf >> 8), byte(l.nbuf)}
	if l.offset >= 0 && l.offset <= 0xf7<<4|15 {
		return append(b, byte(l.offset>>4), byte(l.offset&15))
	}
	if i := slices.Index(extremes[:], l.offset); i >= 0 {
		return append(b, byte(0xf8+i))
	}
	return nil
}

// confPlacements lists the placements that may give l's offset and
// buffer length: with fit, the slack before and after the elements;
// otherwise a buffer mode first (rawBuf, then the fitted modes). With
// approx, the fitted placement with the slack clamped instead.
func confPlacements(l confLay, fit, approx bool) [][]byte {
	var out [][]byte
	rawp := confRawPlacement(l)
	if !fit && rawp != nil && !approx {
		out = append(out, append([]byte{rawBuf}, rawp...))
	}
	f, err := format.Parse(l.fmtstr)
	if err != nil {
		return out
	}
	lo, hi, empty, ok := span(l.shape, l.strides, max(f.Size(), 1))
	if !ok {
		if fit && rawp != nil && !approx {
			out = append(out, rawp)
		}
		return out
	}
	clamp := func(x, a, b int) int { return min(max(x, a), b) }
	if approx {
		if empty {
			n := min(max(l.nbuf, 0), 63)
			return [][]byte{{byte(n), byte(clamp(l.offset, 0, n))}}
		}
		return [][]byte{{byte(clamp(l.offset+lo, 0, 3)), byte(clamp(l.nbuf-(l.offset+hi), 0, 3))}}
	}
	modes := []int{fitBuf, shortEnd, shortStart}
	if fit {
		modes = modes[:1]
	}
	for _, m := range modes {
		var p []byte
		if !fit {
			p = []byte{byte(m)}
		}
		a, b := l.offset+lo, l.nbuf-(l.offset+hi)
		switch {
		case empty && (l.nbuf < 0 || l.nbuf >= 64):
			continue
		case empty && m == fitBuf && l.offset >= 0 && l.offset <= l.nbuf:
			p = append(p, byte(l.nbuf), byte(l.offset))
		case empty && m == shortEnd && l.offset == l.nbuf+1, empty && m == shortStart && l.offset == -1:
			p = append(p, byte(l.nbuf), 0)
		case empty:
			continue
		case m == fitBuf && a >= 0 && a <= 3 && b >= 0 && b <= 3:
			p = append(p, byte(a), byte(b))
		case m == shortEnd && a >= 0 && a <= 3 && l.nbuf == l.offset+hi-1:
			p = append(p, byte(a), 0)
		case m == shortStart && l.offset == -lo-1 && l.nbuf-(hi-lo) >= 0 && l.nbuf-(hi-lo) <= 6:
			d := l.nbuf - (hi - lo)
			p = append(p, byte(min(d, 3)), byte(d-min(d, 3)))
		default:
			continue
		}
		out = append(out, p)
	}
	return out
}

// confLayMatches reports whether a decoded layout is l (with placement,
// its offset and buffer length too).
func confLayMatches(c layoutCase, l confLay, placement bool) bool {
	if c.fmtstr != l.fmtstr || c.l.Format == nil || c.cstr || c.l.ItemSize != l.item || c.l.ReadOnly != l.ro ||
		!slices.Equal(c.l.Shape, l.shape) || !slices.Equal(c.l.Strides, l.strides) {
		return false
	}
	return !placement || c.l.Offset == l.offset && len(c.buf) == l.nbuf
}

// confEncodeLayout encodes l for decodeLayoutOf(s, fit, formats), exactly
// where it can, else (fitted only) with the slack clamped (exact false).
// Every encoding is checked by decoding it.
func confEncodeLayout(formats []string, l confLay, fit bool, fill byte) (data []byte, exact bool, reason string) {
	prefix, reason := confLayoutPrefix(formats, l)
	if reason != "" {
		return nil, false, reason
	}
	for _, approx := range []bool{false, true} {
		if approx && !fit {
			break
		}
		for _, p := range confPlacements(l, fit, approx) {
			data := join(prefix, p, []byte{0, 0, fill}) // no shift, no spare capacity
			s := &src{data}
			if c := decodeLayoutOf(s, fit, formats); len(s.b) == 0 && confLayMatches(c, l, !approx) {
				return data, !approx, ""
			}
		}
	}
	if fit {
		return nil, false, "placement (buffer beyond maxBuf)"
	}
	return nil, false, "placement (buffer beyond maxBuf, or offset out of reach)"
}

// confBuildJSON builds the view a conformance layout describes.
func confBuildJSON(l confLayoutJSON) (ndview.View, error) {
	buf, err := hex.DecodeString(l.Buffer)
	if err != nil {
		return ndview.View{}, err
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
		item = -1
	}
	return ndview.FromLayout(buf, ndview.Layout{Format: f, ItemSize: item, Shape: l.Shape, Strides: strides, Offset: l.Offset})
}

func confOrNone(p *int) int {
	if p == nil {
		return ndview.None
	}
	return *p
}

// confSpecOf is a conformance index item as decodeSpecs describes it.
func confSpecOf(x confIndexJSON) ispec {
	switch {
	case x.Int != nil:
		return ispec{kind: 'i', start: *x.Int}
	case x.Slice != nil:
		return ispec{kind: 's', start: confOrNone(x.Slice[0]), stop: confOrNone(x.Slice[1]), step: confOrNone(x.Slice[2])}
	case x.Ellipsis:
		return ispec{kind: 'e'}
	case x.NewAxis:
		return ispec{kind: 'n'}
	}
	return ispec{kind: 'z'}
}

// confApplyJSON runs a conformance operation as the conformance test does.
func confApplyJSON(v ndview.View, op confOpJSON) (ndview.View, error) {
	switch op.Op {
	case "index":
		items := make([]ndview.Index, len(op.Index))
		for i, x := range op.Index {
			items[i] = confSpecOf(x).index()
		}
		return v.Index(items...)
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
		return v.Reshape(op.Shape...)
	case "cast":
		w, err := cast.To(v, op.Format, op.Shape...)
		if err == nil && op.Shape != nil && len(op.Shape) == 0 {
			w, err = w.Reshape()
		}
		return w, err
	}
	return v, fmt.Errorf("unknown op %q", op.Op)
}

// Encoders of FuzzOps operations (and their parts) for a view v.

// confSpecsBytes encodes index items for decodeSpecs.
func confSpecsBytes(items []confIndexJSON) ([]byte, string) {
	if len(items) > 5 {
		return nil, "more than 5 items"
	}
	b := []byte{byte(len(items))}
	for _, x := range items {
		sp := confSpecOf(x)
		switch sp.kind {
		case 'i':
			k, ok := confSmall(sp.start)
			if !ok || sp.start == ndview.None {
				return nil, "integer beyond -10..10"
			}
			b = append(b, 0, k)
		case 's':
			var step byte
			switch {
			case sp.step == ndview.None:
				step = 0xf0
			case sp.step >= -4 && sp.step <= 4:
				step = byte(sp.step + 4)
			default:
				i := slices.Index(extremes[:], sp.step)
				if i < 0 {
					return nil, "slice step beyond -4..4"
				}
				step = byte(0xf8 + i)
			}
			start, ok1 := confSmall(sp.start)
			stop, ok2 := confSmall(sp.stop)
			if !ok1 || !ok2 {
				return nil, "slice bound beyond -10..10"
			}
			b = append(b, 3, step, start, stop)
		case 'e':
			b = append(b, iEllipsis...)
		case 'n':
			b = append(b, iNewAxis...)
		default:
			return nil, "unknown item"
		}
	}
	return b, ""
}

// confAxis encodes an axis read as s.n(2*nd+3) - nd - 1.
func confAxis(a, nd int) (byte, bool) {
	return byte(a + nd + 1), a >= -nd-1 && a <= nd+1
}

// confSwaps gives the Fisher-Yates choices of decodePerm that build perm.
func confSwaps(perm []int) []byte {
	cur := seq(len(perm))
	var b []byte
	for i := len(perm) - 1; i > 0; i-- {
		j := slices.Index(cur, perm[i])
		b = append(b, byte(j))
		cur[i], cur[j] = cur[j], cur[i]
	}
	return b
}

// confPermOf normalises axes and reports whether they are a permutation
// of nd axes, each written in -nd..nd-1.
func confPermOf(axes []int, nd int) ([]int, bool) {
	if len(axes) != nd {
		return nil, false
	}
	perm := make([]int, nd)
	for i, a := range axes {
		if a < -nd || a >= nd {
			return nil, false
		}
		perm[i] = (a + nd) % max(nd, 1)
	}
	sorted := slices.Sorted(slices.Values(perm))
	return perm, slices.Equal(sorted, seq(nd))
}

// confNegs encodes which axes decodePerm writes as negative.
func confNegs(axes []int) []byte {
	b := make([]byte, len(axes))
	for i, a := range axes {
		if a >= 0 {
			b[i] = 1
		}
	}
	return b
}

// confPermBytes encodes Transpose's axes for decodePerm: none, a
// permutation, a permutation with one axis copied over another (mode 6),
// one axis short or one too many (mode 7).
func confPermBytes(axes []int, nd int) ([]byte, string) {
	if len(axes) == 0 {
		return []byte{0}, ""
	}
	if perm, ok := confPermOf(axes, nd); ok {
		return join([]byte{1}, confSwaps(perm), confNegs(axes)), ""
	}
	switch len(axes) {
	case nd:
		for a := range axes {
			for b := range axes {
				if a == b || axes[a] != axes[b] {
					continue
				}
				for missing := range nd {
					base := slices.Clone(axes)
					base[a] = missing
					if perm, ok := confPermOf(base, nd); ok {
						return join([]byte{6}, confSwaps(perm), confNegs(base), []byte{byte(a), byte(b)}), ""
					}
				}
			}
		}
	case nd - 1:
		for missing := range nd {
			base := append(slices.Clone(axes), missing)
			if perm, ok := confPermOf(base, nd); ok {
				return join([]byte{7}, confSwaps(perm), confNegs(base), []byte{0}), ""
			}
		}
	case nd + 1:
		perm, ok := confPermOf(axes[:nd], nd)
		e, ok2 := confAxis(axes[nd], nd)
		if ok && ok2 {
			b := join([]byte{7}, confSwaps(perm), confNegs(axes[:nd]))
			if nd > 0 {
				b = append(b, 1) // append an axis, not drop one
			}
			return append(b, e), ""
		}
	}
	return nil, "axes not a permutation up to one change"
}

// confBroadcastBytes encodes a BroadcastTo target for decodeBroadcast
// over a view of shape cur.
func confBroadcastBytes(target, cur []int) ([]byte, string) {
	nd := len(cur)
	lead := len(target) - nd
	drop := byte(1)
	if lead == -1 && nd > 0 {
		// One dimension fewer: keep the first one, then drop it.
		target = append([]int{cur[0]}, target...)
		lead, drop = 0, 0
	}
	if lead < 0 || lead > 2 {
		return nil, "target dimensions not in ndim-1..ndim+2"
	}
	le, ok := confExts(target[:lead])
	if !ok {
		return nil, "extent not 0-55 or an extreme"
	}
	b := join([]byte{byte(lead)}, le)
	for j, e := range cur {
		t := target[lead+j]
		if t == e {
			b = append(b, 4) // keep
			continue
		}
		x, ok := confExt(t)
		if !ok {
			return nil, "extent not 0-55 or an extreme"
		}
		b = append(b, 7, x)
	}
	return append(b, drop), ""
}

// confFactorings encodes shape as decodeReshape's factorisation of n
// (before its mode's last choices): divisors chosen in turn, the
// remainder inserted at a position.
func confFactorings(shape []int, n int) [][]byte {
	if len(shape) == 0 || len(shape) > 5 || n > 1<<16 {
		return nil
	}
	var out [][]byte
	for p := range shape {
		rest := slices.Delete(slices.Clone(shape), p, p+1)
		b := []byte{byte(len(rest))}
		rem, ok := n, true
		for _, d := range rest {
			if rem == 0 {
				if ok = d >= 0 && d <= 3; !ok {
					break
				}
				b = append(b, byte(d))
				continue
			}
			var divs []int
			for x := 1; x <= rem; x++ {
				if rem%x == 0 {
					divs = append(divs, x)
				}
			}
			i := slices.Index(divs, d)
			if ok = i >= 0; !ok {
				break
			}
			b = append(b, byte(i))
			rem /= d
		}
		if ok && rem == shape[p] {
			out = append(out, append(b, byte(p)))
		}
	}
	return out
}

// confReshapeBytes encodes Reshape's shape for decodeReshape of a view of
// n elements: up to four arbitrary extents (mode 0), or a factorisation
// of n, with a -1 (mode 1), an extent one more (mode 3) or an extent
// inserted (mode 4). Candidates are checked by decoding.
func confReshapeBytes(shape []int, n int) ([]byte, string) {
	var cands [][]byte
	if len(shape) <= 4 {
		if e, ok := confExts(shape); ok {
			cands = append(cands, join([]byte{0, byte(len(shape))}, e))
		}
	}
	for _, f := range confFactorings(shape, n) {
		cands = append(cands, join([]byte{5}, f))
	}
	for q, e := range shape {
		switch {
		case e == -1:
			prod := 1
			for i, x := range shape {
				if i != q {
					prod *= x
				}
			}
			xs := []int{0, 1, 2, 3}
			if prod > 0 && n%prod == 0 {
				xs = append(xs, n/prod)
			}
			for _, x := range xs {
				for _, f := range confFactorings(slices.Replace(slices.Clone(shape), q, q+1, x), n) {
					cands = append(cands, join([]byte{1}, f, []byte{byte(q)}))
				}
			}
		case e >= 1:
			for _, f := range confFactorings(slices.Replace(slices.Clone(shape), q, q+1, e-1), n) {
				cands = append(cands, join([]byte{3}, f, []byte{byte(q)}))
			}
		}
		if x, ok := confExt(e); ok {
			for _, f := range confFactorings(slices.Delete(slices.Clone(shape), q, q+1), n) {
				cands = append(cands, join([]byte{4}, f, []byte{byte(q), x}))
			}
		}
	}
	for _, c := range cands {
		s := &src{c}
		if got := decodeReshape(s, n); len(s.b) == 0 && slices.Equal(got, shape) && len(got) == len(shape) {
			return append([]byte{9}, c...), ""
		}
	}
	return nil, "shape neither up to 4 small extents nor a factorisation"
}

// confOpBytes encodes a conformance operation as FuzzOps operations on v.
// A cast to shape [] is a cast to one dimension and a Reshape(), as the
// conformance test runs it.
func confOpBytes(op confOpJSON, v ndview.View) ([]byte, string) {
	nd := v.NDim()
	switch op.Op {
	case "index":
		b, why := confSpecsBytes(op.Index)
		if why != "" {
			return nil, why
		}
		return join([]byte{0}, b, []byte{1}), "" // Index, not IndexString
	case "transpose":
		b, why := confPermBytes(op.Axes, nd)
		return append([]byte{2}, b...), why
	case "flip":
		a, ok := confAxis(op.Axis, nd)
		if !ok {
			return nil, "axis out of reach"
		}
		return []byte{4, a}, ""
	case "squeeze":
		if op.Axes != nil && len(op.Axes) == 0 && slices.Contains(v.Shape(), 1) {
			return nil, "no axes (a no-op) where Squeeze() would drop extent-1 dimensions"
		}
		if len(op.Axes) > 2 {
			return nil, "more than 2 axes"
		}
		b := []byte{5, byte(len(op.Axes))}
		for _, a := range op.Axes {
			x, ok := confAxis(a, nd)
			if !ok {
				return nil, "axis out of reach"
			}
			b = append(b, x)
		}
		return b, ""
	case "broadcast":
		b, why := confBroadcastBytes(op.Shape, v.Shape())
		return append([]byte{7}, b...), why
	case "reshape":
		return confReshapeBytes(op.Shape, v.Len())
	case "cast":
		fm, ok := confMapFormat(op.Format, viewFormats)
		if !ok {
			return nil, "no view format of the size"
		}
		switch {
		case op.Shape == nil:
			return opCastTo(fm), ""
		case len(op.Shape) == 0:
			return join(opCastTo(fm), []byte{9, 0, 0}), ""
		case len(op.Shape) <= 5:
			e, ok := confExts(op.Shape)
			if !ok {
				return nil, "extent not 0-55 or an extreme"
			}
			return opCastTo(fm, e...), ""
		}
		return nil, "more than 5 extents"
	}
	return nil, "unknown op"
}

// confDecOp is one FuzzOps operation as its decoders read it.
type confDecOp struct {
	code      int
	specs     []ispec
	viaString bool
	axes      []int
	axis      int
	shape     []int
	fs        string
	lastAxis  bool
}

// confDecodeOp reads one operation as FuzzOps does (for the operations
// the conformance seeds use).
func confDecodeOp(s *src, v ndview.View) (confDecOp, error) {
	d := confDecOp{code: s.n(15)}
	nd := v.NDim()
	switch d.code {
	case 0:
		d.specs = decodeSpecs(s)
		d.viaString = s.n(2) == 0
	case 2:
		d.axes = decodePerm(s, nd)
	case 4:
		d.axis = s.n(2*nd+3) - nd - 1
	case 5:
		for range s.n(3) {
			d.axes = append(d.axes, s.n(2*nd+3)-nd-1)
		}
	case 7:
		d.shape = decodeBroadcast(s, v.Shape())
	case 9:
		d.shape = decodeReshape(s, v.Len())
	case 14:
		d.lastAxis = s.n(2) == 1
		d.fs = v.ItemFormat().String()
		if k := s.n(len(viewFormats) + 1); k < len(viewFormats) {
			d.fs = viewFormats[k]
		}
		if !d.lastAxis {
			d.shape = decodeCastShape(s)
		}
	default:
		return d, fmt.Errorf("operation %d is not one the conformance seeds use", d.code)
	}
	return d, nil
}

func (d confDecOp) apply(v ndview.View) (ndview.View, error) {
	switch d.code {
	case 0:
		items := make([]ndview.Index, len(d.specs))
		strs := make([]string, len(d.specs))
		for i, sp := range d.specs {
			items[i] = sp.index()
			strs[i] = items[i].String()
		}
		if d.viaString {
			return v.IndexString(strings.Join(strs, ","))
		}
		return v.Index(items...)
	case 2:
		return v.Transpose(d.axes...)
	case 4:
		return v.Flip(d.axis)
	case 5:
		return v.Squeeze(d.axes...)
	case 7:
		return v.BroadcastTo(d.shape...)
	case 9:
		return v.Reshape(d.shape...)
	case 14:
		if d.lastAxis {
			return cast.LastAxis(v, d.fs)
		}
		return cast.To(v, d.fs, d.shape...)
	}
	return v, fmt.Errorf("operation %d", d.code)
}

// confOpMatches says how a decoded operation differs from the conformance
// operation on v ("" when it is the same).
func confOpMatches(d confDecOp, op confOpJSON, v ndview.View) string {
	code := map[string]int{"index": 0, "transpose": 2, "flip": 4, "squeeze": 5, "broadcast": 7, "reshape": 9, "cast": 14}[op.Op]
	if d.code != code {
		return fmt.Sprintf("decoded operation %d for %s", d.code, op.Op)
	}
	ok := true
	switch op.Op {
	case "index":
		ok = !d.viaString && len(d.specs) == len(op.Index)
		for i := 0; ok && i < len(d.specs); i++ {
			ok = d.specs[i] == confSpecOf(op.Index[i])
		}
	case "transpose":
		ok = slices.Equal(d.axes, op.Axes) && (d.axes == nil) == (len(op.Axes) == 0)
	case "flip":
		ok = d.axis == op.Axis
	case "squeeze":
		ok = slices.Equal(d.axes, op.Axes) && (op.Axes != nil || len(d.axes) == 0)
		if op.Axes != nil && len(op.Axes) == 0 { // no-op; Squeeze() drops every extent-1 dimension
			ok = len(d.axes) == 0 && !slices.Contains(v.Shape(), 1)
		}
	case "broadcast":
		ok = slices.Equal(d.shape, op.Shape) && len(d.shape) == len(op.Shape)
	case "reshape":
		ok = slices.Equal(d.shape, op.Shape)
	case "cast":
		fm, _ := confMapFormat(op.Format, viewFormats)
		ok = !d.lastAxis && d.fs == fm
		if len(op.Shape) == 0 {
			ok = ok && d.shape == nil
		} else {
			ok = ok && slices.Equal(d.shape, op.Shape)
		}
	}
	if !ok {
		return fmt.Sprintf("decoded %+v for %+v", d, op)
	}
	return ""
}

// confRunOp decodes from s the FuzzOps operations that say op (one, or a
// cast and a Reshape() for a cast to shape []), checks them against op
// and applies them to v. It reports the result, whether it failed, and
// why the operations do not say op.
func confRunOp(s *src, v ndview.View, op confOpJSON) (ndview.View, bool, string) {
	d, err := confDecodeOp(s, v)
	if err != nil {
		return v, false, err.Error()
	}
	if why := confOpMatches(d, op, v); why != "" {
		return v, false, why
	}
	w, err := d.apply(v)
	if err == nil && op.Op == "cast" && op.Shape != nil && len(op.Shape) == 0 {
		d2, err2 := confDecodeOp(s, w)
		if err2 != nil || d2.code != 9 || len(d2.shape) != 0 {
			return v, false, fmt.Sprintf("no Reshape() after a cast to shape []: %+v, %v", d2, err2)
		}
		w, err = d2.apply(w)
	}
	return w, err != nil, ""
}

// FuzzParseFormat: every distinct format string of the suite. All of
// those outside format.json and pack.json are kept; those two files'
// are sampled evenly to keep the total at confMaxSeeds.

func confBuildParseFormat() ([]string, *confStats, error) {
	st := newConfStats("FuzzParseFormat")
	seen := map[string]bool{}
	var primary, secondary []string
	add := func(list *[]string, s string) {
		if !seen[s] {
			seen[s] = true
			*list = append(*list, s)
		}
	}
	for _, name := range []string{"pep3118.json", "view.json", "pipeline.json", "equal.json", "npy.json", "format.json", "pack.json"} {
		cases, err := confLoad(name)
		if err != nil {
			return nil, nil, err
		}
		list := &primary
		if name == "format.json" || name == "pack.json" {
			list = &secondary
		}
		for _, c := range cases {
			if c.Op != "npy" || c.Format != "" { // a broken file has no format
				add(list, c.Format)
			}
			for _, l := range []*confLayoutJSON{c.View, c.A, c.B} {
				if l != nil {
					add(list, l.Format)
				}
			}
			for _, op := range c.Ops {
				if op.Op == "cast" {
					add(list, op.Format)
				}
			}
			if c.Expect != nil && c.Expect.Format != "" {
				add(list, c.Expect.Format)
			}
		}
	}
	st.cases = len(primary) + len(secondary)
	if n := len(primary) + len(secondary); n > confMaxSeeds {
		st.notes[fmt.Sprintf("format.json/pack.json formats sampled: %d of %d", confMaxSeeds-len(primary), len(secondary))]++
		secondary = confSample(secondary, confMaxSeeds-len(primary))
	}
	out := append(primary, secondary...)
	st.seeds = len(out)
	return out, st, nil
}

func addConformanceSeedsFuzzParseFormat(f *testing.F) {
	addConf(f, confBuildParseFormat, func(s string) []any { return []any{s} })
}

// FuzzPackUnpack: (format, bytes) of every unpack case (wrong sizes
// included) and of every pack case's expected bytes.

type confPackSeed struct {
	format string
	data   []byte
}

func confBuildPackUnpack() ([]confPackSeed, *confStats, error) {
	st := newConfStats("FuzzPackUnpack")
	cases, err := confLoad("pack.json")
	if err != nil {
		return nil, nil, err
	}
	seen := map[string]bool{}
	var out []confPackSeed
	for _, c := range cases {
		st.cases++
		if c.Hex == nil {
			st.skipped["pack case that fails (no bytes)"]++
			continue
		}
		b, err := hex.DecodeString(*c.Hex)
		if err != nil {
			return nil, nil, fmt.Errorf("pack.json %s: %v", c.ID, err)
		}
		if key := c.Format + "\x00" + *c.Hex; !seen[key] {
			seen[key] = true
			out = append(out, confPackSeed{c.Format, b})
		} else {
			st.skipped["duplicate (format, bytes)"]++
		}
	}
	if len(out) > confMaxSeeds {
		st.notes[fmt.Sprintf("sampled %d of %d", confMaxSeeds, len(out))]++
		out = confSample(out, confMaxSeeds)
	}
	st.seeds = len(out)
	return out, st, nil
}

func addConformanceSeedsFuzzPackUnpack(f *testing.F) {
	addConf(f, confBuildPackUnpack, func(s confPackSeed) []any { return []any{s.format, s.data} })
}

// FuzzView: every view case's layout (valid or not) and both layouts of
// every equal case, in the rawBuf mode (or a fitted mode where that
// gives the offset, as -1), with the case's format mapped onto
// viewFormats and an itemsize of 0 written as -1 (0 in a case is a bad
// itemsize; in a Layout it means the format's).

type confViewSeed struct {
	id    string
	data  []byte
	l     confLayoutJSON
	valid bool
}

func confBuildView() ([]confViewSeed, *confStats, error) {
	st := newConfStats("FuzzView")
	views, err := confLoad("view.json")
	if err != nil {
		return nil, nil, err
	}
	equals, err := confLoad("equal.json")
	if err != nil {
		return nil, nil, err
	}
	var all []confViewSeed
	for _, c := range views {
		all = append(all, confViewSeed{id: c.ID, l: *c.View, valid: c.Valid})
	}
	for _, c := range equals {
		all = append(all, confViewSeed{id: c.ID + "/a", l: *c.A, valid: true}, confViewSeed{id: c.ID + "/b", l: *c.B, valid: true})
	}
	seen := map[string]bool{}
	var out []confViewSeed
	for i, x := range all {
		st.cases++
		l, ok := confLayOf(x.l, viewFormats, st)
		if !ok {
			st.skipped["no view format of the size"]++
			continue
		}
		data, _, why := confEncodeLayout(viewFormats, l, false, byte(i))
		if why != "" {
			st.skipped[why]++
			continue
		}
		if c := decodeLayout(&src{data}, false); layoutValid(c) != x.valid {
			st.skipped["validity differs after mapping the format"]++
			continue
		}
		if seen[string(data)] {
			st.skipped["duplicate layout"]++
			continue
		}
		seen[string(data)] = true
		if !x.valid {
			st.notes["invalid layouts"]++
		}
		x.data = data
		out = append(out, x)
	}
	if len(out) > confMaxSeeds {
		st.notes[fmt.Sprintf("sampled %d of %d", confMaxSeeds, len(out))]++
		out = confSample(out, confMaxSeeds)
	}
	st.seeds = len(out)
	return out, st, nil
}

func addConformanceSeedsFuzzView(f *testing.F) {
	addConf(f, confBuildView, func(s confViewSeed) []any { return []any{s.data} })
}

// FuzzIndexExpr: every pipeline case whose first operation is an index:
// its layout, fitted, then the items for decodeSpecs (none where they
// are out of its reach), and the index as a string (null bounds written
// as None in every other case, left empty in the rest).

type confIndexSeed struct {
	id    string
	data  []byte
	s     string
	exact bool
	items bool // the items follow the layout (else an empty list)
}

// confIndexString writes index items as NumPy code does.
func confIndexString(items []confIndexJSON, none bool) string {
	bound := func(p *int) string {
		switch {
		case p != nil:
			return fmt.Sprint(*p)
		case none:
			return "None"
		}
		return ""
	}
	parts := make([]string, len(items))
	for i, x := range items {
		switch {
		case x.Int != nil:
			parts[i] = fmt.Sprint(*x.Int)
		case x.Slice != nil:
			parts[i] = bound(x.Slice[0]) + ":" + bound(x.Slice[1])
			if x.Slice[2] != nil || none {
				parts[i] += ":" + bound(x.Slice[2])
			}
		case x.Ellipsis:
			parts[i] = "..."
		case x.NewAxis:
			parts[i] = "None"
		}
	}
	return strings.Join(parts, ", ")
}

func confBuildIndexExpr() ([]confIndexSeed, *confStats, error) {
	st := newConfStats("FuzzIndexExpr")
	cases, err := confLoad("pipeline.json")
	if err != nil {
		return nil, nil, err
	}
	var out []confIndexSeed
	for i, c := range cases {
		if len(c.Ops) == 0 || c.Ops[0].Op != "index" {
			continue
		}
		st.cases++
		l, ok := confLayOf(*c.View, viewFormats, st)
		if !ok {
			st.skipped["no view format of the size"]++
			continue
		}
		data, exact, why := confEncodeLayout(viewFormats, l, true, byte(i))
		if why != "" {
			st.skipped[why]++
			continue
		}
		if !exact {
			st.approx++
		}
		specs, why := confSpecsBytes(c.Ops[0].Index)
		if why != "" {
			st.notes["items out of decodeSpecs' reach ("+why+"): the string alone"]++
			specs = []byte{0}
		}
		out = append(out, confIndexSeed{c.ID, join(data, specs), confIndexString(c.Ops[0].Index, len(out)%2 == 1), exact, why == ""})
	}
	st.seeds = len(out)
	return out, st, nil
}

func addConformanceSeedsFuzzIndexExpr(f *testing.F) {
	addConf(f, confBuildIndexExpr, func(s confIndexSeed) []any { return []any{s.data, s.s} })
}

// FuzzOps: every pipeline case: its layout, fitted, then its operations
// (index as items, transpose, flip, squeeze, broadcast, reshape, cast
// as operation 14) up to the one that must fail. Where an operation is
// out of the decoders' reach, or its outcome changes with the mapped
// formats, the seed stops before it.

type confOpsSeed struct {
	id    string
	data  []byte
	exact bool
	nops  int // the case's operations encoded
}

// confReplayOps decodes a FuzzOps seed of case c with nops of its
// operations and checks it: the layout is the case's (exactly, or with
// clamped slack), each operation is the case's and fails where the case
// says, no bytes are left, and when every operation is there the final
// view is the case's expectation.
func confReplayOps(c confCase, data []byte, nops int, exact bool) error {
	s := &src{data}
	lc := decodeLayout(s, true)
	l, ok := confLayOf(*c.View, viewFormats, nil)
	if !ok || !confLayMatches(lc, l, exact) {
		return fmt.Errorf("layout %s, want %+v", describeLayout(lc.l, len(lc.buf)), l)
	}
	v, err := ndview.FromLayout(lc.buf, lc.l)
	if err != nil {
		return fmt.Errorf("layout: %v", err)
	}
	failed := false
	for j := range nops {
		w, fail, why := confRunOp(s, v, c.Ops[j])
		if why != "" {
			return fmt.Errorf("op %d: %s", j, why)
		}
		if want := c.ErrorAt != nil && *c.ErrorAt == j; fail != want {
			return fmt.Errorf("op %d (%s): failed %v, want %v", j, c.Ops[j].Op, fail, want)
		}
		if failed = fail; fail {
			break
		}
		v = w
	}
	if len(s.b) != 0 {
		return fmt.Errorf("%d bytes left after %d operations", len(s.b), nops)
	}
	if nops < len(c.Ops) || failed || c.ErrorAt != nil || c.Expect == nil {
		return nil
	}
	e := c.Expect
	if !slices.Equal(v.Shape(), e.Shape) || v.ItemSize() != e.ItemSize || v.NBytes() != e.NBytes ||
		e.ReadOnly != nil && v.ReadOnly() != *e.ReadOnly {
		return fmt.Errorf("result %s, want %+v", describe(v), *e)
	}
	if v.Len() > 0 {
		for i, n := range e.Shape {
			if n > 1 && v.Stride(i) != e.Strides[i] {
				return fmt.Errorf("result strides %v, want %v", v.Strides(), e.Strides)
			}
		}
		if delta := lc.l.Offset - c.View.Offset; e.Offset == nil || v.Offset() != *e.Offset+delta {
			return fmt.Errorf("result offset %d, want %v%+d", v.Offset(), e.Offset, delta)
		}
	}
	return nil
}

func confBuildOps() ([]confOpsSeed, *confStats, error) {
	st := newConfStats("FuzzOps")
	cases, err := confLoad("pipeline.json")
	if err != nil {
		return nil, nil, err
	}
	var out []confOpsSeed
	for i, c := range cases {
		st.cases++
		l, ok := confLayOf(*c.View, viewFormats, st)
		if !ok {
			st.skipped["case: no view format of the size"]++
			continue
		}
		data, exact, why := confEncodeLayout(viewFormats, l, true, byte(i))
		if why != "" {
			st.skipped["case: "+why]++
			continue
		}
		lc := decodeLayout(&src{data}, true)
		v, err := ndview.FromLayout(lc.buf, lc.l)
		if err != nil || elems(lc.l.Shape) < 0 {
			st.skipped["case: layout invalid or too large for FuzzOps"]++
			continue
		}
		last := len(c.Ops)
		if c.ErrorAt != nil {
			last = *c.ErrorAt + 1
		}
		nops := 0
		for j, op := range c.Ops[:last] {
			b, why := confOpBytes(op, v)
			if why != "" {
				st.skipped["op "+op.Op+": "+why]++
				break
			}
			s := &src{b}
			w, fail, why := confRunOp(s, v, op)
			if why != "" {
				st.skipped["op "+op.Op+": does not decode as itself"]++
				break
			}
			if want := c.ErrorAt != nil && *c.ErrorAt == j; fail != want {
				st.skipped["op "+op.Op+": outcome differs with the mapped formats"]++
				break
			}
			data = append(data, b[:len(b)-len(s.b)]...)
			nops++
			st.notes["operations encoded: "+op.Op]++
			if op.Op == "cast" && op.Shape != nil && len(op.Shape) == 0 && !fail {
				st.notes["casts to shape [] as a cast and Reshape()"]++
			}
			if fail {
				break
			}
			v = w
		}
		if nops == 0 {
			st.skipped["case: no operation encoded"]++
			continue
		}
		if err := confReplayOps(c, data, nops, exact); err != nil {
			return nil, nil, fmt.Errorf("FuzzOps seed of %s: %v", c.ID, err)
		}
		if nops < last {
			st.notes["cases with a prefix of their operations"]++
		} else {
			st.notes["cases with all their operations"]++
		}
		if !exact {
			st.approx++
		}
		out = append(out, confOpsSeed{c.ID, data, exact, nops})
	}
	st.seeds = len(out)
	return out, st, nil
}

func addConformanceSeedsFuzzOps(f *testing.F) {
	addConf(f, confBuildOps, func(s confOpsSeed) []any { return []any{s.data} })
}

// FuzzCopyTo: layouts of view cases (valid) and equal cases as the
// source, copied into C-order (two arrays) and into Fortran-order (one
// array, overlapping) destinations — what tobytes and tobytes_f read.
// The format is the first of a copyFormats pair of its size. At most 50
// layouts, evenly spread.

type confCopySeed struct {
	id      string
	data    []byte
	pair    int
	shape   []int
	strides []int
	fortran bool
}

func confBuildCopyTo() ([]confCopySeed, *confStats, error) {
	st := newConfStats("FuzzCopyTo")
	views, err := confLoad("view.json")
	if err != nil {
		return nil, nil, err
	}
	equals, err := confLoad("equal.json")
	if err != nil {
		return nil, nil, err
	}
	type lay struct {
		id string
		l  confLayoutJSON
	}
	var all []lay
	for _, c := range views {
		if c.Valid {
			all = append(all, lay{c.ID, *c.View})
		}
	}
	for _, c := range equals {
		all = append(all, lay{c.ID + "/a", *c.A}, lay{c.ID + "/b", *c.B})
	}
	firsts := make([]string, len(copyFormats))
	for i, p := range copyFormats {
		firsts[i] = p[0]
	}
	var cands [][]confCopySeed
	for i, x := range all {
		st.cases++
		fm, ok := confMapFormat(x.l.Format, firsts)
		if !ok {
			st.skipped["no copyFormats pair of the size"]++
			continue
		}
		pair := slices.Index(firsts, fm)
		item := format.MustParse(fm).Size()
		shape, strides := x.l.Shape, x.l.Strides
		if len(shape) > 4 {
			st.skipped["more than 4 dimensions"]++
			continue
		}
		if n := elems(shape); n < 0 || n*item > maxBuf {
			st.skipped["more than maxBuf bytes of elements"]++
			continue
		}
		exts, ok := confExts(shape)
		if !ok {
			st.skipped["extent beyond 55"]++
			continue
		}
		sb := make([]byte, len(strides))
		for k, st1 := range strides {
			if sb[k], ok = confStride(st1, item); !ok {
				break
			}
		}
		if !ok {
			st.skipped["stride out of src.stride's reach"]++
			continue
		}
		lo, _, _, _ := span(shape, strides, item)
		shift := min(max(x.l.Offset+lo, 0), 31)
		var pairSeeds []confCopySeed
		for _, fortran := range []bool{false, true} {
			dmode, tail := byte(0), []byte{0, byte(i) ^ 0x55, 1} // two arrays, the second's fill, a writable source
			if fortran {
				dmode, tail = 1, []byte{4, 1} // one array
			}
			data := join([]byte{byte(pair), byte(len(shape))}, exts, []byte{4}, sb,
				[]byte{dmode, byte(shift), 0, 0, 0, 0, byte(i)}, tail)
			pairSeeds = append(pairSeeds, confCopySeed{x.id, data, pair, shape, strides, fortran})
		}
		if why := confCheckCopy(pairSeeds[0]); why != "" {
			st.skipped[why]++
			continue
		}
		if fm != x.l.Format {
			st.mapped[x.l.Format] = fm
		}
		cands = append(cands, pairSeeds)
	}
	var out []confCopySeed
	for _, c := range confSample(cands, 50) {
		out = append(out, c...)
	}
	st.notes[fmt.Sprintf("layouts sampled: %d of %d", min(len(cands), 50), len(cands))]++
	st.seeds = len(out)
	return out, st, nil
}

// confCheckCopy decodes a FuzzCopyTo seed's format, shape and the strides
// of both sides.
func confCheckCopy(c confCopySeed) string {
	s := &src{c.data}
	pair := s.n(len(copyFormats))
	item := format.MustParse(copyFormats[pair][0]).Size()
	shape := make([]int, s.n(5))
	for i := range shape {
		shape[i] = s.extent()
	}
	if pair != c.pair || !slices.Equal(shape, c.shape) {
		return "format or shape does not decode"
	}
	sst, _, _, ok1 := copyView(s, shape, item)
	dst, _, _, ok2 := copyView(s, shape, item)
	want := cStrides(shape, item)
	if c.fortran {
		want = fStrides(shape, item)
	}
	if !ok1 || !ok2 {
		return "span beyond maxBuf"
	}
	if !slices.Equal(sst, c.strides) || !slices.Equal(dst, want) {
		return "strides do not decode"
	}
	return ""
}

func addConformanceSeedsFuzzCopyTo(f *testing.F) {
	addConf(f, confBuildCopyTo, func(s confCopySeed) []any { return []any{s.data} })
}

// FuzzNpyHeader: every file of testdata/conformance/npy, and each cut
// in the middle of its header and one byte before the header's end.

func confBuildNpy() ([][]byte, *confStats, error) {
	st := newConfStats("FuzzNpyHeader")
	dir := filepath.Join(confDir, "npy")
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("conformance seeds: %v", err)
	}
	seen := map[string]bool{}
	var out [][]byte
	add := func(b []byte) {
		if !seen[string(b)] {
			seen[string(b)] = true
			out = append(out, b)
		}
	}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".npy") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, nil, err
		}
		st.cases++
		add(b)
		// The header ends after the preamble (10 bytes, 12 from version
		// 2.0) and the length it gives.
		pre, hl := 10, -1
		if len(b) >= 12 && b[6] >= 2 {
			pre, hl = 12, int(binary.LittleEndian.Uint32(b[8:12]))
		} else if len(b) >= 10 {
			hl = int(binary.LittleEndian.Uint16(b[8:10]))
		}
		end := min(pre+max(hl, 0), len(b))
		if hl < 0 || end <= pre {
			end = len(b)
		}
		add(bytes.Clone(b[:min(len(b), pre+(end-pre)/2)]))
		add(bytes.Clone(b[:max(end-1, 0)]))
	}
	if len(out) > confMaxSeeds {
		out = confSample(out, confMaxSeeds)
	}
	st.seeds = len(out)
	if st.cases == 0 {
		return nil, nil, fmt.Errorf("conformance seeds: no .npy files in %s", dir)
	}
	return out, st, nil
}

func addConformanceSeedsFuzzNpyHeader(f *testing.F) {
	addConf(f, confBuildNpy, func(s []byte) []any { return []any{s} })
}

// FuzzCast: every cast of a pipeline case, of the view the operations
// before it give (computed with ndview from the case), fitted, with the
// case's format string (raw where castFormats does not hold it) and
// shape (a shape [] as none: the Reshape() after it is not FuzzCast's).

type confCastSeed struct {
	id    string
	data  []byte
	want  confLay
	exact bool
	fs    string
	shape []int
	fails bool
}

func confBuildCast() ([]confCastSeed, *confStats, error) {
	st := newConfStats("FuzzCast")
	cases, err := confLoad("pipeline.json")
	if err != nil {
		return nil, nil, err
	}
	var out []confCastSeed
	for i, c := range cases {
	ops:
		for j, op := range c.Ops {
			if op.Op != "cast" || c.ErrorAt != nil && *c.ErrorAt < j {
				continue
			}
			st.cases++
			v, err := confBuildJSON(*c.View)
			for _, prev := range c.Ops[:j] {
				if err != nil {
					break
				}
				v, err = confApplyJSON(v, prev)
			}
			if err != nil {
				st.skipped["the operations before it fail"]++
				continue
			}
			l, ok := confLayOfView(v, castFormats, st)
			if !ok {
				st.skipped["no cast format of the size"]++
				continue
			}
			lb, exact, why := confEncodeLayout(castFormats, l, true, byte(i+j))
			if why != "" {
				st.skipped[why]++
				continue
			}
			var fb []byte
			if k := slices.Index(castFormats, op.Format); k >= 0 {
				fb = []byte{byte(k)}
			} else if len(op.Format) < 16 {
				fb = join([]byte{byte(len(castFormats) + 1), byte(len(op.Format))}, []byte(op.Format))
			} else {
				st.skipped["format string longer than 15 bytes"]++
				continue
			}
			shape := op.Shape
			sb := castNoShape
			switch {
			case len(shape) == 0:
				if shape != nil {
					st.notes["shape [] cast with none"]++
				}
				shape = nil
			case len(shape) <= 5:
				e, ok := confExts(shape)
				if !ok {
					st.skipped["extent beyond 55"]++
					continue ops
				}
				sb = castShape(e...)
			default:
				st.skipped["more than 5 extents"]++
				continue
			}
			_, cerr := cast.To(v, op.Format, shape...)
			seed := confCastSeed{c.ID, join([]byte{0}, lb, fb, []byte{opTo | opDeep}, sb), l, exact, op.Format, shape, cerr != nil}
			if why := confCheckCast(seed); why != "" {
				st.skipped[why]++
				continue
			}
			if !exact {
				st.approx++
			}
			out = append(out, seed)
		}
	}
	st.seeds = len(out)
	return out, st, nil
}

// confCheckCast decodes a FuzzCast seed as FuzzCast does and checks it:
// the layout, format, operation and shape are the seed's, and the cast
// of the decoded view fails exactly when the case's does.
func confCheckCast(c confCastSeed) string {
	s := &src{c.data}
	lc := decodeLayoutOf(s, s.n(2) == 0, castFormats)
	fs := decodeCastFormat(s, lc)
	op := s.u8()
	var shape []int
	if op&1 == 0 {
		shape = decodeCastShape(s)
	}
	switch {
	case !confLayMatches(lc, c.want, c.exact):
		return "layout does not decode"
	case fs != c.fs || op != opTo|opDeep || !slices.Equal(shape, c.shape) || (shape == nil) != (c.shape == nil):
		return "format or shape does not decode"
	case len(s.b) != 0:
		return "bytes left over"
	}
	v, err := ndview.FromLayout(lc.buf, lc.l)
	if err != nil {
		return "decoded layout invalid"
	}
	if _, err := cast.To(v, fs, shape...); (err != nil) != c.fails {
		return "outcome differs with the mapped format"
	}
	return ""
}

func addConformanceSeedsFuzzCast(f *testing.F) {
	addConf(f, confBuildCast, func(s confCastSeed) []any { return []any{s.data} })
}

// TestConformanceSeeds builds every target's conformance seeds, logs
// what they hold and leave out, and decodes each view seed to check that
// it says what its case says.
func TestConformanceSeeds(t *testing.T) {
	pf, st, err := confBuildParseFormat()
	if err != nil {
		t.Fatal(err)
	}
	if len(pf) == 0 || len(pf) > confMaxSeeds {
		t.Fatalf("%d format seeds", len(pf))
	}
	t.Log(st)

	pu, st, err := confBuildPackUnpack()
	if err != nil {
		t.Fatal(err)
	}
	if len(pu) == 0 || len(pu) > confMaxSeeds {
		t.Fatalf("%d pack seeds", len(pu))
	}
	t.Log(st)

	vs, st, err := confBuildView()
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string]confCase{}
	for _, name := range []string{"view.json", "pipeline.json"} {
		cs, err := confLoad(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cs {
			cases[c.ID] = c
		}
	}
	for _, x := range vs {
		s := &src{x.data}
		c := decodeLayout(s, false)
		l, ok := confLayOf(x.l, viewFormats, nil)
		if !ok || !confLayMatches(c, l, true) || len(s.b) != 0 {
			t.Errorf("FuzzView seed of %s decodes to %s (%d bytes left), want %+v", x.id, describeLayout(c.l, len(c.buf)), len(s.b), x.l)
		}
		if layoutValid(c) != x.valid {
			t.Errorf("FuzzView seed of %s: valid %v, the case says %v", x.id, layoutValid(c), x.valid)
		}
		if cc, ok := cases[x.id]; ok && (cc.View == nil || cc.View.Format != x.l.Format || !slices.Equal(cc.View.Shape, x.l.Shape)) {
			t.Errorf("FuzzView seed of %s is not its case's layout", x.id)
		}
	}
	if len(vs) == 0 || len(vs) > confMaxSeeds {
		t.Fatalf("%d FuzzView seeds", len(vs))
	}
	t.Log(st)

	is, st, err := confBuildIndexExpr()
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range is {
		c := cases[x.id]
		s := &src{x.data}
		lc := decodeLayout(s, true)
		l, _ := confLayOf(*c.View, viewFormats, nil)
		if !confLayMatches(lc, l, x.exact) {
			t.Errorf("FuzzIndexExpr seed of %s: layout %s, want %+v", x.id, describeLayout(lc.l, len(lc.buf)), l)
		}
		want := make([]ispec, len(c.Ops[0].Index))
		items := make([]ndview.Index, len(want))
		for i, it := range c.Ops[0].Index {
			want[i] = confSpecOf(it)
			items[i] = want[i].index()
		}
		specs := decodeSpecs(s)
		if x.items && !slices.Equal(specs, want) || !x.items && len(specs) != 0 || len(s.b) != 0 {
			t.Errorf("FuzzIndexExpr seed of %s: items %v (%d bytes left), want %v", x.id, specs, len(s.b), want)
		}
		got, err := ndview.ParseIndex(x.s)
		switch {
		case err != nil && (c.ErrorAt == nil || *c.ErrorAt != 0):
			t.Errorf("FuzzIndexExpr seed of %s: ParseIndex(%q): %v, for an index that works", x.id, x.s, err)
		case err == nil && !slices.Equal(got, items):
			t.Errorf("FuzzIndexExpr seed of %s: ParseIndex(%q) = %v, want %v", x.id, x.s, got, items)
		}
	}
	t.Log(st)

	ops, st, err := confBuildOps()
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range ops {
		if err := confReplayOps(cases[x.id], x.data, x.nops, x.exact); err != nil {
			t.Errorf("FuzzOps seed of %s: %v", x.id, err)
		}
	}
	t.Log(st)

	cp, st, err := confBuildCopyTo()
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range cp {
		if why := confCheckCopy(x); why != "" {
			t.Errorf("FuzzCopyTo seed of %s: %s", x.id, why)
		}
	}
	t.Log(st)

	np, st, err := confBuildNpy()
	if err != nil {
		t.Fatal(err)
	}
	if len(np) == 0 || len(np) > confMaxSeeds {
		t.Fatalf("%d npy seeds", len(np))
	}
	t.Log(st)

	cs, st, err := confBuildCast()
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range cs {
		if why := confCheckCast(x); why != "" {
			t.Errorf("FuzzCast seed of %s: %s", x.id, why)
		}
	}
	t.Log(st)
}
