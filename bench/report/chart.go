package main

import (
	"fmt"
	"image/color"
	"io"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"
)

// ratioBars draws one horizontal bar per row from 1 to the row's ratio on
// a log axis — right of 1 (green) ndview is faster, left (red) slower —
// with a whisker over the range of the runs. plotter.BarChart cannot
// start bars at 1 on a log scale, hence this plotter.
type ratioBars struct{ rows []Row }

var (
	faster = color.RGBA{R: 0x2e, G: 0x8b, B: 0x57, A: 0xff}
	slower = color.RGBA{R: 0xc0, G: 0x39, B: 0x2b, A: 0xff}
)

// Plot implements plot.Plotter.
func (r ratioBars) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	h := vg.Points(5)
	whisker := draw.LineStyle{Color: color.Black, Width: vg.Points(0.8)}
	for i, row := range r.rows {
		y := trY(float64(len(r.rows) - 1 - i))
		x0, x1 := trX(1), trX(row.Ratio.Mid)
		clr := faster
		if row.Ratio.Mid < 1 {
			clr = slower
		}
		c.FillPolygon(clr, c.ClipPolygonXY([]vg.Point{{X: x0, Y: y - h}, {X: x1, Y: y - h}, {X: x1, Y: y + h}, {X: x0, Y: y + h}}))
		lo, hi := trX(row.Ratio.Lo), trX(row.Ratio.Hi)
		c.StrokeLines(whisker, c.ClipLinesXY([]vg.Point{{X: lo, Y: y}, {X: hi, Y: y}})...)
		c.StrokeLines(whisker, c.ClipLinesXY([]vg.Point{{X: lo, Y: y - h/2}, {X: lo, Y: y + h/2}})...)
		c.StrokeLines(whisker, c.ClipLinesXY([]vg.Point{{X: hi, Y: y - h/2}, {X: hi, Y: y + h/2}})...)
	}
	// The line at 1: even.
	top, bottom := trY(float64(len(r.rows))-0.5), trY(-0.5)
	c.StrokeLine2(draw.LineStyle{Color: color.Gray{Y: 0x60}, Width: vg.Points(1), Dashes: []vg.Length{vg.Points(3), vg.Points(2)}},
		trX(1), bottom, trX(1), top)
}

// DataRange implements plot.DataRanger: the ratios, their ranges and 1.
func (r ratioBars) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, xmax = 1, 1
	for _, row := range r.rows {
		xmin = math.Min(xmin, math.Min(row.Ratio.Lo, row.Ratio.Mid))
		xmax = math.Max(xmax, math.Max(row.Ratio.Hi, row.Ratio.Mid))
	}
	return xmin / 1.5, xmax * 1.5, -0.5, float64(len(r.rows)) - 0.5
}

// ratioPlot is the comparison: one bar per operation and peer.
func ratioPlot(rows []Row) *plot.Plot {
	p := plot.New()
	p.Title.Text = "time of the peer ÷ time of ndview (log scale; > 1: ndview is faster; whiskers: range of the runs)"
	p.X.Scale = plot.LogScale{}
	p.X.Tick.Marker = ratioTicks{}
	p.Add(ratioBars{rows}, plotter.NewGrid())
	labels := make([]string, len(rows))
	for i, row := range rows {
		labels[len(rows)-1-i] = fmt.Sprintf("%s · %s", row.Op.Name, Names[row.Peer])
	}
	p.NominalY(labels...)
	p.Y.Tick.Label.Font.Size = vg.Points(8)
	return p
}

// ratioTicks marks 1-2-5 steps, which read better than decades alone for
// ratios that span 0.3 to 300.
type ratioTicks struct{}

// Ticks implements plot.Ticker.
func (ratioTicks) Ticks(lo, hi float64) []plot.Tick {
	var ts []plot.Tick
	for e := math.Floor(math.Log10(lo)); e <= math.Ceil(math.Log10(hi)); e++ {
		for _, m := range []float64{1, 2, 5} {
			v := m * math.Pow(10, e)
			if v < lo || v > hi {
				continue
			}
			ts = append(ts, plot.Tick{Value: v, Label: fmt.Sprintf("%g×", v)})
		}
	}
	return ts
}

// errPoints are a series' points with their ranges, for YErrorBars.
type errPoints struct{ s Series }

// Len, XY and YError implement plotter.XYer and plotter.YErrorer.
func (e errPoints) Len() int                    { return len(e.s.X) }
func (e errPoints) XY(i int) (float64, float64) { return e.s.X[i], e.s.Y[i] }
func (e errPoints) YError(i int) (float64, float64) {
	return e.s.Y[i] - e.s.Lo[i], e.s.Hi[i] - e.s.Y[i]
}

// scalePlot draws scaling series as lines with points and range bars.
func scalePlot(title, xlabel, ylabel string, series []Series, logX, logY bool, xticks plot.Ticker) (*plot.Plot, error) {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = xlabel
	p.Y.Label.Text = ylabel
	if len(series) == 0 {
		// Nothing measured (a filtered run): an empty frame, since a log
		// axis has no range to draw.
		p.Title.Text += " (not measured)"
		return p, nil
	}
	if logX {
		p.X.Scale = plot.LogScale{}
	}
	if logY {
		p.Y.Scale = plot.LogScale{}
		p.Y.Tick.Marker = plot.LogTicks{Prec: -1}
	}
	if xticks != nil {
		p.X.Tick.Marker = xticks
	}
	p.Add(plotter.NewGrid())
	p.Legend.Top = true
	p.Legend.TextStyle.Font.Size = vg.Points(8)
	for i, s := range series {
		xy := errPoints{s}
		line, points, err := plotter.NewLinePoints(xy)
		if err != nil {
			return nil, err
		}
		line.Color = plotutil.Color(i)
		line.Width = vg.Points(1.5)
		points.Color = plotutil.Color(i)
		points.Shape = plotutil.Shape(i)
		bars, err := plotter.NewYErrorBars(xy)
		if err != nil {
			return nil, err
		}
		bars.Color = plotutil.Color(i)
		p.Add(line, points, bars)
		p.Legend.Add(Names[s.Impl], line, points)
	}
	return p, nil
}

// sizeTicks label the scaling sizes.
type sizeTicks struct{ xs []float64 }

// Ticks implements plot.Ticker: one tick per measured size.
func (t sizeTicks) Ticks(lo, hi float64) []plot.Tick {
	var ts []plot.Tick
	for _, x := range t.xs {
		ts = append(ts, plot.Tick{Value: x, Label: sizeLabel(x)})
	}
	return ts
}

func sizeLabel(x float64) string {
	if x >= 1<<20 {
		return fmt.Sprintf("%.0f MB", x/(1<<20))
	}
	return fmt.Sprintf("%.0f KB", x/(1<<10))
}

// Chart writes the report's SVG: the comparison on top, the three
// scaling series below it.
func Chart(w io.Writer, rows []Row, access, copies, slicing []Series, sizes []float64) error {
	width, height := ChartSize(rows)
	return DrawChart(w, vgsvg.New(width, height), rows, access, copies, slicing, sizes)
}

// ChartSize is the size of the chart: its top part grows with the rows.
func ChartSize(rows []Row) (width, height vg.Length) {
	return vg.Points(960), vg.Points(float64(14*len(rows)+90)) + vg.Points(320)
}

// DrawChart draws the chart on img, which has ChartSize, and writes it.
func DrawChart(w io.Writer, img vg.CanvasWriterTo, rows []Row, access, copies, slicing []Series, sizes []float64) error {
	width, height := ChartSize(rows)
	bottomH := vg.Points(320)
	topH := height - bottomH
	dc := draw.New(img)

	top := draw.Crop(dc, 0, 0, bottomH, 0)
	ratioPlot(rows).Draw(top)

	ticks := sizeTicks{sizes}
	pa, err := scalePlot("sum by element vs. size", "view size", "GB/s", access, true, false, ticks)
	if err != nil {
		return err
	}
	pc, err := scalePlot("copy into a contiguous matrix vs. size", "matrix size", "GB/s", copies, true, false, ticks)
	if err != nil {
		return err
	}
	ps, err := scalePlot("slice [::2] in every dimension vs. ndim", "dimensions", "ns per slice", slicing, false, true, nil)
	if err != nil {
		return err
	}
	bottom := draw.Crop(dc, 0, 0, 0, -topH)
	third := width / 3
	for i, p := range []*plot.Plot{pa, pc, ps} {
		c := draw.Crop(bottom, third*vg.Length(i), -third*vg.Length(2-i), 0, 0)
		p.Draw(draw.Crop(c, vg.Points(4), -vg.Points(4), vg.Points(4), -vg.Points(8)))
	}
	_, err = img.WriteTo(w)
	return err
}
