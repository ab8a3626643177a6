import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setRequestLanguage } from '../api/client';
import { LANGUAGES } from '../api/types';
import type { Language } from '../api/types';
import en from './en.json';
import ru from './ru.json';

export const resources = { en: { translation: en }, ru: { translation: ru } } as const;

export const LANGUAGE_STORAGE_KEY = 'openaeo.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

function readStoredLanguage(): Language | null {
  try {
    const stored = globalThis.localStorage?.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(stored) ? stored : null;
  } catch {
    return null; // storage can be disabled (privacy mode); the language then lasts for the visit only
  }
}

export function detectInitialLanguage(): Language {
  const stored = readStoredLanguage();
  if (stored) return stored;
  const preferred = globalThis.navigator?.languages ?? [];
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

export function currentLanguage(): Language {
  return isLanguage(i18next.resolvedLanguage) ? i18next.resolvedLanguage : 'en';
}

/** Switches the UI language and remembers it on this device; saving it to the user is the caller's job. */
export async function changeLanguage(language: Language): Promise<void> {
  try {
    globalThis.localStorage?.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // see readStoredLanguage
  }
  if (i18next.resolvedLanguage !== language) await i18next.changeLanguage(language);
}

function applyLanguageToDocument(language: string): void {
  setRequestLanguage(language);
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}

export function initI18n(): typeof i18next {
  i18next.on('languageChanged', applyLanguageToDocument);
  void i18next.use(initReactI18next).init({
    resources,
    lng: detectInitialLanguage(),
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
    initAsync: false,
  });
  applyLanguageToDocument(currentLanguage());
  return i18next;
}
