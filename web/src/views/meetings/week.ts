// Dates of the meetings list: ISO dates (YYYY-MM-DD) handled as UTC days, weeks from
// Monday, so grouping never depends on the browser's time zone.

export function parseDay(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, (m || 1) - 1, d || 1));
}

export function formatDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  const d = parseDay(iso);
  d.setUTCDate(d.getUTCDate() + days);
  return formatDay(d);
}

/** The Monday of the week of `iso`. */
export function weekStart(iso: string): string {
  const d = parseDay(iso);
  const back = (d.getUTCDay() + 6) % 7;
  return addDays(iso, -back);
}

/** 0 = Monday … 6 = Sunday. */
export function weekday(iso: string): number {
  return (parseDay(iso).getUTCDay() + 6) % 7;
}

/** Items grouped by the Monday of their week, weeks in ascending order. */
export function groupByWeek<T extends { date: string }>(items: T[]): { week: string; items: T[] }[] {
  const groups = new Map<string, T[]>();
  for (const item of [...items].sort((a, b) => a.date.localeCompare(b.date))) {
    const key = weekStart(item.date);
    const list = groups.get(key) ?? [];
    list.push(item);
    groups.set(key, list);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([week, list]) => ({ week, items: list }));
}
