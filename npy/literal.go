package npy

import (
	"fmt"
	"strconv"
	"strings"
)

// The header of a .npy file is a Python dict literal. This is a parser
// for the subset NumPy writes: dicts, lists and tuples, strings in single
// or double quotes, integers, True, False and None. It allocates only
// what it returns and never recurses deeper than maxDepth.

const maxDepth = 32

type pyTuple []any // a tuple; a list is []any
type pyNone struct{}

type litParser struct {
	s     string
	i     int
	depth int
}

func parseLiteral(s string) (any, error) {
	p := &litParser{s: s}
	v, err := p.value()
	if err != nil {
		return nil, err
	}
	p.space()
	if p.i != len(p.s) {
		return nil, p.errorf("trailing text")
	}
	return v, nil
}

func (p *litParser) errorf(format string, args ...any) error {
	return fmt.Errorf("%w: header at byte %d: %s", ErrFormat, p.i, fmt.Sprintf(format, args...))
}

func (p *litParser) space() {
	for p.i < len(p.s) && strings.IndexByte(" \t\n\r", p.s[p.i]) >= 0 {
		p.i++
	}
}

func (p *litParser) value() (any, error) {
	p.space()
	if p.i >= len(p.s) {
		return nil, p.errorf("unexpected end")
	}
	switch c := p.s[p.i]; {
	case c == '{':
		return p.container('{', '}')
	case c == '[':
		return p.container('[', ']')
	case c == '(':
		return p.container('(', ')')
	case c == '\'' || c == '"':
		return p.str(c)
	case c == '-' || c == '+' || (c >= '0' && c <= '9'):
		return p.integer()
	}
	for _, w := range []struct {
		word string
		v    any
	}{{"True", true}, {"False", false}, {"None", pyNone{}}} {
		if strings.HasPrefix(p.s[p.i:], w.word) {
			p.i += len(w.word)
			return w.v, nil
		}
	}
	return nil, p.errorf("unexpected %q", p.s[p.i])
}

// container parses a dict, list or tuple after checking the depth.
func (p *litParser) container(open, close byte) (any, error) {
	if p.depth++; p.depth > maxDepth {
		return nil, p.errorf("nested more than %d deep", maxDepth)
	}
	defer func() { p.depth-- }()
	p.i++ // open
	var items []any
	var keys []string
	trailingComma := false
	for {
		p.space()
		if p.i < len(p.s) && p.s[p.i] == close {
			p.i++
			break
		}
		if len(items) > 0 && !trailingComma {
			return nil, p.errorf("expected ',' or %q", close)
		}
		if open == '{' {
			k, err := p.value()
			if err != nil {
				return nil, err
			}
			ks, ok := k.(string)
			if !ok {
				return nil, p.errorf("dict key is not a string")
			}
			p.space()
			if p.i >= len(p.s) || p.s[p.i] != ':' {
				return nil, p.errorf("expected ':'")
			}
			p.i++
			keys = append(keys, ks)
		}
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		items = append(items, v)
		p.space()
		trailingComma = p.i < len(p.s) && p.s[p.i] == ','
		if trailingComma {
			p.i++
		}
	}
	switch open {
	case '{':
		d := make(map[string]any, len(keys))
		for i, k := range keys {
			if _, dup := d[k]; dup {
				return nil, p.errorf("duplicate key %q", k)
			}
			d[k] = items[i]
		}
		return d, nil
	case '(':
		if len(items) == 1 && !trailingComma {
			return items[0], nil // (x) is x, not a tuple
		}
		return pyTuple(items), nil
	}
	if items == nil {
		items = []any{}
	}
	return items, nil
}

func (p *litParser) str(q byte) (string, error) {
	p.i++
	var b strings.Builder
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == q:
			p.i++
			return b.String(), nil
		case c == '\\' && p.i+1 < len(p.s):
			p.i++
			switch e := p.s[p.i]; e {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case '\\', '\'', '"':
				b.WriteByte(e)
			default:
				return "", p.errorf("unsupported escape \\%c", e)
			}
		default:
			b.WriteByte(c)
		}
		p.i++
	}
	return "", p.errorf("unterminated string")
}

func (p *litParser) integer() (int64, error) {
	j := p.i
	if p.s[j] == '-' || p.s[j] == '+' {
		j++
	}
	for j < len(p.s) && p.s[j] >= '0' && p.s[j] <= '9' {
		j++
	}
	if j < len(p.s) && p.s[j] == 'L' { // Python 2 long, as old files have
		j++
	}
	text := strings.TrimSuffix(p.s[p.i:j], "L")
	n, err := strconv.ParseInt(text, 10, 64)
	if err != nil {
		return 0, p.errorf("integer %q: %v", text, err)
	}
	p.i = j
	return n, nil
}
