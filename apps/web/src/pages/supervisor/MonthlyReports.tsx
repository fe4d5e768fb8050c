import { Button, Space, Table, Tag, Typography, message } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useQueries } from '@tanstack/react-query';
import { saveBlob } from '../../api/download';
import { answer, api } from '../../api/client';
import type { SubDistrictCode } from '../../api/types';
import { problemMessage } from '../../components/problem';
import { useDashboardI18n as useI18n } from './i18n';
import { formatDateTime } from '../../i18n/format';
import type { DashboardPeriod } from './period';
import type { Fresh, MonthlyReportView } from './types';

/** The months of the period that have ended (a month's report is issued after its end), latest first, at most twelve. */
export function endedMonths(period: DashboardPeriod, today: string): string[] {
  const current = today.slice(0, 7);
  let from: string;
  let to: string;
  if (period.kind === 'custom') [from, to] = [period.from!.slice(0, 7), period.to!.slice(0, 7)];
  else if (period.kind === 'year') [from, to] = [`${period.period}-01`, `${period.period}-12`];
  else if (period.kind === 'month') [from, to] = [period.period!, period.period!];
  else {
    const [year, q] = period.period!.split('-Q');
    const first = (Number(q) - 1) * 3 + 1;
    [from, to] = [`${year}-${String(first).padStart(2, '0')}`, `${year}-${String(first + 2).padStart(2, '0')}`];
  }
  const months: string[] = [];
  let [y, m] = to.split('-').map(Number);
  while (months.length < 12) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month < from) break;
    if (month < current) months.push(month);
    if (--m === 0) [y, m] = [y - 1, 12];
  }
  return months;
}

/** Monthly reports (诉求信息月报) to download as CSV or XLSX, each with its revision and whether later events made it out of date. */
export function MonthlyReports({ months, subDistrict, refetchInterval }: { months: string[]; subDistrict: SubDistrictCode | undefined; refetchInterval: number }) {
  const { t, baseT, language } = useI18n();
  const [toast, holder] = message.useMessage();
  const acceptLanguage = language === 'en' ? 'en' : 'zh-CN';
  const reports = useQueries({
    queries: months.map((month) => ({
      queryKey: ['reports', 'monthly', month, subDistrict],
      queryFn: () =>
        answer<MonthlyReportView & Fresh>(api.GET('/api/v1/reports/monthly', { params: { query: { month, subDistrict, format: 'json' }, header: { 'accept-language': acceptLanguage } } })),
      refetchInterval,
      refetchIntervalInBackground: false,
    })),
  });

  const download = async (month: string, format: 'csv' | 'xlsx') => {
    try {
      // Through the API client, so the file is asked for with the session's token (a plain link would carry none).
      const blob = await answer<Blob>(api.GET('/api/v1/reports/monthly', { params: { query: { month, subDistrict, format }, header: { 'accept-language': acceptLanguage } }, parseAs: 'blob' }));
      saveBlob(blob, `${t('db.monthlyReports')}-${subDistrict ? `${subDistrict}-` : ''}${month}.${format}`);
    } catch (error) {
      void toast.error(problemMessage(error, baseT));
    }
  };

  const rows = months.map((month, i) => ({ month, query: reports[i] }));
  return (
    <div className="lc-panel" data-testid="monthly-reports">
      {holder}
      <Typography.Title level={2} style={{ fontSize: 18 }}>
        {t('db.monthlyReports')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('db.monthlyReportsHint')}</Typography.Paragraph>
      <div className="lc-scroll" tabIndex={0} role="region" aria-label={t('db.monthlyReports')}>
        <Table
          size="small"
          style={{ minWidth: 520 }}
          rowKey="month"
          pagination={false}
          dataSource={rows}
          locale={{ emptyText: t('db.monthlyReportsEmpty') }}
          columns={[
            { title: t('db.month'), dataIndex: 'month' },
            {
              title: t('db.revision'),
              key: 'revision',
              render: (_: unknown, row) => {
                const view = row.query.data;
                if (!view) return row.query.error ? problemMessage(row.query.error, baseT) : '…';
                const current = view.versions.find((v) => v.current);
                return `${t('db.revisionN', { n: view.revision })}${current ? ` · ${formatDateTime(language, current.generatedAt)}` : ''}`;
              },
            },
            {
              title: t('db.reportState'),
              key: 'state',
              render: (_: unknown, row) => {
                const view = row.query.data;
                if (!view) return null;
                return view.outOfDate ? (
                  <Tag color="#a8071a" data-testid={`report-out-of-date-${row.month}`}>
                    {t('db.outOfDate')}
                  </Tag>
                ) : (
                  <Tag color="#135200">{t('db.upToDate')}</Tag>
                );
              },
            },
            {
              title: t('db.download'),
              key: 'download',
              render: (_: unknown, row) => (
                <Space>
                  <Button size="small" icon={<DownloadOutlined />} aria-label={t('db.downloadCsv', { month: row.month })} onClick={() => void download(row.month, 'csv')}>
                    CSV
                  </Button>
                  <Button size="small" icon={<DownloadOutlined />} aria-label={t('db.downloadXlsx', { month: row.month })} onClick={() => void download(row.month, 'xlsx')}>
                    XLSX
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </div>
    </div>
  );
}
