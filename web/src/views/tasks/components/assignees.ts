// Who a task can be issued to: the towns of the user's county (GET /regions/{county})
// and the units. The API has no list of units of its own, so they are gathered from
// what names them: the helping units of the compliance report (GET /compliance),
// the assignees of the tasks already issued (GET /tasks) and the units of the first 500
// cadres (GET /cadres). Read once per page load.
import { getRegionApi } from '@/api/regions';
import { listCadresApi } from '@/api/structure';
import { getComplianceApi } from '@/api/visits';
import { listTasksApi } from '@/api/worklists';

export interface AssigneeOption {
  type: 'unit' | 'town';
  id: string;
  name: string;
}

let cached: Promise<AssigneeOption[]> | null = null;

export function loadAssignees(scopeCode: string): Promise<AssigneeOption[]> {
  cached ??= (async () => {
    const county = scopeCode.slice(0, 6);
    const silent = { silent: true };
    const [region, cadres, compliance, tasks] = await Promise.all([
      getRegionApi(county).catch(() => null),
      listCadresApi({ page_size: 500 }, silent).catch(() => null),
      getComplianceApi(scopeCode, undefined, silent).catch(() => null),
      listTasksApi({ page_size: 500 }, silent).catch(() => null),
    ]);
    const towns: AssigneeOption[] = (region?.children ?? []).map((c) => ({ type: 'town', id: c.code.padEnd(12, '0'), name: c.name }));
    const units = new Map<string, AssigneeOption>();
    const add = (id: string | number, name: string) => {
      const key = String(id);
      if (key && name && !units.has(key)) units.set(key, { type: 'unit', id: key, name });
    };
    for (const u of compliance?.units ?? []) add(u.id, u.name);
    for (const t of tasks?.items ?? []) if (t.assignee.type === 'unit') add(t.assignee.id, t.assignee.name);
    for (const c of cadres?.items ?? []) add(c.unit.id, c.unit.name);
    const byName = (a: AssigneeOption, b: AssigneeOption) => a.name.localeCompare(b.name, 'zh-CN');
    return [...towns.sort(byName), ...[...units.values()].sort(byName)];
  })().catch(() => {
    cached = null;
    return [];
  });
  return cached;
}

/** Period labels around `today`: the year, its quarters and its months ("2020", "2020-Q3", "2020-09"). */
export function periodOptions(today: string, kind?: 'year' | 'quarter' | 'month'): string[] {
  const year = Number(today.slice(0, 4)) || new Date().getFullYear();
  const years = [String(year)];
  const quarters = [1, 2, 3, 4].map((q) => `${year}-Q${q}`);
  const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
  if (kind === 'year') return years;
  if (kind === 'quarter') return quarters;
  if (kind === 'month') return months;
  return [...years, ...quarters, ...months];
}
