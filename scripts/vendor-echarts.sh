#!/bin/sh
# Copies Apache ECharts from node_modules into the theme, so the site serves
# it itself (no CDN). Run `npm ci` first; the version is pinned exactly in
# package.json / package-lock.json.
#
# We ship dist/echarts.common.min.js: it has the bar, line, pie and scatter
# charts, the SVG renderer and the title, legend, tooltip, grid, markPoint,
# markLine, graphic and aria components, which is all generator/chart uses
# (~220 KB gzipped against ~335 KB for the full build). If generator/chart
# starts using another chart type or component (visualMap, for one, is not
# in the common build), switch to dist/echarts.min.js.
set -eu
cd "$(dirname "$0")/.."

src=node_modules/echarts
zr=node_modules/zrender
dst=themes/klartext/static/js

if [ ! -f "$src/dist/echarts.common.min.js" ]; then
	echo "vendor-echarts: $src not found; run 'npm ci' first" >&2
	exit 1
fi

version=$(sed -n 's/^[[:space:]]*"version":[[:space:]]*"\([^"]*\)".*/\1/p' "$src/package.json" | head -n 1)
mkdir -p "$dst"
cp "$src/dist/echarts.common.min.js" "$dst/echarts.min.js"
cp "$src/NOTICE" "$dst/echarts.NOTICE.txt"
{
	echo "Apache ECharts $version (dist/echarts.common.min.js), vendored by scripts/vendor-echarts.sh"
	echo "It bundles ZRender (BSD-3-Clause), parts of d3.js (BSD-3-Clause) and tslib (0BSD)."
	echo
	echo "========================================================================"
	echo "Apache ECharts: $src/LICENSE"
	echo "========================================================================"
	cat "$src/LICENSE"
	echo
	echo "========================================================================"
	echo "d3.js: $src/licenses/LICENSE-d3"
	echo "========================================================================"
	cat "$src/licenses/LICENSE-d3"
	echo
	echo "========================================================================"
	echo "ZRender: $zr/LICENSE"
	echo "========================================================================"
	cat "$zr/LICENSE"
} >"$dst/echarts.LICENSE.txt"
echo "vendor-echarts: copied echarts $version to $dst/echarts.min.js"
