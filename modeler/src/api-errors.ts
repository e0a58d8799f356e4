// What a refused API call says to the user: the refusal's stable `code`
// translated (locales: apiErrors), else the server's own message, else the
// network problem. The server's message stays the fallback for codes the app
// does not know yet.
import { ApiError } from './api';

/** The two functions of vue-i18n it needs (useI18n()'s, or i18n.global). */
interface Translator {
  t(key: string): string;
  te(key: string): boolean;
}

export function apiErrorText(err: unknown, i18n: Translator): string {
  if (!(err instanceof ApiError) || !err.status) return i18n.t('common.networkError');
  const key = err.code ? `apiErrors.${err.code}` : '';
  return key && i18n.te(key) ? i18n.t(key) : err.message;
}
