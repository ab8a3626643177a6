import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocalisedText } from '../api/types';

/** Programme texts come as `{ en, ru }`: pick the one for the UI language (English when a text lacks it). */
export function pickLocalised(text: LocalisedText | undefined | null, language: string): string {
  if (!text) return '';
  return language === 'ru' ? text.ru || text.en : text.en || text.ru;
}

export function useLocalised(): (text: LocalisedText | undefined | null) => string {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  return useCallback((text) => pickLocalised(text, language), [language]);
}
