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
  /** The record before and after a write (JSON text; empty when the entry is not a write). */
  before: string;
  after: string;
  hash: string;
}

export interface AuditVerifyResult {
  ok: boolean;
  checked: number | null;
  first_broken: AuditEntry | null;
  /** What is wrong with the first broken entry, in both languages. */
  problem: { zh: string; en: string } | null;
}

export interface NewUser {
  username: string;
  display_name: string;
  role: Role;
  scope: string;
  password: string;
}

// --- Issue 5: structure, coverage, cadres, campaigns, visits, compliance, work lists,
// meetings (notes/api-contract.md, docs/api.md). Every coded value arrives with its
// zh/en labels; the normalisers in structure.ts, visits.ts and worklists.ts fill a
// missing label with the code so that views never show an empty name.

/** A stable code with its names in both languages. */
export interface Term {
  code: string;
  zh: string;
  en: string;
}

export type StructureLevel = 'county' | 'town' | 'village' | 'group';
export type StructureChildType = 'town' | 'village' | 'group' | 'household';

export interface Holder {
  type: 'cadre' | 'unit';
  id: number | string;
  name: string;
  unit_name?: string;
}

/** An assignment 包保 on a structure node (or a cadre's open assignment). */
export interface AssignmentRow {
  id: number | string;
  kind: Term;
  holder: Holder | null;
  date_from: string;
  date_to: string;
}

export interface StructureChild {
  type: StructureChildType;
  /** region code; for a group its village's code; for a household the household id */
  code: string;
  group: string;
  name: string;
  poor_village: boolean;
  status: string;
  holder: Holder | null;
  /** gaps in its subtree */
  gaps: number;
}

/** `GET /structure/{code}?group=` */
export interface StructureNode {
  node: { code: string; name: string; level: StructureLevel; group: string; poor_village: boolean };
  assignments: AssignmentRow[];
  /** gap kind codes missing on this node itself */
  gaps: string[];
  children: StructureChild[];
}

export const COVERAGE_COUNT_KEYS = [
  'towns',
  'towns_without_leader',
  'villages',
  'villages_without_unit',
  'poor_villages',
  'villages_without_first_secretary',
  'villages_without_work_team',
  'groups',
  'groups_without_leader',
  'households',
  'households_without_cadre',
] as const;
export type CoverageCountKey = (typeof COVERAGE_COUNT_KEYS)[number];
export type CoverageCounts = Record<CoverageCountKey, number>;

export interface CoverageGap {
  region: string;
  target: string;
  name: string;
}

/** `GET /coverage/{code}?date=` */
export interface CoverageReport {
  region: string;
  name: string;
  date: string;
  total: CoverageCounts;
  children: { region: string; name: string; counts: CoverageCounts }[];
  gaps: Record<string, CoverageGap[]>;
  gap_kinds: Term[];
  max_households_per_cadre: number;
  overloaded_cadres: { cadre_id: number | string; name: string; households: number }[];
}

/** A row of `GET /cadres` and the head of `GET /cadres/{id}`. */
export interface Cadre {
  id: number | string;
  name: string;
  unit: { id: number | string; name: string };
  post: string;
  level: Term;
  party_member: boolean;
  phone: string;
  active_from: string;
  active_to: string;
  households: number;
}

export interface CadreDetail extends Cadre {
  /** the server's word on whether this user may reassign this cadre */
  may_reassign: boolean;
  open_assignments: {
    id: number | string;
    kind: Term;
    target: string;
    target_name: string;
    region: { code: string; name: string };
    date_from: string;
  }[];
}

export interface ReassignRequest {
  /** '' leaves the assignments without a holder (the server then requires the reason) */
  to_cadre_id: number | string;
  date: string;
  /** recorded on every ended assignment; required to leave one uncovered */
  reason: string;
  leaves: boolean;
}

export interface ReassignResult {
  /** assignments handed over */
  moved: number;
  taken: { to_cadre_id: number | string; assignments: number }[];
  /** targets left without a holder (with the reason) */
  uncovered: string[];
  left_office: boolean;
}

export interface Campaign {
  id: number | string;
  name: string;
  region: { code: string; name: string };
  start: string;
  end: string;
  days_total: number;
  day_number: number;
  days_left: number;
  posts: { level: string; region: string; name: string; role: string; role_zh: string; cadre: { id: number | string; name: string } | null }[];
}

export type VisitKind = 'home_visit' | 'phone_call' | 'other';

export interface VisitPhoto {
  sha256: string;
  type: string;
  size: number;
  url: string;
}

/** A visit 帮扶走访 as the server stores it. */
export interface Visit {
  id: number | string;
  client_id: string;
  household_id: string;
  head_name: string;
  village: { code: string; name: string };
  cadre: { id: number | string; name: string };
  date: string;
  time: string;
  kind: Term;
  measures: Term[];
  problems: { id: number | string; description: string; category: string; status: Term }[];
  notes: string;
  location: { lat: number; lng: number } | null;
  photos: VisitPhoto[];
  recorded_at: string;
  recorded_by: string;
}

/** The body of `POST /visits`. */
export interface VisitDraft {
  client_id: string;
  household_id: string;
  date: string;
  time: string;
  kind: VisitKind;
  measures: string[];
  problems: { description: string; category?: string }[];
  notes: string;
  location?: { lat: number; lng: number };
}

export interface MyHousehold {
  id: string;
  head_name: string;
  village: { code: string; name: string };
  group: string;
  status: string;
  status_name: LocalizedText | null;
  persons: number;
  last_visit: { date: string; kind: string } | null;
  visited_this_cycle: boolean;
}

/** `GET /me/households` */
export interface MyHouseholds {
  cadre: { id: number | string; name: string; unit: { id: number | string; name: string }; phone: string };
  today: string;
  cycle: { help_day: string; start: string; end: string; next_help_day: string };
  items: MyHousehold[];
  due: number;
}

export interface ComplianceFigures {
  cadres: number;
  households_due: number;
  households_visited: number;
  /** 0..1 */
  rate: number;
}

/** `GET /compliance/{code}?cycle=` */
export interface ComplianceReport {
  region: { code: string; name: string; level: string };
  today: string;
  cycle: { help_day: string; start: string; end: string };
  cycles: string[];
  summary: ComplianceFigures & { cadres_all_visited: number };
  children: (ComplianceFigures & { code: string; name: string; level: string; idle_cadres: number })[];
  units: (ComplianceFigures & { id: number | string; name: string })[];
  idle: {
    cadre: { id: number | string; name: string };
    unit: { id: number | string; name: string };
    households: number;
    cycles_without_visit: number;
    last_visit_date: string | null;
  }[];
  idle_cycles: number;
}

export type Escalation = 'none' | 'due_soon' | 'overdue' | 'overdue_week' | 'done';

export interface Task {
  id: number | string;
  title: string;
  description: string;
  campaign_id: number | string | null;
  issued_by: string;
  issued_on: string;
  assignee: { type: 'unit' | 'town'; id: number | string; name: string };
  period: { kind: 'year' | 'quarter' | 'month'; label: string };
  deadline: string;
  commitment: string;
  committed_on: string;
  progress: number;
  status: 'open' | 'done';
  completed_on: string;
  escalation: Escalation;
  escalation_name: LocalizedText | null;
  days_to_deadline: number;
  updates: { date: string; progress: number; note: string; evidence: string; by: string }[];
  source_meeting_id: number | string | null;
  version: number;
}

export interface TaskFilters {
  region?: string;
  assignee?: string;
  status?: string;
  escalation?: string;
  period?: string;
  page?: number;
  page_size?: number;
}

export interface TaskSummary {
  today: string;
  total: number;
  done: number;
  open: number;
  due_soon: number;
  overdue: number;
  overdue_week: number;
}

export interface NewTask {
  title: string;
  description: string;
  assignee_type: 'unit' | 'town';
  assignee_id: number | string;
  period_kind: 'year' | 'quarter' | 'month';
  period: string;
  deadline: string;
  campaign_id?: number | string;
}

export interface MeetingPerson {
  cadre_id: number | string;
  name: string;
}

export interface Meeting {
  id: number | string;
  cadence_id: number | string | null;
  kind: Term;
  title: string;
  date: string;
  region: { code: string; name: string };
  status: 'scheduled' | 'held';
  agenda: string;
  /** full lists from GET /meetings/{id}; the list page has counts only */
  attendance: { expected: MeetingPerson[]; present: MeetingPerson[]; absent: MeetingPerson[] };
  expected_count: number;
  present_count: number;
  minutes: string;
  decisions: { seq: number; text: string; task_id: number | string | null }[];
  version: number;
}

export interface MeetingCadence {
  id: number | string;
  kind: Term;
  name: string;
  region: string;
  from: string;
  to: string;
  rule: LocalizedText;
  attendees: MeetingPerson[];
}

export interface RecordMeetingRequest {
  agenda: string;
  present: (number | string)[];
  minutes: string;
  decisions: {
    text: string;
    task?: { title: string; assignee_type: 'unit' | 'town'; assignee_id: number | string; deadline: string; period_kind: string; period: string };
  }[];
  expected_version: number;
}
