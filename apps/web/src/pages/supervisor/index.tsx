import { Alert, Col, DatePicker, Row, Segmented, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { Link, Route, Routes, useSearchParams } from 'react-router';
import { answer, api } from '../../api/client';
import type { Page, SubDistrictCode } from '../../api/types';
import { useSession } from '../../auth/use-session';
import { Chart, type ChartOption } from '../../components/Chart';
import { GradeTag } from '../../components/GradeTag';
import { problemMessage } from '../../components/problem';
import { useDashboardI18n as useI18n } from './i18n';
import { chinaToday, formatDateTime, formatWan } from '../../i18n/format';
import type { DisputeListItem } from '../mediator/model';
import { Attention } from './Attention';
import { EnterprisePage } from './EnterprisePage';
import { endedMonths, MonthlyReports } from './MonthlyReports';
import { annualYear, monthsQuery, periodQuery, readPeriod, type DashboardPeriod, type PeriodKind } from './period';
import type { AnnualReport, ByCategory, ByMonth, BySubDistrict, ClockItem, Fresh, Freshness, Summary, WatchList } from './types';

/** The figures refresh by themselves while the page is open (and when it gets the focus again). */
const REFRESH_MS = 15_000;
const SUB_DISTRICTS: SubDistrictCode[] = ['pinghu', 'bantian', 'buji', 'nanwan', 'jihua', 'henggang', 'yuanshan', 'longcheng', 'longgang', 'baolong', 'pingdi'];
const wan = (fen: number) => Number(formatWan(fen));

function PeriodPicker({ value, onChange }: { value: DashboardPeriod; onChange: (next: DashboardPeriod) => void }) {
  const { t } = useI18n();
  const kinds: Array<{ value: PeriodKind; label: string }> = [
    { value: 'month', label: t('supervisor.periodMonth') },
    { value: 'quarter', label: t('supervisor.periodQuarter') },
    { value: 'year', label: t('supervisor.periodYear') },
    { value: 'custom', label: t('supervisor.periodCustom') },
  ];
  const anchor = dayjs(value.kind === 'custom' ? value.from : value.period?.replace(/-Q(\d)/, (_m, q: string) => `-${String((Number(q) - 1) * 3 + 1).padStart(2, '0')}`));
  const pick = (kind: PeriodKind, date: Dayjs) => {
    const year = date.year();
    if (kind === 'year') onChange({ kind, period: String(year) });
    else if (kind === 'month') onChange({ kind, period: date.format('YYYY-MM') });
    else if (kind === 'quarter') onChange({ kind, period: `${year}-Q${Math.floor(date.month() / 3) + 1}` });
    else onChange({ kind, from: date.startOf('month').format('YYYY-MM-DD'), to: date.endOf('month').format('YYYY-MM-DD') });
  };
  return (
    <Space wrap>
      <Segmented aria-label={t('supervisor.period')} options={kinds} value={value.kind} onChange={(kind) => pick(kind as PeriodKind, anchor.isValid() ? anchor : dayjs())} />
      {value.kind === 'custom' ? (
        <DatePicker.RangePicker
          aria-label={t('supervisor.period')}
          allowClear={false}
          value={[dayjs(value.from), dayjs(value.to)]}
          onChange={(range) => range?.[0] && range[1] && onChange({ kind: 'custom', from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') })}
        />
      ) : (
        <DatePicker
          aria-label={t('supervisor.period')}
          picker={value.kind}
          allowClear={false}
          value={anchor.isValid() ? anchor : undefined}
          onChange={(date) => date && pick(value.kind, date)}
        />
      )}
    </Space>
  );
}

/**
 * How current the figures are, from the answers' own `freshness`: up to date, or how many events
 * the read models still have to count (an import or a replay in progress); and the time of the
 * latest record counted by all of them (the oldest asOf).
 */
function FreshnessLine({ answers, fetchedAt, refreshing }: { answers: Array<Fresh | undefined>; fetchedAt: number; refreshing: boolean }) {
  const { t, language } = useI18n();
  const known = answers.map((a) => a?.freshness).filter((f): f is Freshness => Boolean(f));
  const times = known.map((f) => f.asOf).filter((at): at is string => at !== null);
  const asOf = times.length > 0 ? times.reduce((min, at) => (Date.parse(at) < Date.parse(min) ? at : min)) : undefined;
  const behind = known.reduce((sum, f) => sum + (f.upToDate ? 0 : Math.max(1, f.behindEvents)), 0);
  return (
    <div role="status" aria-live="polite" data-testid="freshness" style={{ marginBottom: 12 }}>
      <Typography.Text type="secondary">
        {[
          known.length === 0 ? t('app.loading') : behind === 0 ? t('db.freshness.current') : null,
          asOf ? t('db.freshness.lastEvent', { time: formatDateTime(language, asOf) }) : null,
          refreshing ? t('app.refreshing') : fetchedAt > 0 ? t('db.freshness.fetched', { seconds: REFRESH_MS / 1000, time: formatDateTime(language, new Date(fetchedAt)) }) : null,
        ]
          .filter(Boolean)
          .join(' · ')}
      </Typography.Text>
      {behind > 0 ? (
        <Alert type="warning" showIcon style={{ marginTop: 8 }} data-testid="freshness-behind" title={t('db.freshness.behind', { events: behind })} />
      ) : null}
    </div>
  );
}

function Tile({ title, value, precision, testId, suffix }: { title: string; value: number | undefined; precision?: number; testId: string; suffix?: string }) {
  return (
    <Col xs={12} md={8} xl={6}>
      <div className="lc-panel lc-tile" data-testid={testId}>
        {/* No thousands separator: the federation's reports write 2116.67万元 and 1076件. */}
        <Statistic title={title} value={value ?? '—'} precision={value === undefined ? undefined : precision} suffix={suffix} groupSeparator="" />
      </div>
    </Col>
  );
}

/** /dashboard and the enterprise pages its watch-list links to (/dashboard/enterprises/:creditCode). */
export default function SupervisorPage() {
  return (
    <Routes>
      <Route index element={<Dashboard />} />
      <Route path="enterprises/:creditCode" element={<EnterprisePage />} />
    </Routes>
  );
}

function Dashboard() {
  const { t, label, language } = useI18n();
  const session = useSession()!;
  const [params, setParams] = useSearchParams();
  const period = readPeriod(params, chinaToday());
  // A supervisor of one sub-district sees theirs; the district's supervisors and admins choose.
  const fixedSubDistrict = session.user.role === 'supervisor' ? session.user.subDistrict : null;
  const subDistrict = (fixedSubDistrict ?? params.get('subDistrict') ?? undefined) as SubDistrictCode | undefined;

  const setPeriod = (next: DashboardPeriod) => {
    const search = new URLSearchParams();
    if (next.kind === 'custom') {
      search.set('from', next.from!);
      search.set('to', next.to!);
    } else search.set('period', next.period!);
    if (params.get('subDistrict')) search.set('subDistrict', params.get('subDistrict')!);
    setParams(search, { replace: true });
  };
  const setSubDistrict = (code: string) => {
    const search = new URLSearchParams(params);
    if (code) search.set('subDistrict', code);
    else search.delete('subDistrict');
    setParams(search, { replace: true });
  };

  const live = { refetchInterval: REFRESH_MS, refetchIntervalInBackground: false };
  const key = [period, subDistrict];
  const summary = useQuery({
    queryKey: ['stats', 'summary', ...key],
    queryFn: () => answer<Summary & Fresh>(api.GET('/api/v1/stats/summary', { params: { query: { ...periodQuery(period), subDistrict } } })),
    ...live,
  });
  const byMonth = useQuery({
    queryKey: ['stats', 'by-month', ...key],
    queryFn: () => answer<ByMonth & Fresh>(api.GET('/api/v1/stats/by-month', { params: { query: { ...monthsQuery(period), subDistrict } } })),
    ...live,
  });
  const bySubDistrict = useQuery({
    queryKey: ['stats', 'by-sub-district', period],
    queryFn: () => answer<BySubDistrict & Fresh>(api.GET('/api/v1/stats/by-sub-district', { params: { query: periodQuery(period) } })),
    enabled: !fixedSubDistrict,
    ...live,
  });
  const byCategory = useQuery({
    queryKey: ['stats', 'by-category', ...key],
    queryFn: () => answer<ByCategory & Fresh>(api.GET('/api/v1/stats/by-category', { params: { query: { ...periodQuery(period), subDistrict } } })),
    ...live,
  });
  const year = annualYear(period);
  const annual = useQuery({
    queryKey: ['reports', 'annual', year, subDistrict, language],
    queryFn: () => answer<AnnualReport & Fresh>(api.GET('/api/v1/reports/annual', { params: { query: { year, subDistrict }, header: { 'accept-language': language === 'en' ? 'en' : 'zh-CN' } } })),
    enabled: year !== undefined,
    ...live,
  });
  const watchList = useQuery({
    queryKey: ['stats', 'watch-list', subDistrict],
    queryFn: () => answer<WatchList & Fresh>(api.GET('/api/v1/stats/watch-list', { params: { query: { subDistrict, limit: 10 } } })),
    ...live,
  });

  const groupDisputes = useQuery({
    queryKey: ['disputes', 'open-group', subDistrict],
    queryFn: () =>
      answer<Page<DisputeListItem> & Fresh>(
        api.GET('/api/v1/disputes', { params: { query: { status: 'open', groupDispute: 'true', subDistrict, sort: 'openedOn', pageSize: 10 } } }),
      ),
    ...live,
  });
  const overdue = useQuery({
    queryKey: ['clocks', 'overdue', subDistrict],
    queryFn: () => answer<Page<ClockItem> & Fresh>(api.GET('/api/v1/clocks', { params: { query: { status: 'overdue', subDistrict, sort: 'deadlineAt', pageSize: 10 } } })),
    ...live,
  });
  const months = endedMonths(period, chinaToday());

  const all = [summary, byMonth, bySubDistrict, byCategory, annual, watchList, groupDisputes, overdue];
  const updatedAt = Math.max(...all.map((q) => q.dataUpdatedAt));
  const refreshing = all.some((q) => q.isFetching);
  const failed = all.find((q) => q.error)?.error;
  const answers: Array<Fresh | undefined> = all.filter((q) => q.fetchStatus !== 'idle' || q.data).map((q) => q.data);
  const s = summary.data;

  const monthOption = useMemo<ChartOption>(() => {
    const months = byMonth.data?.months ?? [];
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 56, bottom: 32, top: 40 },
      xAxis: { type: 'category', data: months.map((m) => m.month) },
      yAxis: [{ type: 'value', name: t('supervisor.chartDisputes') }, { type: 'value', name: t('supervisor.chartAmount') }],
      series: [
        { name: t('supervisor.chartDisputes'), type: 'bar', data: months.map((m) => m.disputes.resolved), itemStyle: { color: '#b7202e' } },
        { name: t('supervisor.chartAmount'), type: 'line', yAxisIndex: 1, data: months.map((m) => wan(m.disputes.amountRecoveredFen)), itemStyle: { color: '#1f4fa8' } },
      ],
    };
  }, [byMonth.data, t]);

  const subDistrictOption = useMemo<ChartOption>(() => {
    const items = bySubDistrict.data?.items ?? [];
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 56, bottom: 56, top: 40 },
      xAxis: { type: 'category', data: items.map((i) => label('subDistrict', i.subDistrict)), axisLabel: { interval: 0, rotate: 30 } },
      yAxis: [{ type: 'value', name: t('supervisor.chartDisputes') }, { type: 'value', name: t('supervisor.chartAmount') }],
      series: [
        { name: t('supervisor.chartDisputes'), type: 'bar', data: items.map((i) => i.disputes.resolved), itemStyle: { color: '#b7202e' } },
        { name: t('supervisor.chartAmount'), type: 'bar', yAxisIndex: 1, data: items.map((i) => wan(i.disputes.amountRecoveredFen)), itemStyle: { color: '#1f4fa8' } },
      ],
    };
  }, [bySubDistrict.data, t, label]);

  const categoryOption = useMemo<ChartOption>(() => {
    const items = byCategory.data?.items ?? [];
    return {
      tooltip: { trigger: 'item' },
      legend: { bottom: 0, type: 'plain' },
      series: [
        {
          name: t('supervisor.chartDisputes'),
          type: 'pie',
          radius: ['35%', '65%'],
          data: items.map((i) => ({ name: label('category', i.category), value: i.disputes.resolved + i.mediations.concluded })),
        },
      ],
    };
  }, [byCategory.data, t, label]);

  return (
    <section aria-labelledby="dashboard-title">
      <div className="lc-toolbar">
        <Typography.Title level={1} id="dashboard-title" style={{ fontSize: 24, margin: 0 }}>
          {t('supervisor.title')}
        </Typography.Title>
        <Space wrap>
          <PeriodPicker value={period} onChange={setPeriod} />
          <Select
            aria-label={t('supervisor.subDistrict')}
            style={{ minWidth: 140 }}
            value={subDistrict ?? ''}
            disabled={Boolean(fixedSubDistrict)}
            onChange={setSubDistrict}
            options={[{ value: '', label: t('supervisor.allSubDistricts') }, ...SUB_DISTRICTS.map((code) => ({ value: code, label: label('subDistrict', code) }))]}
            data-testid="sub-district-select"
          />
        </Space>
      </div>
      <FreshnessLine answers={answers} fetchedAt={updatedAt} refreshing={refreshing} />
      {failed ? <Alert type="error" showIcon title={problemMessage(failed, t)} style={{ marginBottom: 16 }} /> : null}

      <Row gutter={[12, 12]}>
        <Tile title={t('supervisor.disputesResolved')} value={s?.disputes.resolved} testId="tile-disputes-resolved" />
        <Tile title={t('supervisor.amountRecovered')} value={s ? wan(s.disputes.amountRecoveredFen) : undefined} precision={2} testId="tile-amount-recovered" />
        <Tile title={t('supervisor.groupDisputes')} value={s?.disputes.groupDisputes} testId="tile-group-disputes" />
        <Tile title={t('supervisor.complaintsHandled')} value={s?.complaints.handled} testId="tile-complaints-handled" />
        <Tile title={t('supervisor.mediationsConcluded')} value={s?.mediations.concluded} testId="tile-mediations-concluded" />
        <Tile title={t('supervisor.mediationAmount')} value={s ? wan(s.mediations.amountRecoveredFen) : undefined} precision={2} testId="tile-mediation-amount" />
        <Tile title={t('supervisor.alerts')} value={s?.alerts.submitted} testId="tile-alerts" />
        <Tile title={t('supervisor.medianPickup')} value={s?.alerts.medianMinutesToAcknowledge} precision={1} suffix={t('supervisor.minutes')} testId="tile-median-pickup" />
      </Row>
      {s && (
        <Space wrap style={{ marginTop: 8 }} aria-label={t('supervisor.alertsByGrade')}>
          <GradeTag grade="red"> {s.alerts.red}</GradeTag>
          <GradeTag grade="yellow"> {s.alerts.yellow}</GradeTag>
          <GradeTag grade="green"> {s.alerts.green}</GradeTag>
        </Space>
      )}

      {year !== undefined && (
        <div className="lc-panel" style={{ marginTop: 16 }}>
          <Typography.Title level={2} style={{ fontSize: 18 }}>
            {t('supervisor.annualSentence')}
          </Typography.Title>
          <Typography.Paragraph data-testid="annual-sentence" style={{ marginBottom: 0 }}>
            {annual.data?.text ?? '…'}
          </Typography.Paragraph>
        </div>
      )}

      <Row gutter={[12, 12]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={12}>
          <div className="lc-panel">
            <Typography.Title level={2} style={{ fontSize: 18 }}>
              {t('supervisor.byMonth')}
            </Typography.Title>
            <Chart option={monthOption} label={t('supervisor.byMonth')} testId="chart-by-month" />
          </div>
        </Col>
        {!fixedSubDistrict && (
          <Col xs={24} xl={12}>
            <div className="lc-panel">
              <Typography.Title level={2} style={{ fontSize: 18 }}>
                {t('supervisor.bySubDistrict')}
              </Typography.Title>
              <Chart option={subDistrictOption} label={t('supervisor.bySubDistrict')} testId="chart-by-sub-district" />
            </div>
          </Col>
        )}
        <Col xs={24} xl={12}>
          <div className="lc-panel">
            <Typography.Title level={2} style={{ fontSize: 18 }}>
              {t('supervisor.byCategory')}
            </Typography.Title>
            <Chart option={categoryOption} label={t('supervisor.byCategory')} testId="chart-by-category" />
          </div>
        </Col>
        <Col xs={24} xl={12}>
          <div className="lc-panel">
            <Typography.Title level={2} style={{ fontSize: 18 }}>
              {t('supervisor.watchList')}
            </Typography.Title>
            <div className="lc-scroll" tabIndex={0} role="region" aria-label={t('supervisor.watchList')}>
            <Table
              size="small"
              style={{ minWidth: 520 }}
              rowKey="creditCode"
              pagination={false}
              loading={watchList.isLoading}
              dataSource={watchList.data?.items ?? []}
              columns={[
                {
                  title: t('supervisor.enterprise'),
                  dataIndex: 'name',
                  render: (name: string | null, row) => (
                    <Link to={`/dashboard/enterprises/${row.creditCode}`} data-testid={`watch-${row.creditCode}`}>
                      {name ?? row.creditCode}
                    </Link>
                  ),
                },
                { title: t('supervisor.score'), dataIndex: 'score' },
                { title: t('supervisor.disputes'), dataIndex: 'disputes' },
                { title: t('supervisor.alerts'), dataIndex: 'alerts' },
                {
                  title: t('supervisor.reasons'),
                  dataIndex: 'reasons',
                  render: (reasons: string[]) => reasons.map((r) => <Tag key={r}>{label('watchReason', r)}</Tag>),
                },
              ]}
            />
            </div>
          </div>
        </Col>
      </Row>

      <Attention groupDisputes={groupDisputes} overdue={overdue} />

      <div style={{ marginTop: 16 }}>
        <MonthlyReports months={months} subDistrict={subDistrict} refetchInterval={REFRESH_MS * 4} />
      </div>
    </section>
  );
}
