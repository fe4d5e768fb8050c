import { Col, Row, Table, Typography } from 'antd';
import type { UseQueryResult } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { Page } from '../../api/types';
import { useDashboardI18n as useI18n } from './i18n';
import type { DisputeListItem } from '../mediator/model';
import type { ClockItem, Fresh } from './types';

/** Where a clock's record is worked on: a case's page; an alert on the triage desk; a mediation has no page of its own yet. */
function recordLink(clock: ClockItem): string | undefined {
  if (clock.subject.kind === 'dispute') return `/workspace/cases/${clock.subject.id}`;
  if (clock.subject.kind === 'alert') return '/workspace/alerts';
  return undefined;
}

function More({ page }: { page: Page<unknown> | undefined }) {
  const { t } = useI18n();
  if (!page || page.total <= page.items.length) return null;
  return <Typography.Text type="secondary">{t('db.more', { total: page.total, shown: page.items.length })}</Typography.Text>;
}

/** Open group disputes and overdue clocks: what a supervisor should look at first. */
export function Attention({ groupDisputes, overdue }: { groupDisputes: UseQueryResult<Page<DisputeListItem> & Fresh>; overdue: UseQueryResult<Page<ClockItem> & Fresh> }) {
  const { t, label } = useI18n();
  return (
    <section aria-labelledby="attention-title" style={{ marginTop: 16 }}>
      <Typography.Title level={2} id="attention-title" style={{ fontSize: 18 }}>
        {t('db.attention')}
      </Typography.Title>
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={12}>
          <div className="lc-panel" data-testid="open-group-disputes">
            <Typography.Title level={3} style={{ fontSize: 16 }}>
              {t('db.groupDisputes')}
            </Typography.Title>
            <div className="lc-scroll" tabIndex={0} role="region" aria-label={t('db.groupDisputes')}>
              <Table
                size="small"
                style={{ minWidth: 520 }}
                rowKey="id"
                pagination={false}
                loading={groupDisputes.isLoading}
                dataSource={groupDisputes.data?.items ?? []}
                locale={{ emptyText: t('db.groupDisputesEmpty') }}
                columns={[
                  { title: t('db.caseNo'), dataIndex: 'caseNo', render: (caseNo: string, row) => <Link to={`/workspace/cases/${row.id}`}>{caseNo}</Link> },
                  { title: t('db.employer'), dataIndex: ['employer', 'name'] },
                  { title: t('db.workers'), dataIndex: 'workersInvolved' },
                  { title: t('supervisor.subDistrict'), dataIndex: 'subDistrict', render: (code: string) => label('subDistrict', code) },
                  { title: t('db.openedOn'), dataIndex: 'openedOn' },
                ]}
              />
            </div>
            <More page={groupDisputes.data} />
          </div>
        </Col>
        <Col xs={24} xl={12}>
          <div className="lc-panel" data-testid="overdue-clocks">
            <Typography.Title level={3} style={{ fontSize: 16 }}>
              {t('db.overdueClocks')}
            </Typography.Title>
            <div className="lc-scroll" tabIndex={0} role="region" aria-label={t('db.overdueClocks')}>
              <Table
                size="small"
                style={{ minWidth: 520 }}
                rowKey="clockId"
                pagination={false}
                loading={overdue.isLoading}
                dataSource={overdue.data?.items ?? []}
                locale={{ emptyText: t('db.overdueClocksEmpty') }}
                columns={[
                  {
                    title: t('db.record'),
                    key: 'record',
                    render: (_: unknown, row: ClockItem) => {
                      const text = row.reference ?? (row.subject.kind === 'alert' ? t('db.alertRecord') : row.subject.id.slice(0, 8));
                      const to = recordLink(row);
                      return to ? <Link to={to}>{text}</Link> : text;
                    },
                  },
                  { title: t('db.clockKind'), dataIndex: 'kind', render: (kind: string) => label('ws.clockKind', kind) },
                  { title: t('db.employer'), dataIndex: 'employerName' },
                  { title: t('db.lastDay'), dataIndex: 'lastDay', render: (day: string, row) => `${day}（${t('db.overdueDays', { days: Math.max(0, -row.daysLeft) })}）` },
                ]}
              />
            </div>
            <More page={overdue.data} />
          </div>
        </Col>
      </Row>
    </section>
  );
}
