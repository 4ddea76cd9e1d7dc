import { Table, Tag, Typography } from 'antd';
import { publicationApi } from '../../publication-api';
import { chineseDateTime } from '../../format';
import { useAsync } from '../../hooks';
import { LoadError, tableEmpty } from '../../components/Status';
import type { Delivery } from '../../../../src/http/routes/outbox.schema';

const STATE_COLOURS: Record<string, string> = { pending: 'gold', delivered: 'green', dead: 'red' };

/**
 * 推送状态 (PUB-03): each delivery of this item's publication, withdrawal or take-down to each
 * receiving platform, as the outbox reports it — attempts, the last problem, when delivered.
 */
export function DeliveryStatus({ itemId, version }: { itemId: string; version: string }) {
  const list = useAsync(() => publicationApi.deliveries(itemId), [itemId, version]);
  return (
    <section aria-labelledby="zf-deliveries" className="zf-block">
      <Typography.Title level={5} id="zf-deliveries">
        推送状态
      </Typography.Title>
      {list.error && !list.data ? (
        <LoadError error={list.error} onRetry={list.reload} />
      ) : (
        <Table<Delivery>
          rowKey="id"
          size="small"
          className="zf-stack"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          pagination={false}
          aria-label="推送状态"
          locale={{ emptyText: tableEmpty(list.loading, '尚未配置接收平台，或暂无推送') }}
          columns={[
            { title: '接收平台', dataIndex: 'platformName' },
            { title: '推送内容', dataIndex: 'eventLabel', width: 100 },
            {
              title: '状态',
              dataIndex: 'stateLabel',
              width: 100,
              render: (label: string, d) => <Tag color={STATE_COLOURS[d.state]}>{label}</Tag>,
            },
            { title: '尝试次数', dataIndex: 'attempts', width: 90 },
            {
              title: '投递时间',
              dataIndex: 'deliveredAt',
              width: 170,
              render: (t: string | null) => (t ? chineseDateTime(t) : '—'),
            },
            {
              title: '最近问题',
              dataIndex: 'lastError',
              render: (e: string | null, d) =>
                e ??
                (d.state === 'pending' && d.nextAttemptAt
                  ? `下次尝试 ${chineseDateTime(d.nextAttemptAt)}`
                  : '—'),
            },
          ]}
        />
      )}
    </section>
  );
}
