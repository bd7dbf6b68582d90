// 预警: /alerts/{code}?kind= — households flagged as possible wrong exits (错退),
// eligible but not exited, or possibly missed (漏评).
import { http } from './client';
import { normalizeHouseholdSummary } from './households';
import type { PollOptions } from './indicators';
import { villageNamesApi } from './regions';
import type { AlertKind, HouseholdSummary, Page } from './types';

/**
 * GET /alerts/{code}?kind=&page=&page_size= → a page of households. The rows may come
 * without their village's name; those names are then read from the villages' towns
 * (GET /regions/{town}, remembered), so the panel never shows a bare code it can name.
 */
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
  const items = (raw.items ?? []).map(normalizeHouseholdSummary);
  const unnamed = items.filter((row) => !row.village.name && row.village.code).map((row) => row.village.code);
  if (unnamed.length) {
    const names = await villageNamesApi(unnamed);
    for (const row of items) {
      if (!row.village.name) row.village.name = names.get(row.village.code.padEnd(12, '0')) ?? '';
    }
  }
  return { ...raw, items };
}
