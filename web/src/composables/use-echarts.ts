// ECharts, registered once with only the modules the dashboard draws: bar, line,
// pie and treemap charts, with grid, tooltip and legend, on the canvas renderer.
import { use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { BarChart, LineChart, PieChart, TreemapChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';

use([CanvasRenderer, BarChart, LineChart, PieChart, TreemapChart, GridComponent, LegendComponent, TooltipComponent]);

export { default as VChart } from 'vue-echarts';
export type { EChartsOption } from 'echarts';

/** Colour for an incidence percent: green at 0, amber at the 3% exit threshold, red from 10%. */
export function incidenceColor(percent: number): string {
  if (!Number.isFinite(percent) || percent <= 0) return '#2e9d5b';
  if (percent < 3) return '#7cb342';
  if (percent < 6) return '#f2a93b';
  if (percent < 10) return '#e8684a';
  return '#c23531';
}
