// ECharts options of the dashboard, built from API data. Pure functions: labels come
// in through `t` and the vocabulary helpers, so they follow the current language.
import type { EChartsOption } from '@/composables/use-echarts';
import { incidenceColor } from '@/composables/use-echarts';
import type { ExitsPerYear, RegionIndicators } from '@/api/types';
import { causeLabel, CAUSES, CRITERIA, criterionLabel } from '@/utils/vocabulary';
import { formatCount, formatPercent } from '@/utils/format';

type Translate = (key: string, named?: Record<string, unknown>) => string;

const AXIS_LABEL = { color: '#606266', fontSize: 12 };

/** Incidence per child region, highest first, as horizontal bars. */
export function incidenceBarsOption(children: RegionIndicators[], t: Translate): EChartsOption {
  const rows = [...children].sort((a, b) => a.indicators.incidence.percent - b.indicators.incidence.percent);
  return {
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const p = (params as { dataIndex: number }[])[0];
        const r = rows[p.dataIndex];
        return `${r.name}<br/>${t('dashboard.incidence')}: ${formatPercent(r.indicators.incidence.percent)}<br/>${t(
          'dashboard.poorPersons',
        )}: ${formatCount(r.indicators.incidence.numerator)} / ${formatCount(r.indicators.incidence.denominator)}`;
      },
    },
    xAxis: { type: 'value', axisLabel: { ...AXIS_LABEL, formatter: '{value}%' } },
    yAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { ...AXIS_LABEL, width: 96, overflow: 'truncate' } },
    series: [
      {
        type: 'bar',
        name: t('dashboard.incidence'),
        data: rows.map((r) => ({
          value: r.indicators.incidence.percent,
          itemStyle: { color: incidenceColor(r.indicators.incidence.percent) },
        })),
        label: { show: true, position: 'right', formatter: (p: unknown) => formatPercent((p as { value: number }).value) },
        barMaxWidth: 18,
      },
    ],
  };
}

export interface TreemapNode {
  name: string;
  value: number;
  code: string;
  level: string;
}

/** Children sized by registered persons and coloured by incidence. */
export function regionTreemapOption(children: RegionIndicators[], t: Translate): EChartsOption {
  const data = children
    .filter((c) => c.indicators.persons > 0)
    .map((c) => ({
      name: c.name,
      value: c.indicators.persons,
      code: c.code,
      level: c.level,
      incidence: c.indicators.incidence.percent,
      itemStyle: { color: incidenceColor(c.indicators.incidence.percent) },
    }));
  return {
    tooltip: {
      formatter: (info: unknown) => {
        const d = (info as { data: (typeof data)[number] }).data;
        return `${d.name}<br/>${t('dashboard.persons')}: ${formatCount(d.value)}<br/>${t('dashboard.incidence')}: ${formatPercent(
          d.incidence,
        )}`;
      },
    },
    series: [
      {
        type: 'treemap',
        data,
        roam: false,
        nodeClick: false,
        breadcrumb: { show: false },
        width: '100%',
        height: '100%',
        top: 0,
        left: 0,
        label: {
          show: true,
          formatter: (p: unknown) => {
            const d = (p as { data: (typeof data)[number] }).data;
            return `${d.name}\n${formatPercent(d.incidence)}`;
          },
          fontSize: 12,
        },
        itemStyle: { borderColor: '#fff', borderWidth: 2, gapWidth: 2 },
      },
    ],
  };
}

/** Households exited per year (bars) and persons (line, right axis). */
export function exitsOption(rows: ExitsPerYear[], t: Translate): EChartsOption {
  return {
    grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, data: [t('dashboard.exitHouseholds'), t('dashboard.exitPersons')] },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: rows.map((r) => String(r.year)), axisLabel: AXIS_LABEL },
    yAxis: [
      { type: 'value', name: t('dashboard.unitHouseholds'), nameTextStyle: { align: 'left' }, axisLabel: AXIS_LABEL, minInterval: 1 },
      {
        type: 'value',
        name: t('dashboard.unitPersons'),
        nameTextStyle: { align: 'right' },
        axisLabel: AXIS_LABEL,
        splitLine: { show: false },
        minInterval: 1,
      },
    ],
    series: [
      {
        type: 'bar',
        name: t('dashboard.exitHouseholds'),
        data: rows.map((r) => r.households),
        itemStyle: { color: '#2e9d5b' },
        barMaxWidth: 28,
      },
      {
        type: 'line',
        name: t('dashboard.exitPersons'),
        yAxisIndex: 1,
        data: rows.map((r) => r.persons),
        itemStyle: { color: '#409eff' },
        smooth: true,
      },
    ],
  };
}

/** Households failing each guarantee criterion, with Chinese criterion names; zero counts kept out. */
export function failuresRows(failures: Record<string, number>): { rule: string; name: string; count: number }[] {
  const known = CRITERIA.filter((rule) => (failures[rule] ?? 0) > 0);
  const others = Object.keys(failures).filter((rule) => !CRITERIA.includes(rule) && failures[rule] > 0);
  return [...known, ...others].map((rule) => ({ rule, name: criterionLabel(rule), count: failures[rule] }));
}

export function failuresOption(failures: Record<string, number>, t: Translate): EChartsOption {
  const rows = failuresRows(failures).reverse();
  return {
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', axisLabel: AXIS_LABEL, minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: AXIS_LABEL },
    series: [
      {
        type: 'bar',
        name: t('dashboard.failingHouseholds'),
        data: rows.map((r) => ({ value: r.count, rule: r.rule })),
        itemStyle: { color: '#e8684a' },
        label: { show: true, position: 'right' },
        barMaxWidth: 18,
      },
    ],
  };
}

/** Households by main cause of poverty, with Chinese cause names. */
export function causesRows(causes: Record<string, number>): { code: string; name: string; count: number }[] {
  const order = [...CAUSES, ...Object.keys(causes).filter((c) => !(CAUSES as readonly string[]).includes(c))];
  return order
    .filter((code) => code !== 'none' && code !== '' && (causes[code] ?? 0) > 0)
    .map((code) => ({ code, name: causeLabel(code), count: causes[code] }));
}

export function causesOption(causes: Record<string, number>, t: Translate, compact = false): EChartsOption {
  const rows = causesRows(causes);
  return {
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: compact
      ? { bottom: 0, type: 'plain', itemWidth: 10, itemHeight: 10, textStyle: { fontSize: 11 } }
      : { orient: 'vertical', right: 0, top: 'middle', itemWidth: 10, itemHeight: 10 },
    series: [
      {
        type: 'pie',
        name: t('dashboard.causes'),
        radius: compact ? ['28%', '52%'] : ['35%', '65%'],
        center: compact ? ['50%', '38%'] : ['38%', '50%'],
        data: rows.map((r) => ({ name: r.name, value: r.count, code: r.code })),
        label: { show: !compact, formatter: '{b} {d}%' },
      },
    ],
  };
}
