// 区划: /regions/{code}.
import { http } from './client';
import type { Region } from './types';

/** GET /regions/{code} → the region with its path from the top and its children. */
export function getRegionApi(code: string): Promise<Region> {
  return http.get<Region>(`/regions/${encodeURIComponent(code)}`);
}

/** Names of villages by 12-digit code, per town, read once per town and page load. */
const townChildren = new Map<string, Promise<Map<string, string>>>();

/**
 * The names of the villages `codes` (any length; compared as 12 digits), read from their
 * towns' children. A town that cannot be read gives no names (never an error).
 */
export async function villageNamesApi(codes: string[]): Promise<Map<string, string>> {
  const towns = new Set(codes.map((c) => c.padEnd(12, '0').slice(0, 9)));
  const out = new Map<string, string>();
  await Promise.all(
    [...towns].map(async (town) => {
      let names = townChildren.get(town);
      if (!names) {
        names = http
          .get<Region>(`/regions/${town}`, { silent: true })
          .then((r) => new Map((r.children ?? []).map((c) => [c.code.padEnd(12, '0'), c.name] as [string, string])))
          .catch(() => {
            townChildren.delete(town);
            return new Map<string, string>();
          });
        townChildren.set(town, names);
      }
      for (const [code, name] of await names) out.set(code, name);
    }),
  );
  return out;
}

const regionNames = new Map<string, Promise<string>>();

/** The names of the regions `codes`, by code as given; one GET /regions/{code} per code and page load. */
export async function regionNamesApi(codes: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  await Promise.all(
    [...new Set(codes.filter(Boolean))].map(async (code) => {
      let name = regionNames.get(code);
      if (!name) {
        name = http
          .get<Region>(`/regions/${encodeURIComponent(code)}`, { silent: true })
          .then((r) => r.name ?? '')
          .catch(() => {
            regionNames.delete(code);
            return '';
          });
        regionNames.set(code, name);
      }
      const value = await name;
      if (value) out.set(code, value);
    }),
  );
  return out;
}
