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
  // Accounts, the informant registry and imports (the administration pages).
  'must be 3-32 letters, digits, dots, dashes or underscores': '须为 3–32 个字母、数字、点、横线或下划线',
  'is taken': '已被使用',
  'is one of the most common passwords': '这是最常见的密码之一，请换一个',
  'must not contain the username': '不能包含用户名',
  'must use at least 5 different characters': '至少要用 5 个不同的字符',
  'is not a sub-district code of this district': '不是本区的街道',
  'must be a mainland mobile (13812345678) or a landline with area code (0755-28881234)': '请填写手机号码（13812345678）或带区号的固定电话（0755-28881234）',
  'must name at least one enterprise by its credit code': '请至少填写一家企业的统一社会信用代码',
  'is required': '必填',
  'this required column is missing': '缺少这一必填列',
  'must be a whole number': '须为整数',
  'must be a whole number of points': '须为整数分',
  'must not be negative': '不能为负数',
  'must be at least 1': '至少为 1',
  'must list at least one band': '至少要有一档',
  'must be an amount in yuan with at most two decimals, e.g. 12345.60': '须为以元为单位、最多两位小数的金额，例如 12345.60',
  'must be a date written YYYY-MM-DD (2022-03-05)': '日期须写作 YYYY-MM-DD（如 2022-03-05）',
  'must be a date and time written YYYY-MM-DD HH:mm (China Standard Time), or a date': '须写作 YYYY-MM-DD HH:mm（北京时间）或日期',
  'is not a real date and time': '不是有效的日期时间',
  'is not a real time of day': '不是有效的时刻',
  'is too large': '数值过大',
  // zod's type errors in the API's words (libs/http zod.pipe.ts).
  'must be a number': '须为数字',
  'must be text': '须为文字',
  'must be a list': '须为列表',
  'must be true or false': '须为是或否',
  'must be a date': '须为日期',
};

const PATTERNS: Array<[RegExp, (m: RegExpExecArray) => string]> = [
  [/^must be at most (\d+) characters/, (m) => `最多 ${m[1]} 个字`],
  [/^must be at least (\d+) characters/, (m) => `至少 ${m[1]} 个字`],
  [/^Invalid input: expected (\w+), received undefined$/, () => '必填'],
  [/^must be (.+), not null$/, () => '不能为空'],
  [/^must be at least (\d+) characters long$/, (m) => `至少 ${m[1]} 个字符`],
  [/^must be at most (\d+)$/, (m) => `最大为 ${m[1]}`],
  [/^must list at most (\d+) (bands|enterprises)$/, (m) => `最多 ${m[1]} ${m[2] === 'bands' ? '档' : '家'}`],
  [/^(.+) is not a real date$/, (m) => `${m[1]} 不是有效的日期`],
  [/^must be one of (.+)$/, (m) => `须为以下之一：${m[1]}`],
  [/^no account has the username (.+)$/, (m) => `没有用户名为 ${m[1]} 的账号`],
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
