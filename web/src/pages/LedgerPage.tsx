import { Card, Table, Tooltip, Typography } from 'antd';
import { api } from '../api';
import { usePaged } from '../hooks';
import { actionLabel, chineseDateTime, subjectLabel } from '../format';
import { PageHead } from '../components/PageHead';
import { LoadError, tableEmpty, LoadMore } from '../components/Status';
import type { LedgerItem } from '../../../src/http/routes/ledger.schema';

function actorText(a: LedgerItem['actor']): string {
  if (a.name) return a.name;
  if (a.type === 'system') return '系统';
  if (a.type === 'anonymous') return '匿名';
  return a.id;
}

/** 留痕记录: every change, in the order the ledger recorded it. Read-only by nature. */
export function LedgerPage() {
  const ledger = usePaged((cursor) => api.ledger(cursor), []);

  return (
    <>
      <PageHead title="留痕记录" />
      <Card>
        <Typography.Paragraph type="secondary">
          每一项变更都按顺序记入留痕记录。记录只能追加，每条记录的哈希可供核验是否被改动。点击行首的“+”可查看变更内容。
        </Typography.Paragraph>
        {ledger.error && ledger.items.length === 0 ? (
          <LoadError error={ledger.error} onRetry={ledger.reload} />
        ) : (
          <>
            <Table<LedgerItem>
              rowKey="seq"
              size="middle"
              loading={ledger.loading}
              dataSource={ledger.items}
              pagination={false}
              locale={{ emptyText: tableEmpty(ledger.loading, '暂无留痕记录') }}
              expandable={{
                expandedRowRender: (e) => (
                  <div>
                    <div className="zf-muted">变更内容</div>
                    <pre className="zf-pre">{JSON.stringify(e.data, null, 2)}</pre>
                    <div className="zf-muted zf-gap-top-s">
                      叶哈希 <span className="zf-mono">{e.leafHash}</span>
                    </div>
                  </div>
                ),
              }}
              columns={[
                { title: '序号', dataIndex: 'seq', width: 90 },
                {
                  title: '时间',
                  dataIndex: 'recordedAt',
                  width: 190,
                  render: (v: string) => chineseDateTime(v),
                },
                {
                  title: '操作人',
                  dataIndex: 'actor',
                  width: 140,
                  render: (a: LedgerItem['actor']) => actorText(a),
                },
                {
                  title: '动作',
                  dataIndex: 'action',
                  width: 200,
                  render: (a: string) => {
                    const label = actionLabel(a);
                    return label === a ? (
                      <span className="zf-mono">{a}</span>
                    ) : (
                      <Tooltip title={<span className="zf-mono">{a}</span>}>{label}</Tooltip>
                    );
                  },
                },
                {
                  title: '对象',
                  dataIndex: 'subject',
                  render: (s: LedgerItem['subject']) => (
                    <span>
                      {subjectLabel(s.type)} <span className="zf-mono zf-muted">{s.id}</span>
                    </span>
                  ),
                },
              ]}
            />
            <LoadMore list={ledger} />
          </>
        )}
      </Card>
    </>
  );
}
