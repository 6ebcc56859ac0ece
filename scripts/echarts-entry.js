// The parts of Apache ECharts the theme's charts use, and no more:
// generator/chart draws bar, line and scatter series on a grid, with
// title, legend, tooltip and aria, through the SVG renderer
// (themes/klartext/static/js/charts.js). scripts/vendor-echarts.sh bundles
// this file into themes/klartext/static/js/echarts.min.js. A chart type or
// component generator/chart starts to use must be added here, or its
// chart stays empty (the browser suite's TestChartsRender fails).
import * as echarts from 'echarts/core';
import { BarChart, LineChart, ScatterChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, ScatterChart, AriaComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent, SVGRenderer]);

window.echarts = echarts;
