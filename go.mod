module github.com/ndview/ndview

go 1.25.0

require github.com/google/go-cmp v0.7.0

require gonum.org/v1/gonum v0.17.0

require golang.org/x/sys v0.47.0
