import { Card, Table, Typography } from 'antd';
import { api } from '../api';
import { usePaged } from '../hooks';
import { chineseDateTime } from '../format';
import { PageHead } from '../components/PageHead';
import { LedgerDetails } from '../components/LedgerDetails';
import { LoadError, tableEmpty, LoadMore } from '../components/Status';
import { CaseLink } from './case/case-shared';
import type { LedgerItem } from '../../../src/http/routes/ledger.schema';

/** 留痕记录: every change, in the order the ledger recorded it, as the server presents it. */
export function LedgerPage() {
  const ledger = usePaged((cursor) => api.ledger(cursor), []);

  return (
    <>
      <PageHead title="留痕记录" />
      <Card>
        <Typography.Paragraph type="secondary">
          每一项变更都按顺序记入留痕记录。记录只能追加，每条记录的哈希可供核验是否被改动。点击行首的“+”可查看详细内容。
        </Typography.Paragraph>
        {ledger.error && ledger.items.length === 0 ? (
          <LoadError error={ledger.error} onRetry={ledger.reload} />
        ) : (
          <>
            <Table<LedgerItem>
              rowKey="seq"
              size="middle"
              aria-label="留痕记录"
              loading={ledger.loading}
              dataSource={ledger.items}
              pagination={false}
              scroll={{ x: 960 }}
              locale={{ emptyText: tableEmpty(ledger.loading, '暂无留痕记录') }}
              expandable={{
                expandedRowRender: (e) => <LedgerDetails details={e.details} leafHash={e.leafHash} />,
              }}
              columns={[
                { title: '序号', dataIndex: 'seq', width: 80 },
                {
                  title: '时间',
                  dataIndex: 'recordedAt',
                  width: 170,
                  render: (v: string) => chineseDateTime(v),
                },
                { title: '操作人', dataIndex: 'actorName', width: 130 },
                { title: '操作', dataIndex: 'actionLabel', width: 190 },
                {
                  title: '对象',
                  key: 'subject',
                  width: 260,
                  render: (_: unknown, e) => (
                    <span>
                      {e.subjectLabel}
                      {e.subjectName && <span className="zf-muted"> {e.subjectName}</span>}
                    </span>
                  ),
                },
                {
                  title: '案件',
                  dataIndex: 'case',
                  render: (c: LedgerItem['case']) =>
                    c ? (
                      <CaseLink id={c.id}>
                        {c.number} <span className="zf-muted">{c.title}</span>
                      </CaseLink>
                    ) : (
                      <span className="zf-muted">—</span>
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
