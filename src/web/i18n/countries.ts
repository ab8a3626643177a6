// Codes Intl knows that are not current ISO 3166-1 countries: withdrawn codes, reserved or
// exceptionally reserved codes, unions and private-use codes.
const NOT_COUNTRIES = new Set(
  'AC AN BU CP CQ CS DD DG DY EA EU EZ FX HV IC NH QO RH SU TA TP UK UN VD XA XB YD YU ZR ZZ'.split(' '),
);

const cache = new Map<string, { value: string; label: string }[]>();

/** Countries as select options (ISO 3166-1 alpha-2 code → name in the UI language), sorted by name. */
export function countryOptions(language: string): { value: string; label: string }[] {
  const cached = cache.get(language);
  if (cached) return cached;
  const names = new Intl.DisplayNames([language], { type: 'region', fallback: 'none' });
  const options: { value: string; label: string }[] = [];
  for (let first = 65; first <= 90; first += 1) {
    for (let second = 65; second <= 90; second += 1) {
      const code = String.fromCharCode(first, second);
      if (NOT_COUNTRIES.has(code)) continue;
      let name: string | undefined;
      try {
        name = names.of(code);
      } catch {
        name = undefined;
      }
      if (name && name !== code) options.push({ value: code, label: `${name} (${code})` });
    }
  }
  options.sort((a, b) => a.label.localeCompare(b.label, language));
  cache.set(language, options);
  return options;
}
