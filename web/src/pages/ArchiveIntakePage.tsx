import { useState } from 'react';
import { Button, Card, Table, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { archiveApi } from '../archive-api';
import { chineseDate } from '../format';
import { usePaged } from '../hooks';
import { PageHead } from '../components/PageHead';
import { LoadError, tableEmpty, LoadMore } from '../components/Status';
import { CaseFileDrawer } from './case/CaseFileDetail';
import { CaseLink } from './case/case-shared';
import type { CaseFileSummary } from '../../../src/http/routes/archives.schema';

/** 归档接收: case files of closed cases waiting for 综合科 to accept them into the archive. */
export function ArchiveIntakePage() {
  const files = usePaged((cursor) => archiveApi.caseFiles({ state: 'pending' }, cursor), []);
  const [open, setOpen] = useState<string | null>(null);

  return (
    <>
      <PageHead
        title="归档接收"
        extra={
          <Button icon={<ReloadOutlined />} onClick={files.reload}>
            刷新
          </Button>
        }
      />
      <Card>
        <Typography.Paragraph type="secondary">
          案件办结后生成案卷，待综合科核对封面、卷内目录和缺失事项后接收归档；接收时编定档号。
        </Typography.Paragraph>
        {files.error && files.items.length === 0 ? (
          <LoadError error={files.error} onRetry={files.reload} />
        ) : (
          <>
            <Table<CaseFileSummary>
              rowKey="id"
              loading={files.loading}
              dataSource={files.items}
              pagination={false}
              scroll={{ x: 1000 }}
              aria-label="待接收的案卷"
              locale={{ emptyText: tableEmpty(files.loading, '没有待接收的案卷') }}
              onRow={(f) => ({ onDoubleClick: () => setOpen(f.id) })}
              columns={[
                {
                  title: '案卷题名',
                  dataIndex: 'caseName',
                  ellipsis: true,
                  render: (name: string | null, f) => {
                    const text = name || `${f.partyName}案卷`;
                    // A long name ends in “…” inside the link, with the whole name on hover.
                    return (
                      <Button
                        type="link"
                        className="zf-link-cell"
                        style={{ maxWidth: '100%' }}
                        title={text}
                        onClick={() => setOpen(f.id)}
                      >
                        <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{text}</span>
                      </Button>
                    );
                  },
                },
                {
                  title: '案号',
                  dataIndex: 'caseNumber',
                  width: 200,
                  render: (n: string, f) => <CaseLink id={f.caseId}>{n}</CaseLink>,
                },
                { title: '当事人', dataIndex: 'partyName', width: 180, ellipsis: true },
                {
                  title: '结案日期',
                  dataIndex: 'closedOn',
                  width: 150,
                  render: (d: string | null) => (d ? chineseDate(d) : '—'),
                },
                { title: '保管期限', dataIndex: 'retentionLabel', width: 100 },
                {
                  title: '缺失事项',
                  dataIndex: 'missingCount',
                  width: 110,
                  render: (n: number) =>
                    n > 0 ? <Tag color="red">缺 {n} 项</Tag> : <Tag color="green">齐全</Tag>,
                },
                {
                  title: '操作',
                  key: 'ops',
                  width: 100,
                  render: (_: unknown, f) => (
                    <Button size="small" type="primary" onClick={() => setOpen(f.id)}>
                      核对接收
                    </Button>
                  ),
                },
              ]}
            />
            <LoadMore list={files} />
          </>
        )}
      </Card>
      {open && (
        <CaseFileDrawer
          id={open}
          onClose={() => setOpen(null)}
          onAccepted={(cf) => files.update((list) => list.filter((x) => x.id !== cf.id))}
        />
      )}
    </>
  );
}
