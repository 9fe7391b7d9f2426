// A module of its own because both the builder (templates.ts) and its string
// tables (strings.ts) need the names: in either one it would make the two
// import each other.

/** The templates a new board can start from; the `template` query parameter of `/new`. */
export type TemplateName = 'customer-journey' | 'employee-journey' | 'customer-employee' | 'gap-analysis'

/** Every template, in the order the home page offers them. */
export const TEMPLATE_NAMES: readonly TemplateName[] = ['customer-journey', 'employee-journey', 'customer-employee', 'gap-analysis']

/** Whether a string (e.g. from the URL) names a template. */
export function isTemplateName(value: string): value is TemplateName {
  return (TEMPLATE_NAMES as readonly string[]).includes(value)
}
