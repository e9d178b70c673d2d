module github.com/ndview/ndview

go 1.23
