#!/bin/sh
# Builds the theme's Apache ECharts from its npm package, with only the chart
# types, components and the SVG renderer generator/chart uses (listed in
# scripts/echarts-entry.js: bar, line and scatter; grid, title, legend,
# tooltip, aria), so the site serves it itself (no CDN) and a chart page
# loads about 180 KB compressed instead of the 220 KB of the "common" build.
# Run `npm ci` first: echarts and esbuild, the bundler, are pinned exactly in
# package.json / package-lock.json (devDependencies; nothing of this runs
# when a site is built). The same versions give the same file.
set -eu
cd "$(dirname "$0")/.."

src=node_modules/echarts
zr=node_modules/zrender
dst=themes/klartext/static/js

if [ ! -f "$src/package.json" ] || [ ! -x node_modules/.bin/esbuild ]; then
	echo "vendor-echarts: $src or esbuild not found; run 'npm ci' first" >&2
	exit 1
fi

version=$(sed -n 's/^[[:space:]]*"version":[[:space:]]*"\([^"]*\)".*/\1/p' "$src/package.json" | head -n 1)
mkdir -p "$dst"
node_modules/.bin/esbuild scripts/echarts-entry.js --bundle --minify --format=iife --target=es2017 \
	--legal-comments=none --log-level=warning --outfile="$dst/echarts.min.js"
cp "$src/NOTICE" "$dst/echarts.NOTICE.txt"
{
	echo "Apache ECharts $version, the parts in scripts/echarts-entry.js bundled by scripts/vendor-echarts.sh (esbuild $(node_modules/.bin/esbuild --version))"
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
echo "vendor-echarts: built echarts $version into $dst/echarts.min.js"
