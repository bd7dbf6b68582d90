// vue-i18n set-up: Chinese first (zh-CN, the default), English second. Every visible
// string of the front end is a key of these two files; tests check that both have
// the same keys. A missing key falls back to Chinese, never to the key itself.
import { createI18n } from 'vue-i18n';
import zhCN from './zh-CN';
import enUS from './en-US';

export type AppLocale = 'zh-CN' | 'en-US';
export const LOCALES: readonly AppLocale[] = ['zh-CN', 'en-US'];
const STORAGE_KEY = 'fupin.locale';

export type MessageSchema = typeof zhCN;

function initialLocale(): AppLocale {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (saved === 'zh-CN' || saved === 'en-US') return saved;
  } catch {
    /* storage unavailable: default */
  }
  return 'zh-CN';
}

export const i18n = createI18n<[MessageSchema], AppLocale, false>({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, 'en-US': enUS },
  missingWarn: false,
  fallbackWarn: false,
});

export function currentLocale(): AppLocale {
  return i18n.global.locale.value as AppLocale;
}

export function setLocale(locale: AppLocale): void {
  i18n.global.locale.value = locale;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, locale);
  } catch {
    /* not persisted */
  }
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}

/** Picks the text of a {zh, en} pair for the current locale. */
export function localized(text: { zh?: string; en?: string } | null | undefined): string {
  if (!text) return '';
  return currentLocale() === 'zh-CN' ? text.zh || text.en || '' : text.en || text.zh || '';
}
