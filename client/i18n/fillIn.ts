/** Fills `{name}` marks in a string with values; a mark without a value is left as it is, so a missing value shows instead of vanishing. */
export function fillIn(text: string, values: Readonly<Record<string, string | number>> = {}): string {
  return text.replace(/\{(\w+)\}/g, (mark, name: string) => (Object.hasOwn(values, name) ? String(values[name]) : mark))
}
