// 指标: /indicators/{code} and its exits per year.
import { http } from './client';
import type { ExitsPerYear, IndicatorsResponse } from './types';

/** `silent`: a background refresh does not show its failure as a message. */
export interface PollOptions {
  silent?: boolean;
}

/** GET /indicators/{code}?depth=&year= → the region's indicators and its children's. */
export function getIndicatorsApi(
  code: string,
  depth = 1,
  year?: number,
  options: PollOptions = {},
): Promise<IndicatorsResponse> {
  return http.get<IndicatorsResponse>(`/indicators/${encodeURIComponent(code)}`, {
    query: { depth, year },
    silent: options.silent,
  });
}

/** GET /indicators/{code}/exits → households and persons exited per year, by year. */
export async function getExitsApi(code: string, options: PollOptions = {}): Promise<ExitsPerYear[]> {
  const rows = await http.get<ExitsPerYear[]>(`/indicators/${encodeURIComponent(code)}/exits`, {
    silent: options.silent,
  });
  return [...(Array.isArray(rows) ? rows : [])].sort((a, b) => a.year - b.year);
}
