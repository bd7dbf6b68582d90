// The server's "today" (the demo county describes 2020-10-20), for pages whose own
// answers do not carry it: from GET /campaigns, else GET /tasks/summary/{scope}, else
// the browser's date. Read once per page load.
import { listCampaignsApi } from '@/api/structure';
import { getTaskSummaryApi } from '@/api/worklists';
import { todayIso } from '@/utils/format';

let cached: Promise<string> | null = null;

export function serverToday(scopeCode: string): Promise<string> {
  cached ??= listCampaignsApi({ silent: true })
    .then((c) => c.today || Promise.reject(new Error('no today')))
    .catch(() => getTaskSummaryApi(scopeCode, { silent: true }).then((s) => s.today || Promise.reject(new Error('no today'))))
    .catch(() => todayIso());
  return cached;
}
