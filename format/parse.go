package format

import (
	"hash/maphash"
	"math"
	"math/bits"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// mode is the byte order, size and alignment regime in force while parsing,
// set by the prefix characters @ = < > ! (and ^ in PEP 3118 formats).
type mode uint8

const (
	modeNative    mode = iota // '@': native order, sizes and alignment
	modeStdNative             // '=': native order, standard sizes, no alignment
	modeLittle                // '<'
	modeBig                   // '>' and '!'
	modeUnaligned             // '^': native order and sizes, no alignment (PEP 3118)
)

func orderMode(c byte, strict bool) (mode, bool) {
	switch c {
	case '@':
		return modeNative, true
	case '=':
		return modeStdNative, true
	case '<':
		return modeLittle, true
	case '>', '!':
		return modeBig, true
	case '^':
		return modeUnaligned, !strict
	}
	return 0, false
}

func (m mode) order() ByteOrder {
	switch m {
	case modeLittle:
		return LittleEndian
	case modeBig:
		return BigEndian
	}
	return nativeEndian
}

func (m mode) nativeSizes() bool { return m == modeNative || m == modeUnaligned }

// entry is one row of the code tables: what a code means in a mode.
type entry struct {
	kind  Kind
	size  int
	align int // native alignment; applied only in '@' mode
}

// lookup finds a code in the table of mode m. Codes of two characters
// (Zf, Zd, Zg) are passed whole. The native sizes are those of CPython on
// x86-64 Linux (LP64), whatever machine the program runs on, because they
// are what the buffers this package reads were written with.
func lookup(code string, m mode, strict bool) (entry, bool) {
	native := m.nativeSizes()
	if len(code) == 1 {
		switch code[0] {
		case 'x':
			return entry{Pad, 1, 0}, true
		case 'c':
			return entry{Char, 1, 0}, true
		case 'b':
			return entry{Int8, 1, 0}, true
		case 'B':
			return entry{Uint8, 1, 0}, true
		case '?':
			return entry{Bool, 1, 1}, true
		case 'h':
			return entry{Int16, 2, 2}, true
		case 'H':
			return entry{Uint16, 2, 2}, true
		case 'i':
			return entry{Int32, 4, 4}, true
		case 'I':
			return entry{Uint32, 4, 4}, true
		case 'l':
			if native {
				return entry{Int64, 8, 8}, true
			}
			return entry{Int32, 4, 4}, true
		case 'L':
			if native {
				return entry{Uint64, 8, 8}, true
			}
			return entry{Uint32, 4, 4}, true
		case 'q':
			return entry{Int64, 8, 8}, true
		case 'Q':
			return entry{Uint64, 8, 8}, true
		case 'n':
			return entry{Int64, 8, 8}, native
		case 'N', 'P':
			return entry{Uint64, 8, 8}, native
		case 'e':
			return entry{Float16, 2, 2}, true
		case 'f':
			return entry{Float32, 4, 4}, true
		case 'd':
			return entry{Float64, 8, 8}, true
		case 's':
			return entry{Bytes, 1, 0}, true
		case 'p':
			return entry{Pascal, 1, 0}, true
		}
		if strict {
			return entry{}, false
		}
		// PEP 3118 codes that have a size but no Go value.
		switch code[0] {
		case 'O':
			return entry{Opaque, 8, 8}, true
		case 'g':
			return entry{Opaque, 16, 16}, native
		case 'u':
			return entry{Opaque, 2, 2}, true
		case 'w':
			return entry{Opaque, 4, 4}, true
		}
		return entry{}, false
	}
	if strict || len(code) != 2 || code[0] != 'Z' {
		return entry{}, false
	}
	switch code[1] {
	case 'f':
		return entry{Complex64, 8, 4}, true
	case 'd':
		return entry{Complex128, 16, 8}, true
	case 'g':
		return entry{Opaque, 32, 16}, native
	}
	return entry{}, false
}

// Limits that keep hostile formats cheap.
const (
	maxDepth      = 64      // nested T{...} records
	maxShapeDims  = 64      // dimensions of a sub-array shape (CPython's ndim limit)
	maxFreeValues = 1 << 16 // values Unpack may build beyond freePerByte per byte of the item (see freeValues)
	freePerByte   = 16      // enough for sub-array shapes with many extent-1 dimensions
)

type parser struct {
	s      string
	i      int
	strict bool
	mode   mode
	depth  int
}

// Parse compiles a format string: CPython's struct grammar (x86-64 Linux
// sizes and alignment) extended with PEP 3118 as NumPy writes it: T{...}
// records with :name: fields, (2,3) sub-array shapes, Zf/Zd complex, byte
// order changes anywhere in the string ('@ = < > ! ^'), and the codes O, g,
// Zg, u and w, which parse (so a view can carry NumPy's object, long double
// and unicode arrays) but fail with ErrUnsupported when packed or unpacked.
// The codes t (bits), & (pointer) and X{} (function) are refused here with
// ErrUnsupported, since no buffer item has a defined layout for them.
//
// Results are cached: parsing a string of up to 512 bytes again costs one
// lock-free map lookup and allocates nothing. The cache is bounded (about
// 1024 formats; when full it is emptied) and safe for concurrent use. The
// Format keeps its own copy of s. Errors are *SyntaxError values matching
// ErrSyntax.
func Parse(s string) (*Format, error) { return cachedParse(s, false) }

// ParseStruct compiles a format string with CPython's struct grammar
// exactly, refusing the PEP 3118 extensions as struct.calcsize does
// ("bad char in struct format" for T, Z, (, :, ^, g, O and a prefix that is
// not the first character). Use it to check a format a Python program
// will pass to struct. It caches like Parse.
func ParseStruct(s string) (*Format, error) { return cachedParse(s, true) }

// MustParse is like Parse but panics on error. It is meant for formats
// written in the program's source.
func MustParse(s string) *Format {
	f, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return f
}

// CalcSize returns struct.calcsize(s): the size of the struct format s.
func CalcSize(s string) (int, error) {
	f, err := ParseStruct(s)
	if err != nil {
		return 0, err
	}
	return f.size, nil
}

type cacheKey struct {
	s      string
	strict bool
}

const (
	cacheEntries = 1024 // cached formats before the cache is emptied
	cacheMaxLen  = 512  // longer strings are parsed every time
)

// The cache is a sync.Map: a hit is a lock-free load, so views built on
// many cores at once do not contend on a shared lock word. Its size is
// counted approximately and the whole map is emptied when it passes
// cacheEntries, which bounds it to about that many formats.
//
// In front of it sits a small direct-mapped table of the entries used
// last, indexed by a hash of the string: a hit there costs one hash and
// one string compare, where the sync.Map hashes its interface key by
// reflection (about 3x slower). The table holds the map's own entries,
// so filling it allocates nothing.
var (
	cache    sync.Map // cacheKey -> *cacheEntry
	cacheLen atomic.Int64

	front     [frontSize]atomic.Pointer[cacheEntry]
	frontSeed = maphash.MakeSeed()
)

const frontSize = 256

type cacheEntry struct {
	s      string
	strict bool
	f      *Format
}

func frontSlot(s string, strict bool) *atomic.Pointer[cacheEntry] {
	h := maphash.String(frontSeed, s)
	if strict {
		h = ^h
	}
	return &front[h%frontSize]
}

func cachedParse(s string, strict bool) (*Format, error) {
	slot := frontSlot(s, strict)
	if e := slot.Load(); e != nil && e.strict == strict && e.s == s {
		return e.f, nil
	}
	if e, ok := cache.Load(cacheKey{s, strict}); ok {
		slot.Store(e.(*cacheEntry))
		return e.(*cacheEntry).f, nil
	}
	// The Format keeps substrings of s (its String, field names and
	// codes), and the cache keeps s as a key: a private copy means neither
	// pins nor depends on the caller's memory (which may be a string made
	// over a mapped file or C memory).
	s = strings.Clone(s)
	f, err := parse(s, strict)
	if err != nil {
		return nil, err
	}
	if len(s) <= cacheMaxLen {
		if cacheLen.Add(1) > cacheEntries {
			// Emptying the whole map keeps the bound trivially and costs
			// one re-parse per live format, which is cheap.
			cache.Clear()
			cacheLen.Store(1)
		}
		e := &cacheEntry{s, strict, f}
		cache.Store(cacheKey{s, strict}, e)
		slot.Store(e)
	}
	return f, nil
}

func parse(s string, strict bool) (*Format, error) {
	for i := 0; i < len(s); i++ {
		if s[i] == 0 {
			return nil, syntaxErr(s, i, "embedded null character")
		}
	}
	p := &parser{s: s, strict: strict}
	if strict && len(s) > 0 {
		// struct looks for a prefix at position 0 only.
		if m, ok := orderMode(s[0], true); ok {
			p.mode = m
			p.i = 1
		}
	}
	f, err := p.items(false, 0)
	if err != nil {
		return nil, err
	}
	if f.freeValues() > satAdd(satMul(freePerByte, f.size), maxFreeValues) {
		return nil, &SyntaxError{Format: s, Pos: 0, Msg: "too many values for the item's size", Err: ErrTooLarge}
	}
	return f, nil
}

func (p *parser) fail(pos int, msg string) error { return syntaxErr(p.s, pos, msg) }

func (p *parser) tooLarge(pos int) error {
	return &SyntaxError{Format: p.s, Pos: pos, Msg: "total struct size too long", Err: ErrTooLarge}
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func (p *parser) skipSpace() {
	for p.i < len(p.s) && isSpace(p.s[p.i]) {
		p.i++
	}
}

// number reads a decimal number at p.i (at least one digit present).
func (p *parser) number() (int, error) {
	start := p.i
	n := 0
	for p.i < len(p.s) && isDigit(p.s[p.i]) {
		d := int(p.s[p.i] - '0')
		if n > (math.MaxInt-d)/10 {
			return 0, p.tooLarge(start)
		}
		n = n*10 + d
		p.i++
	}
	return n, nil
}

func mulCheck(a, b int) (int, bool) {
	if a < 0 || b < 0 {
		return 0, false
	}
	hi, lo := bits.Mul64(uint64(a), uint64(b))
	if hi != 0 || lo > math.MaxInt {
		return 0, false
	}
	return int(lo), true
}

func addCheck(a, b int) (int, bool) {
	c := a + b
	if c < a {
		return 0, false
	}
	return c, true
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

func lcm(a, b int) int { return a / gcd(a, b) * b }

// shape reads "(d1,d2,...)" at p.i, which holds '('.
func (p *parser) shape() ([]int, int, error) {
	start := p.i
	p.i++
	var dims []int
	prod := 1
	for {
		p.skipSpace()
		if p.i >= len(p.s) || !isDigit(p.s[p.i]) {
			return nil, 0, p.fail(p.i, "expected a positive integer in sub-array shape")
		}
		n, err := p.number()
		if err != nil {
			return nil, 0, err
		}
		if n == 0 {
			return nil, 0, p.fail(p.i-1, "sub-array extent must be positive")
		}
		dims = append(dims, n)
		if len(dims) > maxShapeDims {
			return nil, 0, p.fail(start, "sub-array shape has more than 64 dimensions")
		}
		var ok bool
		if prod, ok = mulCheck(prod, n); !ok {
			return nil, 0, p.tooLarge(start)
		}
		p.skipSpace()
		if p.i >= len(p.s) {
			return nil, 0, p.fail(start, "unterminated sub-array shape")
		}
		switch p.s[p.i] {
		case ',':
			p.i++
			continue
		case ')':
			p.i++
			return dims, prod, nil
		}
		return nil, 0, p.fail(p.i, "bad character in sub-array shape")
	}
}

// items parses items up to the end of the string (top level) or up to the
// closing '}' of a record, and lays them out. Top-level items follow
// struct's rules (a count repeats values). Record fields follow NumPy's
// _dtype_from_pep3118 (a count is a sub-array, unnamed fields are named
// f0, f1, ..., fields in '@' mode are aligned) with one deliberate
// difference: no record gets implied trailing padding. NumPy's exporter
// writes every gap between fields as explicit 'x' bytes but never the
// padding after the last field, which reaches the consumer as the buffer's
// itemsize instead; padding it here would misplace the fields that follow
// an aligned inner record (NumPy's own parser rejects such exports). Use
// Format.Padded to apply an exporter's itemsize.
func (p *parser) items(inRecord bool, open int) (*Format, error) {
	f := &Format{align: 1}
	offset := 0
	commonAlign := 1
	var names map[string]bool // explicit names so far, to refuse duplicates
	if inRecord {
		p.depth++
		if p.depth > maxDepth {
			return nil, p.fail(open, "records nested too deeply")
		}
		defer func() { p.depth-- }()
	}
	for {
		p.skipSpace()
		if p.i >= len(p.s) {
			if inRecord {
				return nil, p.fail(open, "unterminated T{")
			}
			break
		}
		start := p.i
		c := p.s[p.i]
		if c == '}' {
			if !inRecord {
				return nil, p.fail(p.i, "bad char in struct format")
			}
			p.i++
			break
		}

		// Sub-array shape (PEP 3118).
		var shape []int
		shapeProd := 1
		if c == '(' && !p.strict {
			var err error
			if shape, shapeProd, err = p.shape(); err != nil {
				return nil, err
			}
		}
		// Byte order change (PEP 3118: anywhere; struct: only first char,
		// handled before items is called).
		if !p.strict && p.i < len(p.s) {
			if m, ok := orderMode(p.s[p.i], false); ok {
				p.mode = m
				p.i++
				p.skipSpace()
				if p.i >= len(p.s) && start == 0 && shape == nil {
					break // a lone prefix: an empty format, as struct has it
				}
			}
		}
		// Repeat count.
		count, hasCount := 1, false
		if p.i < len(p.s) && isDigit(p.s[p.i]) {
			var err error
			if count, err = p.number(); err != nil {
				return nil, err
			}
			hasCount = true
			if p.i >= len(p.s) {
				return nil, p.fail(p.i, "repeat count given without format specifier")
			}
		}
		if p.i >= len(p.s) {
			return nil, p.fail(p.i, "bad char in struct format")
		}
		codeStart := p.i

		// The code.
		var e entry
		var code string
		var rec *Format
		switch {
		case !p.strict && p.s[p.i] == 'T' && p.i+1 < len(p.s) && p.s[p.i+1] == '{':
			p.i += 2
			var err error
			if rec, err = p.items(true, codeStart); err != nil {
				return nil, err
			}
			rec.str = p.s[codeStart:p.i]
			code = "T"
			e = entry{Record, rec.size, rec.align}
		case !p.strict && p.s[p.i] == 'Z':
			if p.i+1 >= len(p.s) {
				return nil, p.fail(p.i, "bad char in struct format")
			}
			code = p.s[p.i : p.i+2]
			var ok bool
			if e, ok = lookup(code, p.mode, false); !ok {
				return nil, p.fail(p.i, "bad char in struct format")
			}
			p.i += 2
		default:
			cc := p.s[p.i]
			if !p.strict && (cc == 't' || cc == '&' || (cc == 'X' && p.i+1 < len(p.s) && p.s[p.i+1] == '{')) {
				return nil, &SyntaxError{Format: p.s, Pos: p.i, Msg: "PEP 3118 code '" + string(cc) + "' has no buffer layout", Err: ErrUnsupported}
			}
			code = p.s[p.i : p.i+1]
			var ok bool
			if e, ok = lookup(code, p.mode, p.strict); !ok {
				return nil, p.fail(p.i, "bad char in struct format")
			}
			p.i++
		}

		// Field name (PEP 3118).
		name := ""
		if !p.strict && p.i < len(p.s) && p.s[p.i] == ':' {
			end := p.i + 1
			for end < len(p.s) && p.s[end] != ':' {
				end++
			}
			if end >= len(p.s) {
				return nil, p.fail(p.i, "unterminated field name")
			}
			if end == p.i+1 {
				return nil, p.fail(p.i, "empty field name")
			}
			name = p.s[p.i+1 : end]
			if names == nil {
				names = make(map[string]bool)
			}
			if names[name] {
				return nil, p.fail(p.i+1, "duplicate field name '"+name+"'")
			}
			names[name] = true
			p.i = end + 1
		}

		if e.kind == Pad && name != "" {
			// A named x is a field of raw bytes, as NumPy reads the void
			// fields it exports ("T{5x:a:}").
			e.kind = Void
		}
		fl := Field{Name: name, Code: code, Kind: e.kind, Order: p.mode.order(), Record: rec, Standard: !p.mode.nativeSizes()}
		if e.size == 1 && e.kind != Record {
			fl.Order = nativeEndian // a single byte has no order
		}
		// Elements and values. For s, p, named x, and the unicode codes w
		// and u (NumPy writes a string of n characters as "nw"), the count
		// is the length of one value; for the other codes it repeats.
		stringLike := e.kind == Bytes || e.kind == Pascal || e.kind == Void ||
			e.kind == Opaque && (code == "w" || code == "u")
		switch {
		case stringLike:
			var ok bool
			if fl.Size, ok = mulCheck(count, e.size); !ok {
				return nil, p.tooLarge(start)
			}
			fl.Count = shapeProd
			if shape != nil {
				fl.Shape = shape
			}
			fl.NumValues = 1
		case e.kind == Pad:
			fl.Size = 1
			n, ok := mulCheck(count, shapeProd)
			if !ok {
				return nil, p.tooLarge(start)
			}
			fl.Count = n
		default:
			fl.Size = e.size
			n, ok := mulCheck(count, shapeProd)
			if !ok {
				return nil, p.tooLarge(start)
			}
			fl.Count = n
			switch {
			case shape != nil || inRecord && hasCount && count != 1:
				if hasCount && count != 1 {
					if count == 0 {
						// An empty sub-array would let a short format
						// build unboundedly many empty values.
						return nil, p.fail(start, "sub-array extent must be positive")
					}
					shape = append(shape, count)
				}
				fl.Shape = shape
				fl.NumValues = 1
			default:
				fl.NumValues = n
			}
		}

		// Alignment: only in '@' mode, judged after the code was read
		// (a record may change the mode, and NumPy looks at it then).
		if p.mode == modeNative && e.align > 1 {
			if r := offset % e.align; r != 0 {
				var ok bool
				if offset, ok = addCheck(offset, e.align-r); !ok {
					return nil, p.tooLarge(start)
				}
			}
			commonAlign = lcm(commonAlign, e.align)
		}
		if p.mode == modeNative && e.kind == Record && fl.Count > 1 && e.align > 1 && fl.Size%e.align != 0 {
			// A repeated record's elements are spaced at a multiple of its
			// alignment, as NumPy's parser spaces them.
			fl.Size += e.align - fl.Size%e.align
		}
		fl.Offset = offset
		total, ok := mulCheck(fl.Size, fl.Count)
		if !ok {
			return nil, p.tooLarge(start)
		}
		if offset, ok = addCheck(offset, total); !ok {
			return nil, p.tooLarge(start)
		}
		if f.nvalues, ok = addCheck(f.nvalues, fl.NumValues); !ok {
			return nil, p.tooLarge(start)
		}
		f.fields = append(f.fields, fl)
	}

	if inRecord {
		if err := p.nameFields(f, open); err != nil {
			return nil, err
		}
	}
	f.size = offset
	f.align = commonAlign
	if !inRecord {
		f.str = p.s
	}
	return f, nil
}

// freeValues counts what Unpack builds for one item of f beyond one value
// per leaf that occupies bytes: the []any of every record and of every
// sub-array level, and every value of size zero. Those cost no bytes of
// input, so without a bound a short format such as "(65536)T{(1,1,1)0s}"
// would make Unpack build millions of values from an empty buffer. The
// count saturates at satMax.
func (f *Format) freeValues() int {
	n := 0
	for i := range f.fields {
		fl := &f.fields[i]
		per := 0 // free values of one element
		switch {
		case fl.Kind == Pad:
			if fl.Count == 0 {
				// Unpack and Pack still step over a padding field of no
				// bytes ("T{0x0x0x}"), so it costs like a value.
				n = satAdd(n, 1)
			}
			continue
		case fl.Kind == Record:
			per = satAdd(1, fl.Record.freeValues())
		case fl.Size == 0:
			per = 1
		}
		if fl.Shape == nil {
			n = satAdd(n, satMul(per, fl.Count))
			continue
		}
		level := 1 // []any values at this depth of the sub-array
		for _, d := range fl.Shape {
			n = satAdd(n, level)
			level = satMul(level, d)
		}
		n = satAdd(n, satMul(level, per))
	}
	return n
}

const satMax = math.MaxInt / 4

func satAdd(a, b int) int {
	if a > satMax-b {
		return satMax
	}
	return a + b
}

func satMul(a, b int) int {
	if c, ok := mulCheck(a, b); ok && c <= satMax {
		return c
	}
	return satMax
}

// nameFields gives unnamed record fields NumPy's names (each the first of
// f0, f1, ... not already taken) and indexes the record's names.
func (p *parser) nameFields(f *Format, open int) error {
	f.names = make(map[string]int, len(f.fields))
	for i := range f.fields {
		if n := f.fields[i].Name; n != "" {
			f.names[n] = i // explicit names are unique: items refused duplicates
		}
	}
	next := 0 // names below fN are all taken once fN was given out
	for i := range f.fields {
		fl := &f.fields[i]
		if fl.Name != "" || fl.Kind == Pad {
			continue
		}
		for j := next; ; j++ {
			n := "f" + strconv.Itoa(j)
			if _, taken := f.names[n]; !taken {
				fl.Name = n
				f.names[n] = i
				next = j + 1
				break
			}
		}
	}
	return nil
}
