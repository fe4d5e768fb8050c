import { Alert, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { ToneTag, type Tone } from './ToneTag';
import { getJson, type MyWork as MyWorkAnswer, type WorkItem } from './model';

const URGENCY_TONE: Record<WorkItem['urgency'], Tone> = { overdue: 'red', due_soon: 'orange', running: 'blue', none: 'grey' };

/** The mediator's home: their cases and mediations, most urgent first (the server's order). */
export function MyWork() {
  const { t, label, language } = useI18n();
  const work = useQuery({ queryKey: ['me', 'work'], queryFn: () => getJson<MyWorkAnswer>('/api/v1/me/work'), refetchInterval: 60_000 });
  return (
    <section aria-labelledby="workspace-title">
      <Typography.Title level={1} id="workspace-title" style={{ fontSize: 24 }}>
        {t('workspace.title')}
      </Typography.Title>
      {work.error ? <Alert type="info" showIcon title={t('ws.myWork.unavailable')} style={{ marginBottom: 16 }} /> : null}
      {work.data ? (
        <>
          <Typography.Paragraph>{t('ws.myWork.counts', work.data.counts)}</Typography.Paragraph>
          <Typography.Paragraph type="secondary">{t('app.updated', { time: formatDateTime(language, work.data.asOf) })}</Typography.Paragraph>
        </>
      ) : null}
      <Table<WorkItem>
        rowKey="id"
        loading={work.isLoading}
        dataSource={work.data?.items ?? []}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: t('ws.myWork.empty') }}
        columns={[
          {
            title: t('ws.col.reference'),
            key: 'reference',
            render: (_, item) => <Link to={item.kind === 'dispute' ? `/workspace/cases/${item.id}` : `/workspace/mediations/${item.id}`}>{item.reference}</Link>,
          },
          { title: t('ws.col.status'), key: 'kind', render: (_, item) => t(`ws.kind.${item.kind}`) },
          { title: t('ws.col.employer'), key: 'employer', render: (_, item) => item.employer.name },
          { title: t('ws.col.category'), key: 'category', render: (_, item) => label('category', item.category) },
          { title: t('ws.col.workers'), dataIndex: 'workers' },
          {
            title: t('ws.col.clock'),
            key: 'clock',
            render: (_, item) => (
              <>
                <ToneTag tone={URGENCY_TONE[item.urgency]}>{t(`ws.urgency.${item.urgency}`)}</ToneTag>
                {item.nextClock
                  ? `${label('ws.clockKind', item.nextClock.kind)} · ${t(item.nextClock.overdue ? 'ws.clock.overdueBy' : 'ws.clock.daysLeft', {
                      days: Math.abs(item.nextClock.daysLeft),
                      date: item.nextClock.lastDay,
                    })}`
                  : null}
              </>
            ),
          },
        ]}
      />
    </section>
  );
}
