/**
 * Placeholders of the texts in locale files: `{name}` is the value; `{name:one|other}` is the
 * value followed by the word for its number, for languages that inflect it ("1 pre-litigation
 * mediation", "2 pre-litigation mediations"). Chinese texts need only `{name}`.
 */
export const PLACEHOLDER = /\{(\w+)(?::([^{}|]*)\|([^{}]*))?\}/g;

/** The text one placeholder stands for. */
export function placeholderText(value: unknown, one?: string, other?: string): string {
  if (one === undefined || other === undefined) return String(value);
  return `${String(value)} ${Number(value) === 1 ? one : other}`;
}

/** The names of a template's placeholders, sorted. */
export function placeholderNames(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]).sort();
}
