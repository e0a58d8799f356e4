// Internationalisation: Bahasa Indonesia by default, English on request. The
// choice is remembered in localStorage and mirrored on <html lang> so screen
// readers pronounce the page correctly.
import { watch } from 'vue';
import { createI18n } from 'vue-i18n';
import id from './locales/id';
import en from './locales/en';

export const LOCALES = [
  { code: 'id', name: 'Bahasa Indonesia', short: 'ID' },
  { code: 'en', name: 'English', short: 'EN' },
] as const;
export type Locale = (typeof LOCALES)[number]['code'];

const STORAGE_KEY = 'alur.locale';
const DEFAULT_LOCALE: Locale = 'id';

function isLocale(value: unknown): value is Locale {
  return LOCALES.some((l) => l.code === value);
}

function storedLocale(): Locale {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE; // storage disabled (private mode, strict settings)
  }
}

export const i18n = createI18n({
  legacy: false,
  locale: storedLocale(),
  fallbackLocale: DEFAULT_LOCALE,
  messages: { id, en },
});

/** Switches the language, remembers it and updates <html lang>. */
export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
}

function applyLocale(locale: string): void {
  document.documentElement.lang = locale;
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not fatal: the choice just is not remembered.
  }
}

applyLocale(i18n.global.locale.value);
watch(i18n.global.locale, applyLocale);
