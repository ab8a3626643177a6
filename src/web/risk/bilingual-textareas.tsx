import { Textarea } from '@mantine/core';
import type { GetInputPropsReturnType } from '@mantine/form';

/** A text the risk engine keeps in both UI languages (a profile's or a rule's description). */
export interface BilingualValue {
  en: string;
  ru: string;
}

const LANGUAGES = ['en', 'ru'] as const;

/** One required textarea per UI language, each bound to its form field (value, change and server error). */
export function BilingualTextareas({
  labels,
  inputProps,
  testIdPrefix,
  maxLength,
}: {
  labels: BilingualValue;
  /** One language's binding: `(language) => form.getInputProps(`description.${language}`)`. */
  inputProps: (language: keyof BilingualValue) => GetInputPropsReturnType;
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
      {...inputProps(language)}
      data-testid={`${testIdPrefix}-${language}`}
    />
  ));
}
