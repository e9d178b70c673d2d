package ndview_test

import (
	"encoding/binary"
	"fmt"
	"math"

	"github.com/ndview/ndview/ndview"
)

// Views print as NumPy prints the same arrays: str() for %v, repr() for
// %+v, and any numeric verb applied to every element.
func ExampleView_String() {
	buf := make([]byte, 6*8)
	for i := range 6 {
		binary.LittleEndian.PutUint64(buf[8*i:], math.Float64bits(float64(i)/4))
	}
	v, err := ndview.New(buf, "<d", 2, 3)
	if err != nil {
		panic(err)
	}
	fmt.Println(v)
	fmt.Printf("%+v\n", v)
	fmt.Printf("%.1e\n", v.T())

	// Large views print their corners, reading only those.
	big, err := ndview.Make("<i", 1000, 1000)
	if err != nil {
		panic(err)
	}
	fmt.Println(big)
	// Output:
	// [[0.   0.25 0.5 ]
	//  [0.75 1.   1.25]]
	// View([[0.  , 0.25, 0.5 ],
	//       [0.75, 1.  , 1.25]], format='<d', shape=(2, 3))
	// [[0.0e+00 7.5e-01]
	//  [2.5e-01 1.0e+00]
	//  [5.0e-01 1.2e+00]]
	// [[0 0 0 ... 0 0 0]
	//  [0 0 0 ... 0 0 0]
	//  [0 0 0 ... 0 0 0]
	//  ...
	//  [0 0 0 ... 0 0 0]
	//  [0 0 0 ... 0 0 0]
	//  [0 0 0 ... 0 0 0]]
}
