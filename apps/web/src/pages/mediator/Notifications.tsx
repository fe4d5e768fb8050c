import { Button, Checkbox, List, Space, Typography, message } from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { ProblemAlert } from '../../components/problem';
import { formatDateTime } from '../../i18n/format';
import { postCommand } from './command';
import { useDeskI18n } from './i18n';
import { ToneTag } from './ToneTag';
import { getJson, type NotificationItem, type NotificationPage } from './model';

/** Where the record a notification is about is shown. */
function subjectPath(n: NotificationItem): string | null {
  switch (n.subject.kind) {
    case 'dispute':
      return `/workspace/cases/${n.subject.id}`;
    case 'mediation':
      return `/workspace/mediations/${n.subject.id}`;
    case 'complaint':
      return `/workspace/complaints/${n.subject.id}`;
    case 'alert':
      return '/workspace/alerts';
    default:
      return null;
  }
}

/**
 * The caller's notifications (assigned to me, a clock of mine due soon or overdue, an alert routed
 * to my sub-district...), newest first, each with its title in the user's language as the server
 * wrote it. Opening one marks it read; "mark all as read" marks those shown until now (later ones
 * stay unread). The bell in the header shows the unread count (components/AppShell).
 */
export function Notifications() {
  const { t, language } = useDeskI18n();
  const queryClient = useQueryClient();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState(1);
  const [error, setError] = useState<unknown>(null);
  const list = useQuery({
    queryKey: ['notifications', 'list', unreadOnly, page],
    queryFn: () => getJson<NotificationPage>(`/api/v1/notifications?page=${page}&pageSize=20${unreadOnly ? '&unread=true' : ''}`),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
  const changed = () => queryClient.invalidateQueries({ queryKey: ['notifications'] });

  const markRead = async (n: NotificationItem) => {
    if (n.read) return;
    setError(null);
    try {
      await postCommand(`/api/v1/notifications/${n.id}/read`, null, {});
      await changed();
    } catch (failure) {
      setError(failure);
    }
  };
  const readAll = async () => {
    setError(null);
    try {
      await postCommand('/api/v1/notifications/read-all', null, {});
      void message.success(t('desk.notes.allRead'));
      await changed();
    } catch (failure) {
      setError(failure);
    }
  };

  const data = list.data;
  return (
    <section aria-labelledby="notes-title">
      <Typography.Title level={1} id="notes-title" style={{ fontSize: 24 }}>
        {t('desk.notes.title')}
      </Typography.Title>
      <ProblemAlert error={list.error ?? error} />
      <Space wrap style={{ marginBottom: 16 }}>
        <Checkbox
          checked={unreadOnly}
          onChange={(e) => {
            setUnreadOnly(e.target.checked);
            setPage(1);
          }}
        >
          {t('desk.notes.unreadOnly')}
        </Checkbox>
        <Button onClick={readAll} disabled={!data?.unread} data-testid="read-all">
          {t('desk.notes.readAll')}
        </Button>
        {data ? <Typography.Text data-testid="notes-counts">{t('desk.notes.counts', { total: data.total, unread: data.unread })}</Typography.Text> : null}
      </Space>
      <List<NotificationItem>
        loading={list.isLoading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('desk.notes.empty') }}
        pagination={data && data.total > data.pageSize ? { current: page, pageSize: data.pageSize, total: data.total, onChange: setPage, showSizeChanger: false } : false}
        renderItem={(n) => {
          const to = subjectPath(n);
          return (
            <List.Item
              data-testid="notification"
              className={n.read ? undefined : 'lc-unread'}
              actions={[
                to ? (
                  <Link key="open" to={to} onClick={() => void markRead(n)}>
                    {t('desk.notes.open')}
                  </Link>
                ) : null,
                n.read ? null : (
                  <Button key="read" size="small" onClick={() => void markRead(n)}>
                    {t('desk.notes.markRead')}
                  </Button>
                ),
              ].filter(Boolean)}
            >
              <List.Item.Meta
                title={
                  <Space wrap>
                    <ToneTag tone={n.read ? 'grey' : 'blue'}>{n.read ? t('desk.notes.read') : t('desk.notes.unread')}</ToneTag>
                    <span>{language === 'zh' ? n.title.zh : n.title.en}</span>
                  </Space>
                }
                description={formatDateTime(language, n.createdAt)}
              />
            </List.Item>
          );
        }}
      />
    </section>
  );
}
