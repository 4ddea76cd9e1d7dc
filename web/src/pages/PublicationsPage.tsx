import { useState } from 'react';
import { Button, Card, Radio, Space, Table, Tag, Typography } from 'antd';
import { ImportOutlined, ReloadOutlined } from '@ant-design/icons';
import { useAuth } from '../auth';
import { publicationApi } from '../publication-api';
import { workingDaysText } from '../publication-format';
import { chineseDate, chineseDateTime } from '../format';
import { useAsync, usePaged } from '../hooks';
import { PageHead } from '../components/PageHead';
import { LoadError, LoadMore, tableEmpty } from '../components/Status';
import { CaseLink } from './case/case-shared';
import { PublicationDrawer } from './publication/PublicationDrawer';
import { ImportModal } from './publication/ImportModal';
import {
  PUBLICATION_VIEW_LABELS,
  PUBLICATION_VIEWS,
  type PublicationView,
} from '../../../src/domain/publication-items';
import type { PublicationSummary } from '../../../src/http/routes/publications.schema';

/** What each list is about, said above it. */
const VIEW_HINTS: Record<PublicationView, string> = {
  pending:
    '行政处罚、行政许可决定自作出之日起 7 个工作日内公示，其他执法决定 20 个工作日内公示；承办人员核对脱敏后确认，由有权发布的人员发布。',
  overdue: '已超过公示期限仍未公示的事项，请尽快核对发布。',
  published: '已在公示网站公开的决定；决定被变更、撤销或确认违法的，应登记并在 3 个工作日内撤回。',
  withdrawalDue: '决定已被变更、撤销或确认违法，须在撤回期限内撤回并公开撤回理由。',
  withdrawn: '已撤回的决定，公示网站显示撤回理由。',
  expired: '公示期满后自动撤下的决定。',
};

/** The due date with the working days left; red once overdue, flagged when a year is unconfirmed. */
export function DueCell({ item }: { item: PublicationSummary }) {
  const late = item.workingDaysLeft !== null && item.workingDaysLeft < 0;
  return (
    <span>
      <span className={late ? 'zf-overdue' : undefined}>{chineseDate(item.due)}</span>
      {item.workingDaysLeft !== null && (
        <Tag
          color={late ? 'red' : item.workingDaysLeft <= 2 ? 'orange' : 'blue'}
          style={{ marginInlineStart: 6 }}
        >
          {workingDaysText(item.workingDaysLeft)}
        </Tag>
      )}
      {!item.dueConfirmed && <Tag color="orange">节假日安排未确认</Tag>}
    </span>
  );
}

/**
 * 公示管理 (事后公示, issue 14): the publication items by state with their counts, due dates and
 * responsible people; an item opens in a drawer for the masking review, publishing and withdrawal.
 * What a viewer may do with an item is what the server says (`permissions`).
 */
export function PublicationsPage() {
  const { can } = useAuth();
  const [view, setView] = useState<PublicationView>('pending');
  const [open, setOpen] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const [tick, setTick] = useState(0);
  const items = usePaged((cursor) => publicationApi.list(view, cursor), [view, tick]);
  const counts = useAsync(() => publicationApi.counts(), [tick]);
  const refresh = () => setTick((t) => t + 1);

  return (
    <>
      <PageHead
        title="公示管理"
        extra={
          <Space wrap>
            {can('publication.prepare') && (
              <Button icon={<ImportOutlined />} onClick={() => setImporting(true)}>
                导入决定
              </Button>
            )}
            <Button icon={<ReloadOutlined />} onClick={refresh}>
              刷新
            </Button>
          </Space>
        }
      />
      <Card>
        {/* Six lists: buttons that wrap on a phone (tabs would hide some behind a menu). */}
        <Radio.Group
          className="zf-block"
          optionType="button"
          buttonStyle="solid"
          aria-label="公示事项分类"
          value={view}
          onChange={(e) => setView(e.target.value as PublicationView)}
          style={{ display: 'flex', flexWrap: 'wrap', rowGap: 8 }}
          options={PUBLICATION_VIEWS.map((v) => {
            const n = counts.data?.[v];
            const urgent = n !== undefined && n.count > 0 && (v === 'overdue' || v === 'withdrawalDue');
            return {
              value: v,
              label: (
                <span>
                  {PUBLICATION_VIEW_LABELS[v]}
                  {n !== undefined && (
                    <span className={urgent ? 'zf-count zf-count-urgent' : 'zf-count'}>
                      {n.more ? `${n.count}+` : n.count}
                    </span>
                  )}
                </span>
              ),
            };
          })}
        />
        <Typography.Paragraph type="secondary">{VIEW_HINTS[view]}</Typography.Paragraph>
        {items.error && items.items.length === 0 ? (
          <LoadError error={items.error} onRetry={items.reload} />
        ) : (
          <>
            <Table<PublicationSummary>
              rowKey="id"
              className="zf-stack"
              loading={items.loading}
              dataSource={items.items}
              pagination={false}
              aria-label={`${PUBLICATION_VIEW_LABELS[view]}的事项`}
              locale={{ emptyText: tableEmpty(items.loading, `没有${PUBLICATION_VIEW_LABELS[view]}的事项`) }}
              onRow={(p) => ({ onDoubleClick: () => setOpen(p.id) })}
              columns={[
                {
                  title: '当事人',
                  dataIndex: 'partyName',
                  ellipsis: true,
                  render: (name: string, p) => (
                    <Button type="link" className="zf-link-cell" title={name} onClick={() => setOpen(p.id)}>
                      {name}
                    </Button>
                  ),
                },
                {
                  title: '决定书文号',
                  dataIndex: 'number',
                  width: 210,
                  render: (n: string | null) => n ?? <Tag>文号待填</Tag>,
                },
                { title: '类别', dataIndex: 'actTypeLabel', width: 90 },
                {
                  title: '决定日期',
                  dataIndex: 'decisionDate',
                  width: 130,
                  render: (d: string) => chineseDate(d),
                },
                view === 'published' || view === 'withdrawn' || view === 'expired'
                  ? {
                      title: '公示时间',
                      dataIndex: 'publishedAt',
                      width: 170,
                      render: (t: string | null) => (t ? chineseDateTime(t) : '—'),
                    }
                  : view === 'withdrawalDue'
                    ? {
                        title: '撤回期限',
                        dataIndex: 'withdrawalDue',
                        width: 170,
                        render: (d: string | null) => (d ? chineseDate(d) : '—'),
                      }
                    : {
                        title: '公示期限',
                        dataIndex: 'due',
                        width: 260,
                        render: (_: string, p) => <DueCell item={p} />,
                      },
                {
                  title: '责任单位 / 责任人',
                  key: 'responsible',
                  width: 170,
                  render: (_: unknown, p) => `${p.unit.name} ${p.responsibleName}`,
                },
                {
                  title: '案号',
                  dataIndex: 'caseNumber',
                  width: 200,
                  render: (n: string | null, p) =>
                    n && p.caseId ? <CaseLink id={p.caseId}>{n}</CaseLink> : '外部决定',
                },
              ]}
            />
            <LoadMore list={items} />
          </>
        )}
      </Card>
      {open && <PublicationDrawer id={open} onClose={() => setOpen(null)} onChanged={refresh} />}
      {importing && (
        <ImportModal
          onClose={() => setImporting(false)}
          onImported={() => {
            setView('pending');
            refresh();
          }}
        />
      )}
    </>
  );
}
