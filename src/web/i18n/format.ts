import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

const CALENDAR_DAY = /^\d{4}-\d{2}-\d{2}$/;

export interface Formatters {
  /** An instant, in the user's time zone: "12 Mar 2026, 14:05". */
  dateTime(value: string | null | undefined): string;
  /** A day: an instant in the user's time zone, or a 'YYYY-MM-DD' calendar day as written. */
  date(value: string | null | undefined): string;
  number(value: number | null | undefined): string;
  /** A country's name from its ISO 3166-1 alpha-2 code. */
  country(code: string | null | undefined): string;
}

export function createFormatters(language: string): Formatters {
  const dateTimeFormat = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
  const dateFormat = new Intl.DateTimeFormat(language, { dateStyle: 'medium' });
  // Calendar days carry no time zone: format them at UTC midnight so no zone shifts them by a day.
  const dayFormat = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' });
  const numberFormat = new Intl.NumberFormat(language);
  const regionNames = new Intl.DisplayNames([language], { type: 'region', fallback: 'code' });

  const toDate = (value: string) => {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? null : date;
  };

  return {
    dateTime(value) {
      if (!value) return '—';
      const date = toDate(value);
      return date ? dateTimeFormat.format(date) : value;
    },
    date(value) {
      if (!value) return '—';
      if (CALENDAR_DAY.test(value)) {
        const day = toDate(`${value}T00:00:00Z`);
        return day ? dayFormat.format(day) : value;
      }
      const date = toDate(value);
      return date ? dateFormat.format(date) : value;
    },
    number(value) {
      return value === null || value === undefined ? '—' : numberFormat.format(value);
    },
    country(code) {
      if (!code) return '—';
      try {
        return regionNames.of(code.toUpperCase()) ?? code;
      } catch {
        return code;
      }
    },
  };
}

export function useFormatters(): Formatters {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  return useMemo(() => createFormatters(language), [language]);
}

/** Today's calendar day in the user's time zone, 'YYYY-MM-DD'. */
export function todayIsoDate(now: Date = new Date()): string {
  return toIsoDate(now);
}

export function toIsoDate(date: Date): string {
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${month}-${day}`;
}

export function addYears(isoDate: string, years: number): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  const date = new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1);
  date.setFullYear(date.getFullYear() + years);
  return toIsoDate(date);
}

/** The instant a local calendar day starts, as ISO 8601 (for from/to filters on instants). */
export function startOfLocalDay(isoDate: string, plusDays = 0): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + plusDays).toISOString();
}
