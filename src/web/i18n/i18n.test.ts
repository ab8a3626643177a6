// @vitest-environment node
import { describe, expect, it } from 'vitest';
import en from './en.json';
import ru from './ru.json';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, unknown> {
  const result = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'object' && value !== null) {
      for (const [nested, leaf] of flatten(value, path)) result.set(nested, leaf);
    } else {
      result.set(path, value);
    }
  }
  return result;
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((match) => match[1] ?? '').sort();
}

const languages = { en: flatten(en), ru: flatten(ru) };

describe('translations', () => {
  it('has exactly the same keys in English and Russian', () => {
    const enKeys = [...languages.en.keys()].sort();
    const ruKeys = [...languages.ru.keys()].sort();
    expect(ruKeys.filter((key) => !languages.en.has(key))).toEqual([]);
    expect(enKeys.filter((key) => !languages.ru.has(key))).toEqual([]);
  });

  it.each(Object.entries(languages))('has a non-empty string for every key in %s', (_language, entries) => {
    const bad = [...entries].filter(([, value]) => typeof value !== 'string' || value.trim() === '');
    expect(bad.map(([key]) => key)).toEqual([]);
  });

  it('uses the same interpolation variables in both languages', () => {
    const mismatched = [...languages.en].filter(([key, value]) => {
      const other = languages.ru.get(key);
      return (
        typeof value === 'string' &&
        typeof other === 'string' &&
        placeholders(value).join() !== placeholders(other).join()
      );
    });
    expect(mismatched.map(([key]) => key)).toEqual([]);
  });

  it('leaves no Latin-only sentence untranslated in Russian', () => {
    // Names that stay the same in both languages: product, language names, abbreviations.
    const sameByDesign = new Set(['language.names.en', 'language.names.ru', 'users.twoFactor']);
    const untranslated = [...languages.ru].filter(
      ([key, value]) =>
        !sameByDesign.has(key) &&
        typeof value === 'string' &&
        /[A-Za-z]{3}/.test(value.replace(/\{\{[^}]*\}\}/g, '')) &&
        !/[А-Яа-яЁё]/.test(value),
    );
    expect(untranslated.map(([key]) => key)).toEqual([]);
  });
});
