import { Textarea } from '@mantine/core';
import { fieldError } from '../components/api-error';

/** A text the risk engine keeps in both UI languages (a profile's or a rule's description). */
export interface BilingualValue {
  en: string;
  ru: string;
}

const LANGUAGES = ['en', 'ru'] as const;

/** One required textarea per UI language, each showing the server's error on `<path>.<language>`. */
export function BilingualTextareas({
  labels,
  value,
  onChange,
  error,
  path,
  testIdPrefix,
  maxLength,
}: {
  labels: BilingualValue;
  value: BilingualValue;
  onChange: (value: BilingualValue) => void;
  error: unknown;
  path: string;
  /** Each textarea's test id is this prefix, a dash and its language. */
  testIdPrefix: string;
  maxLength?: number;
}) {
  return LANGUAGES.map((language) => (
    <Textarea
      key={language}
      label={labels[language]}
      required
      autosize
      minRows={2}
      maxLength={maxLength}
      value={value[language]}
      onChange={(event) => onChange({ ...value, [language]: event.currentTarget.value })}
      error={fieldError(error, `${path}.${language}`)}
      data-testid={`${testIdPrefix}-${language}`}
    />
  ));
}
