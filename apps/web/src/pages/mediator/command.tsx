import { Alert, Form, Modal } from 'antd';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { ApiProblem } from '../../api/problem';
import { authorizedFetch } from '../../auth/session';
import { ProblemAlert, showProblemOnForm } from '../../components/problem';
import { useDeskI18n } from './i18n';
import { isConflict, newKey } from './model';
import { validValues } from './form-values';

/**
 * POST a command. `version` is the record's version the page shows, sent as If-Match (null when
 * creating a record); a fresh Idempotency-Key per attempt. Answers the JSON body, or throws the
 * problem+json as an ApiProblem.
 */
export async function postCommand<T = { id: string; version: number }>(path: string, version: number | null, body: unknown): Promise<T> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json', 'Idempotency-Key': newKey() };
  if (version !== null) headers['If-Match'] = `"${version}"`;
  let response: Response;
  try {
    response = await authorizedFetch(new Request(path, { method: 'POST', headers, body: JSON.stringify(body ?? {}) }));
  } catch (error) {
    throw ApiProblem.network(error);
  }
  if (!response.ok) throw await ApiProblem.fromResponse(response);
  return (await response.json()) as T;
}

/** A record the server already has (409 `duplicate`): where its page is. */
export function existingRecordPath(existing: { kind: string; id: string } | undefined): string | null {
  if (!existing) return null;
  switch (existing.kind) {
    case 'dispute':
      return `/workspace/cases/${existing.id}`;
    case 'complaint':
      return `/workspace/complaints/${existing.id}`;
    case 'mediation':
      return `/workspace/mediations/${existing.id}`;
    default:
      return null;
  }
}

export interface DialogSpec {
  title: string;
  /** The command's full path (`/api/v1/mediations/<id>/sessions`), or from the form's values when they choose the record. */
  path: string | ((values: Record<string, any>) => string);
  /** The body from the form's values. */
  body(values: Record<string, any>): unknown;
  /** The form's items; none: a confirmation. */
  fields?: ReactNode;
  intro?: ReactNode;
  initialValues?: Record<string, unknown>;
  /** API field names → the form's (`amountFen` → `amountYuan`). */
  fieldMap?: Record<string, string>;
  /** Words for the link to a record that exists already (a 409 duplicate). */
  duplicateLabel?: string;
}

/**
 * One command in a dialog, the way every record of the workspace is changed: If-Match with the
 * version the page shows; when someone else changed the record first (412, or a 409 conflict), the
 * dialog says so, the page reads the record again behind it (`refresh`), what the user typed
 * stays, and the button becomes "submit again on the new version". Field errors of the answer go
 * next to their fields. Rendered only while open (`key` it per command, so each starts clean).
 */
export function CommandDialog<T>({
  spec,
  version,
  refresh,
  onDone,
  onClose,
}: {
  spec: DialogSpec;
  /** The record's version now (null when the command creates the record). */
  version: number | null;
  refresh(): Promise<unknown>;
  /** With the form's values the command was sent with. */
  onDone(answer: T, values: Record<string, any>): void | Promise<void>;
  onClose(): void;
}) {
  const { t, language, baseT } = useDeskI18n();
  const [form] = Form.useForm();
  const [conflict, setConflict] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [unplaced, setUnplaced] = useState<Array<{ field: string; message: string }>>([]);
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    const values = spec.fields ? await validValues(form) : {};
    if (!values) return;
    setSaving(true);
    setError(null);
    setUnplaced([]);
    try {
      const path = typeof spec.path === 'function' ? spec.path(values) : spec.path;
      const answered = await postCommand<T>(path, version, spec.body(values));
      await onDone(answered, values);
    } catch (failure) {
      if (isConflict(failure)) {
        setConflict(true);
        await refresh().catch(() => undefined);
      } else {
        setError(failure);
        setUnplaced(showProblemOnForm(form, failure, language, baseT, spec.fieldMap));
      }
    } finally {
      setSaving(false);
    }
  };

  const existing = error instanceof ApiProblem && error.code === 'duplicate' ? existingRecordPath(error.problem.existing) : null;
  return (
    <Modal
      open
      title={spec.title}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={saving}
      okText={conflict ? t('ws.action.retry') : t('ws.action.submit')}
      cancelText={t('ws.action.cancel')}
      destroyOnHidden
    >
      {conflict ? (
        <Alert
          type="warning"
          showIcon
          role="alert"
          data-testid="conflict"
          title={t('ws.conflict.title')}
          description={t('ws.conflict.body', { version: version ?? 0 })}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <ProblemAlert error={error} unplaced={unplaced} />
      {existing ? (
        <p data-testid="duplicate-link">
          <Link to={existing} onClick={onClose}>
            {spec.duplicateLabel ?? existing}
          </Link>
        </p>
      ) : null}
      {spec.intro}
      {spec.fields ? (
        <Form form={form} layout="vertical" name="command" initialValues={spec.initialValues}>
          {spec.fields}
        </Form>
      ) : null}
    </Modal>
  );
}
