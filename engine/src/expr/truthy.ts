/** JSONLogic truthiness: like JavaScript, except that an empty array is falsy. */
export function truthy(v: unknown): boolean {
  return Array.isArray(v) ? v.length > 0 : !!v;
}
