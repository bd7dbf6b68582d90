// 结构与包保: the responsibility tree, the coverage audit 村村清、户户清, cadres and
// their reassignment, and the campaigns with their countdown (notes/api-contract.md
// "Structure, coverage, reassignment").
import { http, type RequestOptions } from './client';
import type {
  AssignmentRow,
  Cadre,
  CadreDetail,
  Campaign,
  CoverageCounts,
  CoverageReport,
  Holder,
  Page,
  ReassignRequest,
  ReassignResult,
  StructureChild,
  StructureNode,
  Term,
} from './types';
import { COVERAGE_COUNT_KEYS } from './types';
import { arr, id, num, obj, page, type Raw, ref, regionRef, str, term } from './normalize';

export function normalizeHolder(value: unknown): Holder | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Raw;
  if (!str(v.name) && v.id === undefined) return null;
  return { type: str(v.type) === 'unit' ? 'unit' : 'cadre', id: id(v.id), name: str(v.name), unit_name: str(v.unit_name) };
}

function normalizeAssignment(raw: Raw): AssignmentRow {
  return { id: id(raw.id), kind: term(raw, 'kind'), holder: normalizeHolder(raw.holder), date_from: str(raw.date_from), date_to: str(raw.date_to) };
}

function normalizeChild(raw: Raw): StructureChild {
  const type = str(raw.type) as StructureChild['type'];
  return {
    type,
    code: str(raw.code ?? raw.id),
    group: str(raw.group),
    name: str(raw.name),
    poor_village: raw.poor_village === true,
    status: str(raw.status),
    holder: normalizeHolder(raw.holder),
    gaps: num(raw.gaps),
  };
}

export function normalizeStructure(raw: Raw): StructureNode {
  const node = obj(raw.node);
  return {
    node: {
      code: str(node.code),
      name: str(node.name),
      level: str(node.level) as StructureNode['node']['level'],
      group: str(node.group),
      poor_village: node.poor_village === true,
    },
    assignments: arr(raw.assignments).map((a) => normalizeAssignment(obj(a))),
    gaps: arr(raw.gaps).map(str).filter(Boolean),
    children: arr(raw.children).map((c) => normalizeChild(obj(c))),
  };
}

/** GET /structure/{code}?group=&date= → one node of the tree with its holders, own gaps and children. */
export async function getStructureApi(code: string, group?: string, date?: string, options: RequestOptions = {}): Promise<StructureNode> {
  const raw = await http.get<Raw>(`/structure/${encodeURIComponent(code)}`, { ...options, query: { group, date } });
  return normalizeStructure(obj(raw));
}

function counts(raw: unknown): CoverageCounts {
  const r = obj(raw);
  return Object.fromEntries(COVERAGE_COUNT_KEYS.map((k) => [k, num(r[k])])) as CoverageCounts;
}

export function normalizeCoverage(raw: Raw): CoverageReport {
  const gaps: Record<string, CoverageReport['gaps'][string]> = {};
  for (const [kind, list] of Object.entries(obj(raw.gaps))) {
    gaps[kind] = arr(list).map((g) => {
      const r = obj(g);
      return { region: str(r.region), target: str(r.target), name: str(r.name) };
    });
  }
  const kinds: Term[] = arr(raw.gap_kinds).map((k) => {
    const r = obj(k);
    return term({ kind: r }, 'kind');
  });
  // Kinds the server listed gaps for but did not name still get a row.
  for (const kind of Object.keys(gaps)) if (!kinds.some((k) => k.code === kind)) kinds.push({ code: kind, zh: kind, en: kind });
  return {
    region: str(raw.region),
    name: str(raw.name),
    date: str(raw.date),
    total: counts(raw.total),
    children: arr(raw.children).map((c) => {
      const r = obj(c);
      return { region: str(r.region ?? r.code), name: str(r.name), counts: counts(r.counts) };
    }),
    gaps,
    gap_kinds: kinds,
    max_households_per_cadre: num(raw.max_households_per_cadre),
    overloaded_cadres: arr(raw.overloaded_cadres).map((c) => {
      const r = obj(c);
      return { cadre_id: id(r.cadre_id ?? r.id), name: str(r.name), households: num(r.households) };
    }),
  };
}

/** GET /coverage/{code}?date= → the coverage audit of a region. */
export async function getCoverageApi(code: string, date?: string, options: RequestOptions = {}): Promise<CoverageReport> {
  const raw = await http.get<Raw>(`/coverage/${encodeURIComponent(code)}`, { ...options, query: { date } });
  return normalizeCoverage(obj(raw));
}

export function normalizeCadre(raw: Raw): Cadre {
  return {
    id: id(raw.id),
    name: str(raw.name),
    unit: ref(raw.unit),
    post: str(raw.post),
    level: term(raw, 'level'),
    party_member: raw.party_member === true,
    phone: str(raw.phone),
    active_from: str(raw.active_from),
    active_to: str(raw.active_to),
    households: num(raw.households),
  };
}

/** GET /cadres?q=&unit=&page= → cadres (paginated). */
export async function listCadresApi(filters: { q?: string; unit?: string; page?: number; page_size?: number } = {}, options: RequestOptions = {}): Promise<Page<Cadre>> {
  const raw = await http.get<unknown>('/cadres', { ...options, query: { ...filters } });
  return page(raw, normalizeCadre);
}

/** GET /cadres/{id} → the cadre with their open assignments. */
export async function getCadreApi(cadreId: number | string, options: RequestOptions = {}): Promise<CadreDetail> {
  const raw = obj(await http.get<Raw>(`/cadres/${encodeURIComponent(String(cadreId))}`, options));
  const head = obj(raw.cadre ?? raw);
  return {
    ...normalizeCadre(head),
    may_reassign: (raw.may_reassign ?? head.may_reassign) === true,
    open_assignments: arr(raw.open_assignments ?? head.open_assignments).map((a) => {
      const r = obj(a);
      return {
        id: id(r.id),
        kind: term(r, 'kind'),
        target: str(r.target),
        target_name: str(r.target_name),
        region: regionRef(r.region),
        date_from: str(r.date_from),
      };
    }),
  };
}

/**
 * POST /cadres/{id}/reassign → every open assignment of the cadre moved to another.
 * Silent: the drawer shows the server's refusal (reassign.uncovered, reassign.load) itself.
 */
export async function reassignCadreApi(cadreId: number | string, body: ReassignRequest): Promise<ReassignResult> {
  const raw = obj(await http.post<Raw>(`/cadres/${encodeURIComponent(String(cadreId))}/reassign`, body, { silent: true }));
  return {
    moved: Array.isArray(raw.moved) ? raw.moved.length : num(raw.moved),
    taken: arr(raw.taken).map((t) => {
      const r = obj(t);
      return { to_cadre_id: id(r.to_cadre_id), assignments: num(r.assignments) };
    }),
    uncovered: arr(raw.uncovered).map(str).filter(Boolean),
    left_office: raw.left_office === true,
  };
}

/** GET /campaigns → the campaigns with their day number and days left. */
export async function listCampaignsApi(options: RequestOptions = {}): Promise<{ items: Campaign[]; today: string }> {
  const raw = obj(await http.get<Raw>('/campaigns', options));
  return {
    today: str(raw.today),
    items: arr(raw.items).map((c) => {
      const r = obj(c);
      return {
        id: id(r.id),
        name: str(r.name),
        region: regionRef(r.region),
        start: str(r.start),
        end: str(r.end),
        days_total: num(r.days_total),
        day_number: num(r.day_number),
        days_left: num(r.days_left),
        posts: arr(r.posts).map((p) => {
          const q = obj(p);
          const cadre = obj(q.cadre);
          return {
            level: str(q.level),
            region: str(q.region),
            name: str(q.name),
            role: str(q.role),
            role_zh: str(q.role_zh),
            cadre: cadre.id !== undefined || cadre.name ? { id: id(cadre.id), name: str(cadre.name) } : null,
          };
        }),
      };
    }),
  };
}
