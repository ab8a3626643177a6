/**
 * Fills `{{name}}` placeholders of a message or letter template. A name without a value becomes what `missing`
 * says: notifications keep the placeholder visible, letters leave it blank.
 */
export function fillPlaceholders(
  text: string,
  params: Readonly<Record<string, string | undefined>>,
  missing: (name: string) => string = () => '',
): string {
  return text.replace(/\{\{(\w+)\}\}/gu, (_, name: string) => params[name] ?? missing(name));
}
