/**
 * What a personal field (name, ID number, phone) of a person whose data was erased reads as,
 * everywhere: read models, details, timelines, exports. Chinese, the product's language; the API
 * answers `erased` instead to a request that prefers English (Accept-Language: en).
 */
export const ERASED = '已删除';
export const ERASED_TEXT = { zh: ERASED, en: 'erased' } as const;

export function isErased(value: unknown): boolean {
  return value === ERASED;
}
