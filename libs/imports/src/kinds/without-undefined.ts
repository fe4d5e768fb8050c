/** The object without its undefined properties: a strict request schema is checked as a JSON body would be. */
export function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
