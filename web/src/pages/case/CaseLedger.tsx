import { Table } from 'antd';
import { caseApi } from '../../case-api';
import { chineseDateTime } from '../../format';
import { useAsync } from '../../hooks';
import { LedgerDetails } from '../../components/LedgerDetails';
import { LoadError, Nothing } from '../../components/Status';
import type { CaseLedgerEntry } from '../../../../src/http/routes/ledger.schema';

/** 留痕: the ledger entries of the case, its steps and its records, in ledger order, as the server presents them. */
export function CaseLedger({ caseId }: { caseId: string }) {
  const ledger = useAsync(() => caseApi.caseLedger(caseId), [caseId]);
  if (ledger.error) return <LoadError error={ledger.error} onRetry={ledger.reload} />;
  return (
    <Table<CaseLedgerEntry>
      rowKey="seq"
      size="small"
      aria-label="留痕记录"
      loading={ledger.loading}
      pagination={false}
      scroll={{ x: 720 }}
      dataSource={ledger.data ?? []}
      locale={{ emptyText: <Nothing text="暂无留痕记录" /> }}
      expandable={{
        expandedRowRender: (e) => <LedgerDetails details={e.details} leafHash={e.leafHash} />,
      }}
      columns={[
        { title: '序号', dataIndex: 'seq', width: 70 },
        { title: '时间', dataIndex: 'at', width: 170, render: (v: string) => chineseDateTime(v) },
        { title: '操作人', dataIndex: 'actorName', width: 110 },
        { title: '操作', dataIndex: 'actionLabel', width: 220 },
        {
          title: '对象',
          key: 'subject',
          render: (_: unknown, e) => (
            <span>
              {e.subjectLabel}
              {e.subjectName && <span className="zf-muted"> {e.subjectName}</span>}
            </span>
          ),
        },
      ]}
    />
  );
}
