// Package chart turns plain numbers into figures: an ECharts options JSON for
// readers with JavaScript, and a caption, a one-sentence text alternative and
// a table of the same numbers for everyone else.
//
// The builders (Risk, Costs, CostsOverTime, Scenarios, Comparison,
// FeedbackBalance, FeedbackFactors, FeedbackSections) take plain input
// structs and a Lang (NewLang: the locale's number formats and the words of
// the site language's translation file, keys chart_*); every text they
// produce (captions, axis and bar labels, table cells) is in that language
// and number format. The same input gives byte-identical output.
//
// # HTML
//
// The theme renders a Figure exactly like this (html/template; Figure.HTML
// executes this very template):
//
//	<figure class="chart chart-{{.Kind}}" id="{{.ID}}-figure" aria-labelledby="{{.ID}}-caption">
//	<figcaption id="{{.ID}}-caption">{{.Caption}}</figcaption>
//	<div class="chart-canvas" id="{{.ID}}" role="img" aria-label="{{.AriaLabel}}" hidden></div>
//	<script type="application/json" data-chart="{{.ID}}">{{.Options}}</script>
//	<div class="table-scroll" tabindex="0" role="group" aria-labelledby="{{.ID}}-caption"><table class="chart-table"{{if .Table.Sortable}} data-sortable{{end}}>
//	{{- with .Table.Caption}}<caption>{{.}}</caption>{{end}}
//	{{with .Table.Header}}<thead><tr>{{range .}}<th scope="col">{{.}}</th>{{end}}</tr></thead>{{end}}
//	<tbody>
//	{{- range .Table.Rows}}
//	<tr>{{range $i, $c := .}}{{if eq $i 0}}<th scope="row"{{else}}<td{{end}}
//	{{- with $c.Class}} class="{{.}}"{{end}}{{with $c.Sort}} data-sort="{{.}}"{{end}}{{if $c.Amount}} data-amount{{end}}
//	{{- if and $i (lt $i (len $.Table.Header))}} data-label="{{index $.Table.Header $i}}"{{end}}>
//	{{- if $c.URL}}<a href="{{$c.URL}}">{{$c.Text}}</a>{{else}}{{$c.Text}}{{end}}
//	{{- if eq $i 0}}</th>{{else}}</td>{{end}}{{end}}</tr>
//	{{- end}}
//	</tbody>
//	</table></div>
//	</figure>
//
// Options is a template.JS holding JSON in which <, > and & are written as
// \u003c, \u003e and \u0026 (and "{{" as "{\u007b"), so it is safe inside
// <script type="application/json">; html/template inserts it unchanged.
//
// The canvas starts hidden; /js/charts.js (deferred, after
// /js/echarts.min.js) reads every script[type="application/json"][data-chart],
// un-hides the element with that id and draws the chart with the SVG
// renderer. Without JavaScript, or if ECharts fails to load, the figure shows
// the caption and the table. The canvas needs a size from CSS, for example
// .chart-canvas { width: 100%; height: 20rem; }.
//
// Number formats in axis labels and tooltips: ECharts formats numbers the
// English way and JSON carries no functions, so axes and tooltips carry a
// "klartextFormat" object ({locale, style, currency, digits, min, max}) that
// charts.js turns into an Intl.NumberFormat formatter. Bar labels are
// formatted here, with package locale.
//
// # Skeletons
//
// A build draws thousands of costs, costs-over-time and scenarios charts,
// and go-echarts spends most of a chart's time on reflection. A
// *Skeletons (methods Costs, CostsOverTime, Scenarios) builds each shape
// of chart (kind, locale, currency, number of bars) once with go-echarts,
// with sentinels where a product's values go, keeps the JSON cut at them,
// and fills in every further product's values with an encoder that writes
// exactly what encoding/json writes. The result is byte-identical to the
// package function of the same name (skeleton_test.go checks this over
// random and hostile inputs); values that would change the structure (a
// NaN that becomes no value, an empty text) take the direct path. A nil
// *Skeletons always takes it: the build's reference mode.
//
// # Markdown
//
// ParseSpec reads the body of a ```chart fence (YAML: type, product); errors
// are *SpecError with a line number relative to the fence body.
package chart
