// Display names of the server's stable codes (docs/architecture.md: enums travel as
// English codes). Each code maps to an i18n key; a code the front end does not know
// shows the server's own text if it sent one, else the code — never an i18n key.
import { i18n, localized } from '@/locales';
import type { LocalizedText } from '@/api/types';

/** Household exit criteria by rule id, in the order of the policy's profile. */
export const CRITERION_KEYS: Readonly<Record<string, string>> = {
  'household.income_above_line': 'income_above_line',
  'household.food': 'food',
  'household.clothing': 'clothing',
  'household.compulsory_education': 'compulsory_education',
  'household.basic_medical': 'basic_medical',
  'household.safe_housing': 'safe_housing',
  'household.safe_water': 'safe_water',
  'household.electricity': 'electricity',
  'household.radio_tv': 'radio_tv',
  'policy.standard': 'no_standard',
};
export const CRITERIA: readonly string[] = Object.keys(CRITERION_KEYS);

export const CAUSES = [
  'illness',
  'disability',
  'schooling',
  'disaster',
  'land',
  'water',
  'skills',
  'labour',
  'capital',
  'transport',
  'drive',
] as const;

export const STATUSES = ['poor', 'exited', 'returned', 'monitoring', 'removed', 'not_registered'] as const;
export const ATTRIBUTES = ['general', 'dibao', 'tekun', 'none'] as const;
export const MONITORING_CATEGORIES = ['unstable_exited', 'marginal', 'sudden_hardship'] as const;
export const MONITORING_TRIGGERS = [
  'income_below_threshold',
  'medical_expense',
  'schooling_expense',
  'disaster',
  'sudden_loss',
] as const;
export const GUARANTEES = ['food', 'clothing', 'education', 'medical', 'housing', 'water', 'electricity', 'radio_tv'] as const;
export const INCOME_PARTS = ['wages', 'production', 'property', 'transfer', 'production_costs'] as const;
/** The household exit procedure after its opening step `propose`, in order (docs/procedures.md). */
export const EXIT_STEPS = [
  'democratic_review',
  'household_confirm',
  'public_notice',
  'town_review',
  'county_approval',
  'announcement',
  'mark_exited',
] as const;

const EMPTY = new Set(['', 'none']);

/** The label of `code` in the vocabulary `group` (an i18n subtree such as "causes"). */
export function termLabel(group: string, code: string | null | undefined, serverText?: LocalizedText | null): string {
  if (code === null || code === undefined || EMPTY.has(code)) return '—';
  const key = `vocab.${group}.${code}`;
  if (i18n.global.te(key) || i18n.global.te(key, 'zh-CN')) return i18n.global.t(key);
  return localized(serverText) || code;
}

/**
 * The server's own name of a procedure's kind, state or step when it sent one (the same
 * code can name different steps in different kinds: `propose` is 村提名 in an exit and
 * 返贫申请 in a return), else the label of `code` in `group`.
 */
export function procedureTerm(group: 'procedureKinds' | 'states' | 'steps', code: string, serverText?: LocalizedText | null): string {
  return localized(serverText) || termLabel(group, code);
}

/** The server's audit action codes (auth.login, procedures.step, …) → keys of vocab.auditActions. */
export const AUDIT_ACTION_KEYS: Readonly<Record<string, string>> = {
  'auth.login': 'login',
  'auth.login.failed': 'login_failed',
  'auth.logout': 'logout',
  'auth.password': 'password_change',
  'households.export': 'export',
  'households.export.masked': 'export',
  'households.export.unmasked': 'export',
  'households.import': 'import',
  'households.show.unmasked': 'view_unmasked',
  'monitoring.identify': 'monitoring_flag',
  'procedures.start': 'procedure_start',
  'procedures.step': 'procedure_step',
  'procedures.reject': 'procedure_reject',
  'users.add': 'user_create',
  'users.disable': 'user_disable',
  'users.reset_password': 'password_reset',
  'cadres.reassign': 'cadre_reassign',
  'visits.log': 'visit_log',
  'visits.photo': 'visit_photo',
  'tasks.create': 'task_create',
  'tasks.import': 'task_import',
  'tasks.commitment': 'task_commitment',
  'tasks.progress': 'task_progress',
  'tasks.complete': 'task_complete',
  'meetings.cadences.create': 'meeting_cadences',
  'meetings.record': 'meeting_record',
};

/** 登录, 记录程序环节, … for an audit action code (either the server's dotted code or a vocabulary key). */
export function auditActionLabel(code: string): string {
  return termLabel('auditActions', AUDIT_ACTION_KEYS[code] ?? code);
}

/** An audit entry's detail: a procedure kind, step or monitoring category shown by name. */
export function auditDetailText(action: string, detail: string): string {
  if (!detail || detail === '{}' || detail === 'null') return '';
  if (action === 'procedures.step' && /^[a-z_]+$/.test(detail)) return procedureTerm('steps', detail);
  if (action === 'procedures.start' && /^[a-z_]+$/.test(detail)) return procedureTerm('procedureKinds', detail);
  if (action === 'monitoring.identify' && /^[a-z_]+$/.test(detail)) return termLabel('monitoring', detail);
  return detail;
}

/** "user:hq" → "hq": the server records actors with their kind. */
export function actorLabel(actor: string): string {
  return (actor ?? '').replace(/^user:/, '');
}

/** 收入, 不愁吃, … for a household criterion rule id. */
export function criterionLabel(rule: string, serverName?: LocalizedText | null): string {
  const key = CRITERION_KEYS[rule];
  if (key) return i18n.global.t(`vocab.criteria.${key}`);
  return localized(serverName) || rule;
}

/** 因病, 因残, … for a cause code. */
export function causeLabel(code: string): string {
  return termLabel('causes', code);
}

export function statusLabel(code: string): string {
  return termLabel('status', code);
}

export function attributeLabel(code: string): string {
  return termLabel('attributes', code);
}

export function roleLabel(code: string): string {
  return termLabel('roles', code);
}

/** Element Plus tag type for a household status. */
export function statusTagType(code: string): 'danger' | 'success' | 'warning' | 'info' | 'primary' {
  switch (code) {
    case 'poor':
      return 'danger';
    case 'returned':
      return 'danger';
    case 'exited':
      return 'success';
    case 'monitoring':
      return 'warning';
    default:
      return 'info';
  }
}

// --- Issue 5: visits, structure, work lists, meetings ----------------------------------

/** 入户走访, 电话联系, 其他 (POST /visits kind). */
export const VISIT_KINDS = ['home_visit', 'phone_call', 'other'] as const;
/** The measures a visit may record (POST /visits measures), in the form's order. */
export const VISIT_MEASURES = [
  'policy_explanation',
  'industry',
  'employment',
  'education',
  'health',
  'housing',
  'social_security',
  'product_sales',
  'other',
] as const;
export const ESCALATIONS = ['due_soon', 'overdue', 'overdue_week', 'none', 'done'] as const;
export const PERIOD_KINDS = ['year', 'quarter', 'month'] as const;
export const MEETING_KINDS = ['daily', 'weekly_dispatch', 'half_monthly_special', 'task_force_weekly'] as const;

/**
 * The name of a coded value the server sent with its labels ({code, zh, en}): the
 * server's own name when it sent one, else the front end's (vocab.<group>.<code>).
 */
export function termName(group: string, term: { code: string; zh?: string; en?: string } | null | undefined): string {
  if (!term || !term.code) return '—';
  const own = localized(term);
  if (own && own !== term.code) return own;
  return termLabel(group, term.code);
}

/** Element Plus tag type of a task's escalation: 临期 orange, 逾期 red, 逾期超一周 dark red (class), 已完成 green. */
export function escalationTagType(code: string): 'danger' | 'success' | 'warning' | 'info' {
  switch (code) {
    case 'due_soon':
      return 'warning';
    case 'overdue':
    case 'overdue_week':
      return 'danger';
    case 'done':
      return 'success';
    default:
      return 'info';
  }
}

/** A villager group as the registry writes it ("7组") or as a bare number ("7" → "7 组"). */
export function groupLabel(group: string): string {
  if (!group) return '';
  return /^\d+$/.test(group) ? i18n.global.t('households.groupN', { n: group }) : group;
}
