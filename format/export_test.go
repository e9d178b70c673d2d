package format

// ParseUncached compiles s without the cache, for benchmarks and tests.
func ParseUncached(s string) (*Format, error) { return parse(s, false) }
