import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Descriptions, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { Link, useParams } from 'react-router';
import { answer, api } from '../../api/client';
import { GradeTag } from '../../components/GradeTag';
import { ProblemAlert, problemMessage } from '../../components/problem';
import { useDashboardI18n as useI18n, type DashboardKey } from './i18n';
import { formatDateTime, formatYuan } from '../../i18n/format';
import { downloadLetter, type CitedRecord, type IssuedLetter } from './Letters';
import type { EnterpriseView, Fresh } from './types';

const IssueLetterDialog = lazy(() => import('./IssueLetterDialog'));

/**
 * An enterprise's page (the watch-list links here): its alerts, disputes and mediations in the
 * watch-list's window, and the union's letters to it: each downloads as DOCX, and a new one is
 * issued here, citing one of its cases or mediations.
 */
export function EnterprisePage() {
  const { t, baseT, label, language } = useI18n();
  const { creditCode = '' } = useParams();
  const [issuing, setIssuing] = useState(false);
  const [issued, setIssued] = useState<{ letter: IssuedLetter; record: CitedRecord } | null>(null);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const enterprise = useQuery({
    queryKey: ['enterprises', creditCode],
    queryFn: () => answer<EnterpriseView & Fresh>(api.GET('/api/v1/enterprises/{creditCode}', { params: { path: { creditCode } } })),
    // The page is a read model, a moment behind a letter just issued: ask again until it lists it.
    refetchInterval: (query) => (issued && !query.state.data?.letters?.some((l) => l.letterId === issued.letter.letterId) ? 2_000 : 60_000),
  });
  const e = enterprise.data;
  const download = (record: CitedRecord, letter: { letterId: string; kind: string; letterNo: string }) => {
    setDownloadError(null);
    downloadLetter(record, letter, language).catch(setDownloadError);
  };
  const canCite = e ? e.disputes.length + e.mediations.length > 0 : false;
  return (
    <section aria-labelledby="enterprise-title">
      <Link to="/dashboard">{t('ent.back')}</Link>
      <Typography.Title level={1} id="enterprise-title" style={{ fontSize: 24 }}>
        {t('ent.title')}
        {e ? `：${e.name ?? e.creditCode}` : ''}
      </Typography.Title>
      {enterprise.error ? <Alert type="error" showIcon title={problemMessage(enterprise.error, baseT)} /> : null}
      {e && (
        <>
          <Descriptions size="small" column={1} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('ent.creditCode')}>{e.creditCode}</Descriptions.Item>
            <Descriptions.Item label={t('ent.names')}>{e.names.length > 0 ? e.names.join('；') : t('ent.none')}</Descriptions.Item>
          </Descriptions>
          <Typography.Paragraph type="secondary">{t('ent.window', { from: e.window.from, to: e.window.to })}</Typography.Paragraph>
          <Row gutter={[12, 12]} data-testid="enterprise-totals">
            {(
              [
                [t('ent.alerts'), e.totals.alerts],
                [t('ent.disputes'), e.totals.disputes],
                [t('ent.groupDisputes'), e.totals.groupDisputes],
                [t('ent.mediations'), e.totals.mediations],
              ] as const
            ).map(([title, value]) => (
              <Col xs={12} md={6} key={title}>
                <div className="lc-panel lc-tile">
                  <Statistic title={title} value={value} groupSeparator="" />
                </div>
              </Col>
            ))}
            <Col xs={24} md={12}>
              <div className="lc-panel lc-tile">
                <Statistic title={t('ent.amountRecovered')} value={formatYuan(language, e.totals.amountRecoveredFen)} />
              </div>
            </Col>
            <Col xs={24} md={12}>
              <div className="lc-panel lc-tile">
                <Statistic title={t('ent.amountWon')} value={formatYuan(language, e.totals.amountWonFen)} />
              </div>
            </Col>
          </Row>

          <Typography.Title level={2} style={{ fontSize: 18, marginTop: 16 }}>
            {t('ent.disputes')}
          </Typography.Title>
          <div className="lc-scroll" tabIndex={0} role="region" aria-label={t('ent.disputes')}>
            <Table
              size="small"
              style={{ minWidth: 520 }}
              rowKey="id"
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              dataSource={e.disputes}
              locale={{ emptyText: t('ent.none') }}
              columns={[
                { title: t('db.caseNo'), dataIndex: 'caseNo', render: (caseNo: string, row) => <Link to={`/workspace/cases/${row.id}`}>{caseNo}</Link> },
                { title: t('ent.status'), dataIndex: 'status', render: (status: string) => label('disputeStatus', status) },
                { title: t('supervisor.byCategory'), dataIndex: 'category', render: (code: string) => label('category', code) },
                { title: t('db.workers'), dataIndex: 'workersInvolved' },
                { title: t('db.openedOn'), dataIndex: 'openedOn' },
                { title: t('ent.amountRecovered'), dataIndex: 'amountRecoveredFen', render: (fen: number) => formatYuan(language, fen) },
              ]}
            />
          </div>

          <Space wrap align="center" style={{ marginTop: 16, marginBottom: 8 }}>
            <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
              {t('ent.letters')}
            </Typography.Title>
            <Button type="primary" disabled={!canCite} title={canCite ? undefined : t('ent.letter.nothingToCite')} onClick={() => setIssuing(true)}>
              {t('ent.letter.issue')}
            </Button>
          </Space>
          {issued ? (
            <Alert
              type="success"
              showIcon
              role="status"
              data-testid="letter-issued"
              style={{ marginBottom: 8 }}
              title={t('ent.letter.issued', { kind: t(`letterKind.${issued.letter.kind}` as DashboardKey), letterNo: issued.letter.letterNo })}
              action={
                <Button size="small" icon={<DownloadOutlined />} onClick={() => download(issued.record, issued.letter)}>
                  {t('ent.letter.downloadDocx')}
                </Button>
              }
            />
          ) : null}
          <ProblemAlert error={downloadError} />
          <div className="lc-scroll" tabIndex={0} role="region" aria-label={t('ent.letters')}>
            <Table
              size="small"
              style={{ minWidth: 520 }}
              rowKey="letterId"
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              dataSource={e.letters ?? []}
              locale={{ emptyText: t('ent.none') }}
              columns={[
                { title: t('ent.letterKind'), dataIndex: 'kind', render: (kind: string) => t(`letterKind.${kind}` as DashboardKey) },
                { title: t('ent.letterNo'), dataIndex: 'letterNo' },
                { title: t('ent.issuedOn'), dataIndex: 'issuedOn' },
                { title: t('ent.issuedBy'), dataIndex: ['issuedBy', 'displayName'], render: (name: string | null) => name ?? '—' },
                {
                  title: t('ent.citedRecord'),
                  dataIndex: 'record',
                  render: (record: { kind: string; id: string; ref: string }) =>
                    record.kind === 'dispute' ? <Link to={`/workspace/cases/${record.id}`}>{record.ref}</Link> : record.ref,
                },
                {
                  title: t('ent.letter.document'),
                  key: 'docx',
                  render: (_, letter) => (
                    <Button size="small" icon={<DownloadOutlined />} aria-label={`${t('ent.letter.downloadDocx')} DOCX ${letter.letterNo}`} onClick={() => download(letter.record, letter)}>
                      DOCX
                    </Button>
                  ),
                },
              ]}
            />
          </div>

          <Typography.Title level={2} style={{ fontSize: 18, marginTop: 16 }}>
            {t('ent.alerts')}
          </Typography.Title>
          <div className="lc-scroll" tabIndex={0} role="region" aria-label={t('ent.alerts')}>
            <Table
              size="small"
              style={{ minWidth: 520 }}
              rowKey="id"
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              dataSource={e.alerts}
              locale={{ emptyText: t('ent.none') }}
              columns={[
                { title: t('ent.submittedAt'), dataIndex: 'submittedAt', render: (at: string) => formatDateTime(language, at) },
                { title: t('ent.grade'), dataIndex: 'grade', render: (grade: EnterpriseView['alerts'][number]['grade']) => (grade ? <GradeTag grade={grade} /> : label('grade', 'none')) },
                { title: t('ent.status'), dataIndex: 'status', render: (status: string) => label('alertStatus', status) },
                { title: t('db.workers'), dataIndex: 'workersAffected' },
                { title: t('supervisor.reasons'), dataIndex: 'signals', render: (signals: string[]) => signals.map((s) => <Tag key={s}>{label('signal', s)}</Tag>) },
              ]}
            />
          </div>

          <Typography.Title level={2} style={{ fontSize: 18, marginTop: 16 }}>
            {t('ent.mediations')}
          </Typography.Title>
          <div className="lc-scroll" tabIndex={0} role="region" aria-label={t('ent.mediations')}>
            <Table
              size="small"
              style={{ minWidth: 520 }}
              rowKey="id"
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              dataSource={e.mediations}
              locale={{ emptyText: t('ent.none') }}
              columns={[
                { title: t('ent.courtCaseNo'), dataIndex: 'courtCaseNo' },
                { title: t('ent.court'), dataIndex: 'court' },
                { title: t('ent.status'), dataIndex: 'status', render: (status: string) => label('mediationStatus', status) },
                { title: t('ent.referredOn'), dataIndex: 'referredOn' },
                { title: t('ent.amountWon'), dataIndex: 'amountWonFen', render: (fen: number | null) => (fen === null ? '—' : formatYuan(language, fen)) },
              ]}
            />
          </div>
        </>
      )}
      {issuing && e ? (
        <Suspense fallback={null}>
          <IssueLetterDialog
            enterprise={e}
            refresh={() => enterprise.refetch()}
            onClose={() => setIssuing(false)}
            onIssued={(letter, record) => {
              setIssuing(false);
              setIssued({ letter, record });
              void enterprise.refetch();
            }}
          />
        </Suspense>
      ) : null}
    </section>
  );
}
