// Types of the HTTP API v1 (docs/api.md). Field names are the server's; where the
// contract leaves a shape open, the api/*.ts functions normalise what arrives into
// these types in one place so that views never guess.

/** A message in both languages, as in the error envelope and the verdict reasons. */
export interface LocalizedText {
  zh: string;
  en: string;
}

export type Role =
  | 'admin'
  | 'county_hq'
  | 'org_dept'
  | 'town_commander'
  | 'village_staff'
  | 'responsible_cadre'
  | 'supervisor'
  | 'discipline'
  | 'viewer';

export const ROLES: readonly Role[] = [
  'admin',
  'county_hq',
  'org_dept',
  'town_commander',
  'village_staff',
  'responsible_cadre',
  'supervisor',
  'discipline',
  'viewer',
];

export type RegionLevel = 'nation' | 'province' | 'city' | 'county' | 'town' | 'village';

export interface RegionRef {
  code: string;
  name: string;
  level?: RegionLevel;
}

/** `user` of `/auth/login` and `/auth/me`. */
export interface User {
  id: number | string;
  username: string;
  display_name: string;
  role: Role;
  scope: RegionRef;
  must_change_password: boolean;
  disabled?: boolean;
}

export interface Session {
  user: User;
  csrf_token: string;
}

/** `GET /regions/{code}`. */
export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
  parent: string | null;
  path: { code: string; name: string }[];
  children: { code: string; name: string; level: RegionLevel; poor_village: boolean }[];
}

/** The indicators object carried by every region in `/indicators`. */
export interface Indicators {
  households: number;
  persons: number;
  poor_households: number;
  poor_persons: number;
  exited_households: number;
  exited_persons: number;
  incidence: { numerator: number; denominator: number; percent: number };
  eligible_not_exited: number;
  wrong_exits: number;
  missed: number;
  monitoring: { unstable_exited: number; marginal: number; sudden_hardship: number; risk_eliminated: number };
  avg_per_capita_net: number;
  failures: Record<string, number>;
  causes: Record<string, number>;
  exits_by_year: Record<string, number>;
  poor_villages: number;
  villages: number;
}

export interface RegionIndicators {
  code: string;
  name: string;
  level: RegionLevel;
  indicators: Indicators;
}

/** `GET /indicators/{code}?depth=`. */
export interface IndicatorsResponse {
  region: RegionIndicators;
  children: RegionIndicators[];
}

/** One element of `GET /indicators/{code}/exits`. */
export interface ExitsPerYear {
  year: number;
  households: number;
  persons: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  page_size: number;
}

export type HouseholdStatus = 'poor' | 'exited' | 'returned' | 'monitoring' | 'removed' | 'not_registered';
export type PovertyAttribute = 'none' | 'general' | 'dibao' | 'tekun';
export type MonitoringCategory = 'none' | 'unstable_exited' | 'marginal' | 'sudden_hardship';
export type AlertKind = 'wrong_exit' | 'eligible' | 'missed';

/** A row of `/households` and `/alerts` (normalised). */
export interface HouseholdSummary {
  id: string;
  head_name: string;
  village: RegionRef;
  group: string;
  status: HouseholdStatus;
  attribute: PovertyAttribute;
  main_cause: string;
  persons: number;
  /** yuan */
  per_capita_net: number | null;
  eligible: boolean | null;
  /** rule ids of the criteria the household fails */
  failing: string[];
}

export interface HouseholdFilters {
  region?: string;
  status?: string;
  attribute?: string;
  cause?: string;
  failing?: string;
  q?: string;
  sort?: 'name';
  page?: number;
  page_size?: number;
}

export interface Member {
  id_number: string;
  name: string;
  sex: 'M' | 'F' | string;
  birth_date: string;
  relation: string;
  ethnicity?: string;
  education?: string;
  schooling: string;
  health: string;
  labour: string;
  migrant_work?: string;
}

/** Income components in yuan. */
export interface Income {
  wages: number;
  production: number;
  property: number;
  transfer: number;
  production_costs: number;
  per_capita_net: number;
}

export type GuaranteeValue = 'yes' | 'no' | '';

export interface Criterion {
  rule: string;
  name: LocalizedText;
  pass: boolean;
  reason: LocalizedText;
}

export interface ProcedureStep {
  seq: number;
  step: string;
  /** the server's own name of the step (name_zh/name_en), shown for codes the front end does not know */
  name?: LocalizedText | null;
  actor: string;
  date: string;
  note: string;
  state_after?: string;
}

export interface Procedure {
  id: number;
  kind: string;
  state: string;
  outcome: string;
  opened_at: string;
  closed_at: string;
  version: number;
  steps: ProcedureStep[];
  /** the steps the server allows next, when it says so */
  next_steps: string[];
  /** the server's own names of the kind, the state and the next steps (kind_zh/kind_en, …) */
  kind_name?: LocalizedText | null;
  state_name?: LocalizedText | null;
  step_names?: Record<string, LocalizedText>;
}

export interface HistoryEntry {
  at: string;
  actor: string;
  action: string;
  note: string;
  /** the household's record version this row made, when the server says */
  version?: number;
}

/** An action the user may take on a household, from the server's `actions` list. */
export interface HouseholdAction {
  name: string;
  procedure_id?: number;
  step?: string;
}

/** `GET /households/{id}` (normalised). */
export interface HouseholdDetail {
  id: string;
  village: RegionRef;
  group: string;
  attribute: PovertyAttribute;
  main_cause: string;
  other_causes: string[];
  status: HouseholdStatus;
  registration_year: number | null;
  exit_year: number | null;
  monitoring_category: MonitoringCategory;
  phone: string;
  cadre: { name: string; phone: string; unit: string };
  income: Income;
  guarantees: Record<string, GuaranteeValue>;
  members: Member[];
  version: number;
  eligible_to_exit: boolean | null;
  criteria: Criterion[];
  procedures: Procedure[];
  history: HistoryEntry[];
  actions: HouseholdAction[];
  unmasked: boolean;
}

export type ProcedureKind = 'exit' | 'identify' | 'return';

export interface AuditEntry {
  id: number | string;
  at: string;
  actor: string;
  action: string;
  subject: string;
  detail: string;
  hash: string;
}

export interface AuditVerifyResult {
  ok: boolean;
  checked: number | null;
  first_broken: AuditEntry | null;
}

export interface NewUser {
  username: string;
  display_name: string;
  role: Role;
  scope: string;
  password: string;
}
