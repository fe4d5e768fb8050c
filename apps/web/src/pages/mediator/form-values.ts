import type { FormInstance } from 'antd';

/**
 * The form's values once its rules pass, or null when they do not (antd shows the messages beside
 * the fields, so there is nothing more to say). antd refuses with `outOfDate` when a field changed
 * while it was validating, such as a value set as the dialog opened: that is not the user's mistake,
 * so validate again rather than drop the click without a word.
 */
export async function validValues(form: FormInstance): Promise<Record<string, any> | null> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await form.validateFields();
    } catch (failure) {
      if (!(failure as { outOfDate?: boolean } | null)?.outOfDate) return null;
    }
  }
  return null;
}
