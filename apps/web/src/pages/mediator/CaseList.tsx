import { Checkbox, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, answer } from '../../api/client';
import type { paths } from '../../api/schema';
import type { Page } from '../../api/types';
import { useSession } from '../../auth/use-session';
import { ProblemAlert } from '../../components/problem';
import type { MessageKey } from '../../i18n';
import { formatYuan } from '../../i18n/format';
import { useDeskI18n } from './i18n';
import { SortSelect, useListParams } from './list-controls';
import { CATEGORIES, useMediatorNames, type DisputeListItem } from './model';

const SORTS = ['-openedOn', 'openedOn', '-updatedAt', '-amountClaimedFen', '-workersInvolved', 'caseNo'] as const;
type ListQuery = NonNullable<paths['/api/v1/disputes']['get']['parameters']['query']>;

/**
 * The dispute cases the caller may see, with filters, search and sorting. The filters live in the
 * address (?status=open&q=...), so a list can be bookmarked, shared and come back to.
 */
export function CaseList() {
  const { t, label, language } = useDeskI18n();
  const session = useSession();
  const names = useMediatorNames();
  const { params, set, page } = useListParams();
  const status = params.get('status') ?? 'open';
  const category = params.get('category') ?? '';
  const q = params.get('q') ?? '';
  const mine = params.get('mine') === '1';
  const group = params.get('group') === '1';
  const sort = params.get('sort') ?? '-openedOn';

  const query = {
    ...(status !== 'all' ? { status } : {}),
    ...(category ? { category } : {}),
    ...(q ? { q } : {}),
    ...(mine && session ? { mediatorId: session.user.id } : {}),
    ...(group ? { groupDispute: 'true' } : {}),
    sort,
    page,
    pageSize: 20,
  } as unknown as ListQuery;
  const list = useQuery({
    queryKey: ['disputes', query],
    queryFn: () => answer<Page<DisputeListItem>>(api.GET('/api/v1/disputes', { params: { query } })),
    placeholderData: keepPreviousData,
  });

  return (
    <section aria-labelledby="cases-title">
      <Typography.Title level={1} id="cases-title" style={{ fontSize: 24 }}>
        {t('ws.nav.cases')}
      </Typography.Title>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          aria-label={t('ws.filter.search')}
          placeholder={t('ws.filter.search')}
          defaultValue={q}
          allowClear
          onSearch={(value) => set({ q: value.trim() })}
          style={{ width: 320, maxWidth: '100%' }}
        />
        <Select
          aria-label={t('ws.filter.status')}
          value={status}
          onChange={(value) => set({ status: value })}
          style={{ width: 120 }}
          options={[
            { value: 'all', label: t('ws.filter.all') },
            { value: 'open', label: t('disputeStatus.open') },
            { value: 'resolved', label: t('disputeStatus.resolved') },
          ]}
        />
        <Select
          aria-label={t('ws.filter.category')}
          value={category}
          onChange={(value) => set({ category: value })}
          style={{ width: 140 }}
          options={[{ value: '', label: t('ws.filter.all') }, ...CATEGORIES.map((c) => ({ value: c, label: label('category', c) }))]}
        />
        <SortSelect label={t('ws.filter.sort')} value={sort} sorts={SORTS} wordFor={(s) => t(`ws.sort.${s}` as MessageKey)} onChange={(value) => set({ sort: value })} />
        <Checkbox checked={mine} onChange={(e) => set({ mine: e.target.checked ? '1' : null })}>
          {t('ws.filter.mine')}
        </Checkbox>
        <Checkbox checked={group} onChange={(e) => set({ group: e.target.checked ? '1' : null })}>
          {t('ws.filter.group')}
        </Checkbox>
      </Space>
      <ProblemAlert error={list.error} />
      <Table<DisputeListItem>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: true }}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, showSizeChanger: false, onChange: (p) => set({ page: String(p) }) }}
        columns={[
          { title: t('ws.col.caseNo'), key: 'caseNo', render: (_, d) => <Link to={`/workspace/cases/${d.id}`}>{d.caseNo}</Link> },
          {
            title: t('ws.col.employer'),
            key: 'employer',
            render: (_, d) => (
              <>
                {d.employer.name}
                {d.groupDispute ? (
                  <Tag color="red" style={{ marginLeft: 8 }}>
                    30+
                  </Tag>
                ) : null}
              </>
            ),
          },
          { title: t('ws.col.category'), key: 'category', render: (_, d) => label('category', d.category) },
          { title: t('ws.col.status'), key: 'status', render: (_, d) => label('disputeStatus', d.status) },
          { title: t('ws.col.workers'), dataIndex: 'workersInvolved', align: 'right' },
          { title: t('ws.col.claimed'), key: 'claimed', align: 'right', render: (_, d) => formatYuan(language, d.amountClaimedFen) },
          { title: t('ws.col.recovered'), key: 'recovered', align: 'right', render: (_, d) => formatYuan(language, d.amountRecoveredFen) },
          { title: t('ws.col.openedOn'), dataIndex: 'openedOn' },
          { title: t('desk.col.mediator'), key: 'mediator', render: (_, d) => (d.mediatorId ? names.get(d.mediatorId) ?? '' : t('ws.case.unassigned')) },
        ]}
      />
    </section>
  );
}
