// Number formatting for figures shown to users. Money arrives from the API in yuan
// (two decimals at most); counts are integers; incidence is a percent number.
import { i18n } from '@/locales';

const yuanFormat = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const countFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const percentFormat = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

const DASH = '—';

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** 4716.67 → "4,716.67"; missing → "—". */
export function formatMoney(value: number | null | undefined): string {
  return isNumber(value) ? yuanFormat.format(value) : DASH;
}

/** 4716.67 → "4,716.67 元" (English: "4,716.67 yuan"); missing → "—". */
export function formatYuan(value: number | null | undefined): string {
  return isNumber(value) ? `${yuanFormat.format(value)} ${i18n.global.t('units.yuan')}` : DASH;
}

/** 23098 → "23,098"; missing → "—". */
export function formatCount(value: number | null | undefined): string {
  return isNumber(value) ? countFormat.format(value) : DASH;
}

/** 11.75 → "11.75%"; missing → "—". */
export function formatPercent(percent: number | null | undefined): string {
  return isNumber(percent) ? `${percentFormat.format(percent)}%` : DASH;
}

/** Age in whole years on `today` from a YYYY-MM-DD birth date; null when unknown. */
export function ageOn(birthDate: string, today: Date = new Date()): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate ?? '');
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  let age = today.getFullYear() - y;
  const beforeBirthday = today.getMonth() + 1 < mo || (today.getMonth() + 1 === mo && today.getDate() < d);
  if (beforeBirthday) age -= 1;
  return age >= 0 ? age : null;
}

/** Today as YYYY-MM-DD in local time (the default date of a procedure step). */
export function todayIso(today: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}`;
}

/**
 * "2026-11-30T05:32:23.294Z" → "2026-11-30 13:32:23" in local time; a plain date or an
 * unreadable value comes back as it is.
 */
export function formatDateTime(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value ?? '')) return value ?? '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${todayIso(date)} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}
