// 建档立卡户: the registry list, one household, its export, and the procedures and
// monitoring flags started from a household.
//
// docs/api.md names the routes and the household fields (those of the registry's
// JSON) but not every wrapper; the normalisers below accept the household either at
// the top level or under "household", criteria either at the top level or under
// "verdict", and names either as {zh, en} or as name_zh/name_en — one place to adjust
// if the server settles on one of them.
import { download, http } from './client';
import type {
  Criterion,
  GuaranteeValue,
  HistoryEntry,
  HouseholdAction,
  HouseholdDetail,
  HouseholdFilters,
  HouseholdSummary,
  LocalizedText,
  Member,
  Page,
  Procedure,
  ProcedureKind,
  ProcedureStep,
  RegionRef,
} from './types';

type Raw = Record<string, unknown>;

function str(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function obj(value: unknown): Raw {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Raw) : {};
}

function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function text(raw: Raw, key: string): LocalizedText {
  const value = raw[key];
  if (typeof value === 'string') return { zh: value, en: value };
  const pair = obj(value);
  const zh = str(pair.zh) || str(raw[`${key}_zh`]);
  const en = str(pair.en) || str(raw[`${key}_en`]);
  return { zh: zh || en, en: en || zh };
}

function regionRef(raw: Raw): RegionRef {
  const village = raw.village;
  if (village && typeof village === 'object') {
    const v = village as Raw;
    return { code: str(v.code), name: str(v.name), level: 'village' };
  }
  return { code: str(village), name: str(raw.village_name), level: 'village' };
}

function headName(raw: Raw): string {
  if (typeof raw.head_name === 'string') return raw.head_name;
  if (typeof raw.head === 'string') return raw.head;
  if (raw.head && typeof raw.head === 'object') return str((raw.head as Raw).name);
  const first = obj(arr(raw.members)[0]);
  return str(first.name);
}

export function normalizeHouseholdSummary(raw: Raw): HouseholdSummary {
  const income = obj(raw.income);
  const members = raw.members;
  const persons = num(raw.persons) ?? (Array.isArray(members) ? members.length : num(members)) ?? 0;
  const eligible = raw.eligible ?? raw.eligible_to_exit;
  return {
    id: str(raw.id),
    head_name: headName(raw),
    village: regionRef(raw),
    group: str(raw.group),
    status: str(raw.status) as HouseholdSummary['status'],
    attribute: str(raw.attribute) as HouseholdSummary['attribute'],
    main_cause: str(raw.main_cause),
    persons,
    per_capita_net: num(raw.per_capita_net) ?? num(income.per_capita_net),
    eligible: typeof eligible === 'boolean' ? eligible : null,
    failing: arr(raw.failing ?? raw.failures).map(str).filter(Boolean),
  };
}

function normalizeCriterion(raw: Raw): Criterion {
  return { rule: str(raw.rule ?? raw.rule_id), name: text(raw, 'name'), pass: raw.pass === true, reason: text(raw, 'reason') };
}

/** A {zh, en} pair from `key` ({zh,en}, or key_zh/key_en); null when the server sent neither. */
function optionalText(raw: Raw, key: string): LocalizedText | null {
  const value = text(raw, key);
  return value.zh || value.en ? value : null;
}

/** "user:town" → "town": the server records actors with their kind. */
/** {zh, en} from key_zh/key_en only (the code itself stays in `key`). */
function suffixText(raw: Raw, key: string): LocalizedText | null {
  const zh = str(raw[`${key}_zh`]);
  const en = str(raw[`${key}_en`]);
  return zh || en ? { zh: zh || en, en: en || zh } : null;
}

function actorName(value: unknown): string {
  return str(value).replace(/^user:/, '');
}

function normalizeStep(raw: Raw, index: number): ProcedureStep {
  return {
    seq: num(raw.seq) ?? index + 1,
    step: str(raw.step),
    name: optionalText(raw, 'name'),
    actor: actorName(raw.actor_name ?? raw.actor),
    date: str(raw.date),
    note: str(raw.note ?? raw.reason),
    state_after: str(raw.state_after),
  };
}

/** next_steps arrive as codes, as {step, name_zh, name_en} (procedure routes) or {code, name: {zh, en}} (household page). */
function normalizeNextSteps(raw: Raw): { codes: string[]; names: Record<string, LocalizedText> } {
  const codes: string[] = [];
  const names: Record<string, LocalizedText> = {};
  for (const item of arr(raw.next_steps ?? (raw.next_step ? [raw.next_step] : []))) {
    if (typeof item === 'string') {
      if (item) codes.push(item);
      continue;
    }
    const n = obj(item);
    const code = str(n.step ?? n.code);
    if (!code) continue;
    codes.push(code);
    const name = optionalText(n, 'name');
    if (name) names[code] = name;
  }
  return { codes, names };
}

export function normalizeProcedure(raw: Raw): Procedure {
  const next = normalizeNextSteps(raw);
  return {
    id: num(raw.id) ?? 0,
    kind: str(raw.kind),
    state: str(raw.state),
    outcome: str(raw.outcome) || 'open',
    opened_at: str(raw.opened_at),
    closed_at: str(raw.closed_at),
    version: num(raw.version) ?? 0,
    steps: arr(raw.steps).map((s, i) => normalizeStep(obj(s), i)),
    next_steps: next.codes,
    kind_name: suffixText(raw, 'kind'),
    state_name: suffixText(raw, 'state'),
    step_names: next.names,
  };
}

/**
 * A row of the household's version history: {at, actor, action, note} as docs/api.md
 * leaves open, or the registry's own {version, changed_at, actor, source}.
 */
function normalizeHistory(raw: Raw): HistoryEntry {
  const version = num(raw.version);
  return {
    at: str(raw.at ?? raw.date ?? raw.recorded_at ?? raw.changed_at),
    actor: actorName(raw.actor_name ?? raw.actor),
    action: str(raw.action ?? raw.what ?? raw.kind),
    note: str(raw.note ?? raw.detail ?? raw.source),
    ...(version !== null ? { version } : {}),
  };
}

function normalizeAction(raw: unknown): HouseholdAction {
  if (typeof raw === 'string') return { name: raw };
  const a = obj(raw);
  const procedureId = num(a.procedure_id);
  return {
    name: str(a.name ?? a.action),
    ...(procedureId !== null ? { procedure_id: procedureId } : {}),
    ...(a.step ? { step: str(a.step) } : {}),
  };
}

function normalizeMember(raw: Raw): Member {
  return {
    id_number: str(raw.id_number),
    name: str(raw.name),
    sex: str(raw.sex),
    birth_date: str(raw.birth_date),
    relation: str(raw.relation),
    ethnicity: str(raw.ethnicity),
    education: str(raw.education),
    schooling: str(raw.schooling),
    health: str(raw.health),
    labour: str(raw.labour),
    migrant_work: str(raw.migrant_work),
  };
}

export function normalizeHouseholdDetail(body: Raw, unmasked = false): HouseholdDetail {
  const h = body.household && typeof body.household === 'object' ? (body.household as Raw) : body;
  const verdict = obj(body.verdict ?? h.verdict);
  const income = obj(h.income);
  const cadre = obj(h.cadre);
  const guarantees: Record<string, GuaranteeValue> = {};
  for (const [k, v] of Object.entries(obj(h.guarantees))) guarantees[k] = str(v) as GuaranteeValue;
  const village = regionRef(h);
  if (!village.name) village.name = str(body.village_name);
  const eligible = verdict.eligible_to_exit ?? body.eligible_to_exit ?? h.eligible_to_exit;
  return {
    id: str(h.id),
    village,
    group: str(h.group),
    attribute: str(h.attribute) as HouseholdDetail['attribute'],
    main_cause: str(h.main_cause),
    other_causes: arr(h.other_causes).map(str),
    status: str(h.status) as HouseholdDetail['status'],
    registration_year: num(h.registration_year) || null,
    exit_year: num(h.exit_year),
    monitoring_category: (str(h.monitoring_category) || 'none') as HouseholdDetail['monitoring_category'],
    phone: str(h.phone),
    cadre: { name: str(cadre.name), phone: str(cadre.phone), unit: str(cadre.unit) },
    income: {
      wages: num(income.wages) ?? 0,
      production: num(income.production) ?? 0,
      property: num(income.property) ?? 0,
      transfer: num(income.transfer) ?? 0,
      production_costs: num(income.production_costs) ?? 0,
      per_capita_net: num(income.per_capita_net) ?? num(h.per_capita_net) ?? 0,
    },
    guarantees,
    members: arr(h.members).map((m) => normalizeMember(obj(m))),
    version: num(h.version) ?? 0,
    eligible_to_exit: typeof eligible === 'boolean' ? eligible : null,
    criteria: arr(verdict.criteria ?? body.criteria ?? h.criteria).map((c) => normalizeCriterion(obj(c))),
    procedures: arr(body.procedures ?? h.procedures).map((p) => normalizeProcedure(obj(p))),
    history: arr(body.history ?? h.history).map((e) => normalizeHistory(obj(e))),
    actions: arr(body.actions ?? h.actions).map(normalizeAction).filter((a) => a.name),
    unmasked,
  };
}

function filterQuery(filters: HouseholdFilters) {
  return {
    region: filters.region,
    status: filters.status,
    attribute: filters.attribute,
    cause: filters.cause,
    failing: filters.failing,
    q: filters.q?.trim(),
    sort: filters.sort,
  };
}

/** GET /households?region=&status=&attribute=&cause=&failing=&q=&sort=name&page=&page_size=. */
export async function listHouseholdsApi(filters: HouseholdFilters): Promise<Page<HouseholdSummary>> {
  const raw = await http.get<Page<Raw>>('/households', {
    query: { ...filterQuery(filters), page: filters.page, page_size: filters.page_size },
  });
  return { ...raw, items: (raw.items ?? []).map(normalizeHouseholdSummary) };
}

/** GET /households/{id}?unmasked=0|1 (unmasked is audited and only for roles that may). */
export async function getHouseholdApi(id: string, unmasked = false): Promise<HouseholdDetail> {
  const raw = await http.get<Raw>(`/households/${encodeURIComponent(id)}`, { query: { unmasked: unmasked ? 1 : 0 } });
  return normalizeHouseholdDetail(raw, unmasked);
}

/** GET /households/export.xlsx?…same filters — saved as a file (audited by the server). */
export function exportHouseholdsApi(filters: HouseholdFilters, fallbackName: string): Promise<void> {
  return download('/households/export.xlsx', filterQuery(filters), fallbackName);
}

/** GET /procedures/{pid}: one procedure with its steps. */
export async function getProcedureApi(procedureId: number): Promise<Procedure> {
  const raw = await http.get<Raw>(`/procedures/${procedureId}`);
  return normalizeProcedure(obj(raw?.procedure ?? raw));
}

/** POST /households/{id}/procedures {kind, date, note} → the procedure. */
export async function startProcedureApi(id: string, kind: ProcedureKind, date: string, note: string): Promise<Procedure> {
  const raw = await http.post<Raw>(`/households/${encodeURIComponent(id)}/procedures`, { kind, date, note });
  return normalizeProcedure(obj(raw?.procedure ?? raw));
}

/** POST /procedures/{pid}/steps {step, date, note, expected_version}; 409 when the procedure moved on. */
export async function recordStepApi(
  procedureId: number,
  step: string,
  date: string,
  note: string,
  expectedVersion: number,
): Promise<Procedure> {
  const raw = await http.post<Raw>(`/procedures/${procedureId}/steps`, {
    step,
    date,
    note,
    expected_version: expectedVersion,
  });
  return normalizeProcedure(obj(raw?.procedure ?? raw));
}

/** POST /procedures/{pid}/reject {date, reason, expected_version}. */
export async function rejectProcedureApi(
  procedureId: number,
  date: string,
  reason: string,
  expectedVersion: number,
): Promise<Procedure> {
  const raw = await http.post<Raw>(`/procedures/${procedureId}/reject`, {
    date,
    reason,
    expected_version: expectedVersion,
  });
  return normalizeProcedure(obj(raw?.procedure ?? raw));
}

/** POST /households/{id}/monitoring {category, trigger, date}. */
export function flagMonitoringApi(id: string, category: string, trigger: string, date: string): Promise<unknown> {
  return http.post<unknown>(`/households/${encodeURIComponent(id)}/monitoring`, { category, trigger, date });
}
