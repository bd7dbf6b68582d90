// 帮扶走访: a responsible cadre's households and visits, their photos, and the
// help-day compliance 走访合规 of a region (notes/api-contract.md "Visits").
// The visit form never calls createVisitApi directly: it goes through the offline
// queue (src/offline/visit-queue.ts), which sends with these functions.
import { API_BASE, http, type RequestOptions } from './client';
import type { ComplianceReport, MyHouseholds, Visit, VisitDraft, VisitPhoto } from './types';
import { arr, id, labels, num, obj, type Raw, ref, regionRef, str, term } from './normalize';

function normalizePhoto(raw: Raw, visitId: number | string): VisitPhoto {
  const sha = str(raw.sha256);
  const url = str(raw.url);
  return {
    sha256: sha,
    type: str(raw.type),
    size: num(raw.size),
    url: url || `${API_BASE}/visits/${encodeURIComponent(String(visitId))}/photos/${sha}`,
  };
}

export function normalizeVisit(raw: Raw): Visit {
  const visitId = id(raw.id);
  const location = obj(raw.location);
  return {
    id: visitId,
    client_id: str(raw.client_id),
    household_id: str(raw.household_id),
    head_name: str(raw.head_name),
    village: regionRef(raw.village),
    cadre: ref(raw.cadre),
    date: str(raw.date),
    time: str(raw.time),
    kind: term(raw, 'kind'),
    measures: arr(raw.measures).map((m) => (typeof m === 'string' ? { code: m, zh: m, en: m } : term({ m: obj(m) }, 'm'))),
    problems: arr(raw.problems).map((p) => {
      const r = obj(p);
      return { id: id(r.id), description: str(r.description), category: str(r.category), status: term(r, 'status') };
    }),
    notes: str(raw.notes),
    location: typeof location.lat === 'number' && typeof location.lng === 'number' ? { lat: location.lat, lng: location.lng } : null,
    photos: arr(raw.photos).map((p) => normalizePhoto(obj(p), visitId)),
    recorded_at: str(raw.recorded_at),
    recorded_by: str(raw.recorded_by),
  };
}

/** The answer of POST /visits: the visit as stored, and whether it was already there. */
export interface CreateVisitResult {
  visit: Visit;
  duplicate: boolean;
}

/**
 * POST /visits → 201 {visit, duplicate:false}, or 200 {visit, duplicate:true} when the
 * client_id was already stored. Silent and without the login redirect: the queue keeps
 * the visit and shows why it was not sent.
 */
export async function createVisitApi(draft: VisitDraft, signal?: AbortSignal): Promise<CreateVisitResult> {
  const raw = obj(await http.post<Raw>('/visits', draft, { silent: true, noAuthRedirect: true, signal }));
  return { visit: normalizeVisit(obj(raw.visit ?? raw)), duplicate: raw.duplicate === true };
}

/** POST /visits/{vid}/photos with the raw image → {sha256, type, size, url}. */
export async function uploadVisitPhotoApi(visitId: number | string, photo: Blob, signal?: AbortSignal): Promise<VisitPhoto> {
  const raw = await http.postRaw<Raw>(`/visits/${encodeURIComponent(String(visitId))}/photos`, photo, photo.type || 'image/jpeg', {
    silent: true,
    noAuthRedirect: true,
    signal,
  });
  return normalizePhoto(obj(raw), visitId);
}

/** GET /households/{id}/visits → the household's visits, newest first as the server orders them. */
export async function listHouseholdVisitsApi(householdId: string, options: RequestOptions = {}): Promise<{ items: Visit[]; total: number }> {
  const raw = await http.get<unknown>(`/households/${encodeURIComponent(householdId)}/visits`, options);
  const items = (Array.isArray(raw) ? raw : arr(obj(raw).items)).map((v) => normalizeVisit(obj(v)));
  return { items, total: num(obj(raw).total, items.length) };
}

/** GET /me/households → the signed-in responsible cadre's households and the current cycle. */
export async function getMyHouseholdsApi(options: RequestOptions = {}): Promise<MyHouseholds> {
  const raw = obj(await http.get<Raw>('/me/households', options));
  const cadre = obj(raw.cadre);
  const cycle = obj(raw.cycle);
  const items = arr(raw.items).map((h) => {
    const r = obj(h);
    const last = obj(r.last_visit);
    return {
      id: str(r.id),
      head_name: str(r.head_name),
      village: regionRef(r.village),
      group: str(r.group),
      status: str(r.status),
      status_name: labels(r, 'status'),
      persons: num(r.persons),
      last_visit: str(last.date) ? { date: str(last.date), kind: str(last.kind) } : null,
      visited_this_cycle: r.visited_this_cycle === true,
    };
  });
  return {
    cadre: { id: id(cadre.id), name: str(cadre.name), unit: ref(cadre.unit), phone: str(cadre.phone) },
    today: str(raw.today),
    cycle: { help_day: str(cycle.help_day), start: str(cycle.start), end: str(cycle.end), next_help_day: str(cycle.next_help_day) },
    items,
    due: num(raw.due, items.filter((i) => !i.visited_this_cycle).length),
  };
}

function figures(r: Raw) {
  return {
    cadres: num(r.cadres),
    households_due: num(r.households_due),
    households_visited: num(r.households_visited),
    rate: num(r.rate),
  };
}

export function normalizeCompliance(raw: Raw): ComplianceReport {
  const region = obj(raw.region);
  const cycle = obj(raw.cycle);
  const summary = obj(raw.summary);
  return {
    region: { code: str(region.code), name: str(region.name), level: str(region.level) },
    today: str(raw.today),
    cycle: { help_day: str(cycle.help_day), start: str(cycle.start), end: str(cycle.end) },
    cycles: arr(raw.cycles).map(str).filter(Boolean),
    summary: { ...figures(summary), cadres_all_visited: num(summary.cadres_all_visited) },
    children: arr(raw.children).map((c) => {
      const r = obj(c);
      return { ...figures(r), code: str(r.code), name: str(r.name), level: str(r.level), idle_cadres: num(r.idle_cadres) };
    }),
    units: arr(raw.units).map((u) => {
      const r = obj(u);
      return { ...figures(r), id: id(r.id), name: str(r.name) };
    }),
    idle: arr(raw.idle).map((i) => {
      const r = obj(i);
      return {
        cadre: ref(r.cadre),
        unit: ref(r.unit),
        households: num(r.households),
        cycles_without_visit: num(r.cycles_without_visit),
        last_visit_date: str(r.last_visit_date) || null,
      };
    }),
    idle_cycles: num(raw.idle_cycles),
  };
}

/** GET /compliance/{code}?cycle= → help-day compliance of a region for one cycle (default: the current one). */
export async function getComplianceApi(code: string, cycle?: string, options: RequestOptions = {}): Promise<ComplianceReport> {
  const raw = await http.get<Raw>(`/compliance/${encodeURIComponent(code)}`, { ...options, query: { cycle } });
  return normalizeCompliance(obj(raw));
}
