// 区划: /regions/{code}.
import { http } from './client';
import type { Region } from './types';

/** GET /regions/{code} → the region with its path from the top and its children. */
export function getRegionApi(code: string): Promise<Region> {
  return http.get<Region>(`/regions/${encodeURIComponent(code)}`);
}
