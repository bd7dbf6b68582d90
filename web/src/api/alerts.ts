// 预警: /alerts/{code}?kind= — households flagged as possible wrong exits (错退),
// eligible but not exited, or possibly missed (漏评).
import { http } from './client';
import { normalizeHouseholdSummary } from './households';
import type { PollOptions } from './indicators';
import type { AlertKind, HouseholdSummary, Page } from './types';

/** GET /alerts/{code}?kind=&page=&page_size= → a page of households. */
export async function listAlertsApi(
  code: string,
  kind: AlertKind,
  page = 1,
  pageSize = 10,
  options: PollOptions = {},
): Promise<Page<HouseholdSummary>> {
  const raw = await http.get<Page<Record<string, unknown>>>(`/alerts/${encodeURIComponent(code)}`, {
    query: { kind, page, page_size: pageSize },
    silent: options.silent,
  });
  return { ...raw, items: (raw.items ?? []).map(normalizeHouseholdSummary) };
}
