import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Progress, Select, Space, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { saveBlob } from '../../api/download';
import { answer, api } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import { authorizedFetch } from '../../auth/session';
import { ProblemAlert, localFieldMessage } from '../../components/problem';
import { useAdminI18n as useI18n, type AdminKey } from './i18n';
import { formatDateTime } from '../../i18n/format';

const KINDS = ['disputes', 'mediations', 'complaints'] as const;
type ImportKind = (typeof KINDS)[number];

/** libs/imports RowError: `row` is the spreadsheet's row number (the header is row 1). */
interface RowError {
  row: number;
  column: string | null;
  field: string | null;
  message: string;
}

/** POST /api/v1/imports?dryRun=true. */
interface DryRunReport {
  dryRun: true;
  kind: ImportKind;
  fileName: string | null;
  format: 'csv' | 'xlsx';
  rowsTotal: number;
  rowsValid: number;
  rowsWithErrors: number;
  rowsAlreadyImported: number;
  errors: RowError[];
}

/** libs/imports ImportStatus (GET /api/v1/imports/{id}). */
interface ImportStatus {
  id: string;
  kind: ImportKind;
  fileName: string | null;
  state: 'queued' | 'validating' | 'writing' | 'completed' | 'failed';
  rowsTotal: number;
  rowsDone: number;
  rowsWritten: number;
  rowsAlreadyImported: number;
  errors: RowError[];
  message: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/** The import being followed, kept across a reload: an import of 50,000 rows takes a while. */
const CURRENT_KEY = 'lc.admin.import';
const finished = (state: ImportStatus['state'] | undefined) => state === 'completed' || state === 'failed';

/** Multipart is outside what openapi-fetch serialises well; the session's fetch still adds the token and refresh. */
async function upload<T>(kind: ImportKind, file: File, dryRun: boolean): Promise<T> {
  const body = new FormData();
  body.append('file', file, file.name);
  let response: Response;
  try {
    response = await authorizedFetch(new Request(`/api/v1/imports?kind=${kind}${dryRun ? '&dryRun=true' : ''}`, { method: 'POST', body }));
  } catch (error) {
    throw ApiProblem.network(error);
  }
  if (!response.ok) throw await ApiProblem.fromResponse(response);
  return (await response.json()) as T;
}

/** The row errors a refused import carries (400 validation_failed with row and column). */
function rowErrorsOf(error: unknown): RowError[] | null {
  if (!(error instanceof ApiProblem) || error.code !== 'validation_failed') return null;
  const errors = (error.problem.errors ?? []) as unknown as RowError[];
  return errors.length && errors.every((e) => typeof e.row === 'number') ? errors : null;
}

export function ImportsSection() {
  const { t, language } = useI18n();
  const fileId = useId();
  const kindId = useId();
  const [kind, setKind] = useState<ImportKind>('disputes');
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<DryRunReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<'dryRun' | 'import' | null>(null);
  const [currentId, setCurrentId] = useState<string | null>(() => localStorage.getItem(CURRENT_KEY));

  const current = useQuery({
    queryKey: ['admin', 'imports', currentId],
    enabled: Boolean(currentId),
    queryFn: () => answer<ImportStatus>(api.GET('/api/v1/imports/{id}', { params: { path: { id: currentId! } } })),
    refetchInterval: (query) => (finished(query.state.data?.state) ? false : 1000),
  });

  const follow = (id: string | null) => {
    if (id) localStorage.setItem(CURRENT_KEY, id);
    else localStorage.removeItem(CURRENT_KEY);
    setCurrentId(id);
  };

  const run = async (dryRun: boolean) => {
    if (!file) {
      setError(new ApiProblem(400, { code: 'validation_failed', errors: [{ field: 'file', message: t('admin.chooseFile') }] }));
      return;
    }
    setBusy(dryRun ? 'dryRun' : 'import');
    setError(null);
    setReport(null);
    try {
      if (dryRun) setReport(await upload<DryRunReport>(kind, file, true));
      else follow((await upload<ImportStatus>(kind, file, false)).id);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(null);
    }
  };

  const download = async (format: 'csv' | 'xlsx') => {
    setError(null);
    try {
      const blob = await answer<Blob>(api.GET('/api/v1/imports/template', { params: { query: { kind, format } }, parseAs: 'blob' }));
      saveBlob(blob, `import-template-${kind}.${format}`);
    } catch (failure) {
      setError(failure);
    }
  };

  const refused = rowErrorsOf(error);
  const fileProblem = error instanceof ApiProblem && !refused ? error.fieldErrors.find((e) => e.field === 'file') : undefined;
  const status = current.data;

  return (
    <section aria-labelledby="admin-imports">
      <Typography.Title level={2} id="admin-imports" className="lc-admin-h2">
        {t('admin.imports')}
      </Typography.Title>
      <div className="lc-panel lc-admin-block">
        <div className="lc-admin-import-form">
          <div className="lc-admin-field">
            <label htmlFor={kindId}>{t('admin.importKind')}</label>
            <Select<ImportKind>
              id={kindId}
              value={kind}
              onChange={(next) => {
                setKind(next);
                setReport(null);
              }}
              options={KINDS.map((k) => ({ value: k, label: t(`admin.importKind.${k}`) }))}
              style={{ width: '100%' }}
            />
          </div>
          <div className="lc-admin-field">
            <label htmlFor={fileId}>{t('admin.importFile')}</label>
            <input
              id={fileId}
              type="file"
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              aria-describedby={`${fileId}-help`}
              aria-invalid={fileProblem ? true : undefined}
              onChange={(event) => {
                setFile(event.target.files?.[0] ?? null);
                setReport(null);
                setError(null);
              }}
              data-testid="import-file"
            />
            <div id={`${fileId}-help`} className="lc-admin-help">
              {fileProblem ? <span className="lc-admin-error">{localFieldMessage(language, t, fileProblem.message)}</span> : t('admin.importFileHelp')}
            </div>
          </div>
        </div>
        <Space wrap>
          <Button onClick={() => run(true)} loading={busy === 'dryRun'} disabled={busy !== null}>
            {t('admin.dryRun')}
          </Button>
          <Button type="primary" onClick={() => run(false)} loading={busy === 'import'} disabled={busy !== null}>
            {t('admin.import')}
          </Button>
          <span aria-hidden className="lc-admin-sep" />
          <Button icon={<DownloadOutlined aria-hidden />} onClick={() => download('csv')}>
            {t('admin.templateCsv')}
          </Button>
          <Button icon={<DownloadOutlined aria-hidden />} onClick={() => download('xlsx')}>
            {t('admin.templateXlsx')}
          </Button>
        </Space>
      </div>

      {Boolean(error) && !refused && !fileProblem && <ProblemAlert error={error} />}
      {refused && (
        <>
          <Alert type="error" showIcon role="alert" title={t('admin.importRefused')} style={{ marginBottom: 16 }} />
          <RowErrors errors={refused} />
        </>
      )}

      {report && (
        <div className="lc-admin-block" data-testid="dry-run">
          <Typography.Title level={3} className="lc-admin-h3">
            {t('admin.dryRunResult', { file: report.fileName ?? '' })}
          </Typography.Title>
          <Counts
            items={[
              ['admin.rowsTotal', report.rowsTotal],
              ['admin.rowsValid', report.rowsValid],
              ['admin.rowsWithErrors', report.rowsWithErrors],
              ['admin.rowsAlreadyImported', report.rowsAlreadyImported],
            ]}
          />
          {report.errors.length ? <RowErrors errors={report.errors} /> : <Alert type="success" showIcon title={t('admin.noErrors')} />}
        </div>
      )}

      {status && (
        <div className="lc-admin-block" data-testid="import-status" aria-live="polite">
          <Typography.Title level={3} className="lc-admin-h3">
            {t('admin.importProgress')}：{status.fileName ?? status.id} · {t(`admin.importKind.${status.kind}`)}
          </Typography.Title>
          <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
            <Descriptions.Item label={t('admin.state')}>{t(`admin.importState.${status.state}`)}</Descriptions.Item>
            <Descriptions.Item label={t('admin.importedAt')}>{formatDateTime(language, status.createdAt)}</Descriptions.Item>
          </Descriptions>
          <Progress
            percent={status.rowsTotal ? Math.floor((status.rowsDone / status.rowsTotal) * 100) : finished(status.state) ? 100 : 0}
            status={status.state === 'failed' ? 'exception' : status.state === 'completed' ? 'success' : 'active'}
            aria-label={t('admin.importProgress')}
          />
          <Counts
            items={[
              ['admin.rowsTotal', status.rowsTotal],
              ['admin.rowsDone', status.rowsDone],
              ['admin.rowsWritten', status.rowsWritten],
              ['admin.rowsAlreadyImported', status.rowsAlreadyImported],
            ]}
          />
          {status.state === 'completed' && <Alert type="success" showIcon title={t('admin.importDone', { written: status.rowsWritten, already: status.rowsAlreadyImported })} />}
          {status.state === 'failed' && <Alert type="error" showIcon title={t('admin.importFailed', { message: status.message ?? '' })} />}
          {status.errors.length > 0 && <RowErrors errors={status.errors} />}
        </div>
      )}
      {current.error ? <ProblemAlert error={current.error} /> : null}
    </section>
  );
}

function Counts({ items }: { items: Array<[AdminKey, number]> }) {
  const { t } = useI18n();
  return (
    <dl className="lc-admin-counts">
      {items.map(([key, value]) => (
        <div key={key}>
          <dt>{t(key)}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Each bad cell at its row and column, as the spreadsheet shows them. */
function RowErrors({ errors }: { errors: RowError[] }) {
  const { t, language } = useI18n();
  return (
    <>
      <Typography.Title level={4} className="lc-admin-h4">
        {t('admin.errorsTitle', { count: errors.length })}
      </Typography.Title>
      <div className="lc-admin-scroll" tabIndex={0} role="region" aria-label={t('admin.errorsTitle', { count: errors.length })}>
      <Table<RowError & { key: string }>
        data-testid="import-errors"
        size="small"
        rowKey="key"
        dataSource={errors.map((e, index) => ({ ...e, key: `${e.row}-${e.field ?? ''}-${index}` }))}
        pagination={errors.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        columns={[
          { title: t('admin.errorRow'), dataIndex: 'row', key: 'row', width: 72 },
          { title: t('admin.errorColumn'), dataIndex: 'column', key: 'column', render: (column: string | null) => column ?? t('admin.wholeRow') },
          { title: t('admin.errorMessage'), dataIndex: 'message', key: 'message', render: (message: string) => localFieldMessage(language, t, message) },
        ]}
      />
      </div>
    </>
  );
}
