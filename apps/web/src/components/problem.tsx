import { Alert } from 'antd';
import type { FormInstance } from 'antd';
import { ApiProblem } from '../api/problem';
import { hasKey, useI18n, type Language, type Translate } from '../i18n';
import { fieldMessage } from '../i18n/field-messages';

/** The sentence for a failed call, in the user's language. */
export function problemMessage(error: unknown, t: Translate): string {
  if (!(error instanceof ApiProblem)) return t('problem.server');
  if (error.isNetworkError) return t('problem.network');
  const key = `problem.${error.code ?? ''}`;
  if (error.code && hasKey(key)) return t(key);
  if (error.status === 429) return t('problem.too_many_requests');
  if (error.status >= 500) return t('problem.server');
  return t('problem.unknown', { status: error.status });
}

/** `claimants.0.idNumber` → ['claimants', 0, 'idNumber'], antd's name path. */
export function namePath(field: string): Array<string | number> {
  return field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

export function localFieldMessage(language: Language, t: Translate, message: string): string {
  return fieldMessage(language, message) ?? t('problem.field', { message });
}

/**
 * Puts each field error of a problem+json answer next to the form field it names. `fieldMap`
 * renames API fields to the form's own (`enterprise.creditCode` → `enterpriseCode`). Returns the
 * errors no field of the form showed, for the message above the form.
 */
export function showProblemOnForm(
  form: FormInstance,
  error: unknown,
  language: Language,
  t: Translate,
  fieldMap: Record<string, string> = {},
): Array<{ field: string; message: string }> {
  if (!(error instanceof ApiProblem)) return [];
  const known = new Set(Object.keys(form.getFieldsValue(true) ?? {}));
  const unplaced: Array<{ field: string; message: string }> = [];
  const fields: Array<{ name: Array<string | number>; errors: string[] }> = [];
  for (const { field, message } of error.fieldErrors) {
    const name = namePath(fieldMap[field] ?? field);
    const text = localFieldMessage(language, t, message);
    if (known.has(String(name[0]))) fields.push({ name, errors: [text] });
    else unplaced.push({ field, message: text });
  }
  form.setFields(fields);
  if (fields.length) form.scrollToField(fields[0].name);
  return unplaced;
}

/** The problem as an alert above a form or a list: the sentence, and any field errors not shown elsewhere. */
export function ProblemAlert({ error, unplaced = [] }: { error: unknown; unplaced?: Array<{ field: string; message: string }> }) {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={problemMessage(error, t)}
      description={unplaced.length ? unplaced.map((e) => `${e.field}: ${e.message}`).join('；') : undefined}
      style={{ marginBottom: 16 }}
    />
  );
}
