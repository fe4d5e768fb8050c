import type { Language } from './index';

/**
 * The API's field messages (English, from its zod schemas and deciders) in Chinese. A message not
 * listed is shown in Chinese as "此项填写有误：" followed by the server's words.
 */
const ZH: Record<string, string> = {
  'must name at least one signal': '请至少选择一项情况',
  'must be a whole number of workers, 1 or more': '请填写职工人数（1人以上的整数）',
  'must not be empty': '不能为空',
  'Required': '必填',
  'is not a valid Unified Social Credit Code': '统一社会信用代码无效',
  'check character is wrong': '校验位不正确',
};

const PATTERNS: Array<[RegExp, (m: RegExpExecArray) => string]> = [
  [/^must be at most (\d+) characters/, (m) => `最多 ${m[1]} 个字`],
  [/^must be at least (\d+) characters/, (m) => `至少 ${m[1]} 个字`],
  [/^Invalid input: expected (\w+), received undefined$/, () => '必填'],
];

export function fieldMessage(language: Language, message: string): string | undefined {
  if (language === 'en') return message;
  if (ZH[message]) return ZH[message];
  for (const [pattern, render] of PATTERNS) {
    const match = pattern.exec(message);
    if (match) return render(match);
  }
  return undefined;
}
