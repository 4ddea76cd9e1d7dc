import { useMemo, useState } from 'react';
import { Button, Card, Input, Select, Table, Typography } from 'antd';
import { archiveApi } from '../archive-api';
import { yearOptions } from '../archive-format';
import { chineseDate, shanghaiToday } from '../format';
import { usePaged } from '../hooks';
import { PageHead } from '../components/PageHead';
import { LoadError, tableEmpty, LoadMore } from '../components/Status';
import { CaseFileDrawer } from './case/CaseFileDetail';
import { CaseLink } from './case/case-shared';
import type { CaseFileSummary } from '../../../src/http/routes/archives.schema';

/** 档案登记: archived case files, searched by 档号 / 案号 / 当事人 and year. */
export function ArchiveRegistryPage() {
  const [q, setQ] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [year, setYear] = useState<number | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const files = usePaged((cursor) => archiveApi.caseFiles({ state: 'archived', q, year }, cursor), [q, year]);
  const years = useMemo(() => yearOptions(Number(shanghaiToday().slice(0, 4))), []);
  const filtered = q !== null || year !== null;

  return (
    <>
      <PageHead title="档案登记" />
      <Card>
        <div className="zf-toolbar" role="search" aria-label="档案检索">
          <Input.Search
            placeholder="档号、案号或当事人（开头）"
            aria-label="档号、案号或当事人"
            allowClear
            style={{ width: 300 }}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onSearch={(v) => setQ(v.trim() || null)}
          />
          <Select
            placeholder="全部年度"
            aria-label="归档年度"
            allowClear
            style={{ width: 130 }}
            value={year}
            onChange={(v: number | undefined) => setYear(v ?? null)}
            options={years.map((y) => ({ value: y, label: `${y} 年` }))}
          />
          {filtered && (
            <Button
              type="link"
              onClick={() => {
                setText('');
                setQ(null);
                setYear(null);
              }}
            >
              清除筛选
            </Button>
          )}
        </div>
        <Typography.Paragraph type="secondary">
          已接收归档的案卷。打开案卷可查看封面和卷内目录，有权限的可导出归档包（导出须说明事由并留痕）。
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
              scroll={{ x: 1100 }}
              aria-label="已归档的案卷"
              locale={{
                emptyText: tableEmpty(files.loading, filtered ? '没有符合条件的案卷' : '暂无归档案卷'),
              }}
              onRow={(f) => ({ onDoubleClick: () => setOpen(f.id) })}
              columns={[
                {
                  title: '档号',
                  dataIndex: 'archiveNumber',
                  width: 200,
                  render: (n: string | null, f) => (
                    <Button type="link" className="zf-link-cell" onClick={() => setOpen(f.id)}>
                      {n ?? '（未编号）'}
                    </Button>
                  ),
                },
                {
                  title: '案卷题名',
                  dataIndex: 'caseName',
                  ellipsis: true,
                  render: (name: string | null) => name || '—',
                },
                {
                  title: '案号',
                  dataIndex: 'caseNumber',
                  width: 200,
                  render: (n: string, f) => <CaseLink id={f.caseId}>{n}</CaseLink>,
                },
                { title: '当事人', dataIndex: 'partyName', width: 170, ellipsis: true },
                {
                  title: '结案日期',
                  dataIndex: 'closedOn',
                  width: 150,
                  render: (d: string | null) => (d ? chineseDate(d) : '—'),
                },
                {
                  title: '归档日期',
                  dataIndex: 'archivedOn',
                  width: 150,
                  render: (d: string | null) => (d ? chineseDate(d) : '—'),
                },
                { title: '保管期限', dataIndex: 'retentionLabel', width: 100 },
              ]}
            />
            <LoadMore list={files} />
          </>
        )}
      </Card>
      {open && <CaseFileDrawer id={open} onClose={() => setOpen(null)} />}
    </>
  );
}
