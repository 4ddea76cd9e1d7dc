import { useEffect, useState } from 'react';
import { Button, Card, Table, Tooltip, Typography } from 'antd';
import { api } from '../api';
import { useAuth } from '../auth';
import { usePaged } from '../hooks';
import { chineseDateTime } from '../format';
import { formatBytes, MEDIA_KIND_LABELS, mediaKind, shortHash } from '../files';
import { uploads } from '../uploads';
import { PageHead } from '../components/PageHead';
import { LoadError, tableEmpty, LoadMore } from '../components/Status';
import { RecordDrawer } from './case/RecordDrawer';
import { RecordUploads } from './case/RecordUploads';
import type { RecordListItem, RecordView } from '../../../src/http/routes/records.schema';
import { CaseLink, useCaseMeta } from './case/case-shared';

/** 记录资料: files kept as evidence (recordings, photos, documents) and who read them. */
export function RecordsPage() {
  const { can } = useAuth();
  const records = usePaged((cursor) => api.records(cursor), []);
  // The kinds are named as on the case page: the server's one table (RECORD_KIND_LABELS).
  const meta = useCaseMeta();
  const [open, setOpen] = useState<RecordView | null>(null);
  const { update, reload } = records;

  // A finished upload goes to the top of the list at once (newest first, as the server sorts); a
  // case record is read again so that it comes with its case's number.
  useEffect(
    () =>
      uploads.onRecord((r) => {
        if (r.caseId !== null) reload();
        else update((items) => [{ ...r, case: null }, ...items.filter((x) => x.id !== r.id)]);
      }),
    [update, reload],
  );

  return (
    <>
      <PageHead title="记录资料" />
      {can('record.create') && <RecordUploads onOpen={setOpen} />}
      <Card title="已存记录">
        <Typography.Paragraph type="secondary">
          文件保存后不可修改，系统计算其 SHA-256 与 SM3
          校验值以供核验。查看或下载文件须先填写调阅事由，每次调阅都会记录在案。
        </Typography.Paragraph>
        {records.error && records.items.length === 0 ? (
          <LoadError error={records.error} onRetry={records.reload} />
        ) : (
          <>
            <Table<RecordListItem>
              rowKey="id"
              size="middle"
              loading={records.loading}
              dataSource={records.items}
              pagination={false}
              scroll={{ x: 1100 }}
              locale={{ emptyText: tableEmpty(records.loading, '暂无记录资料') }}
              onRow={(r) => ({ onDoubleClick: () => setOpen(r) })}
              columns={[
                {
                  title: '文件名',
                  dataIndex: 'fileName',
                  ellipsis: true,
                  render: (name: string, r) => (
                    <Button
                      type="link"
                      size="small"
                      className="zf-link-cell zf-file-link"
                      title={name}
                      onClick={() => setOpen(r)}
                    >
                      {name}
                    </Button>
                  ),
                },
                {
                  title: '所属案件',
                  dataIndex: 'case',
                  width: 230,
                  ellipsis: { showTitle: false },
                  render: (c: RecordListItem['case']) =>
                    c ? (
                      <span title={`${c.number} ${c.title}`}>
                        <CaseLink id={c.id}>{c.number}</CaseLink>
                        <div className="zf-muted zf-small zf-ellipsis">{c.title}</div>
                      </span>
                    ) : (
                      <span className="zf-muted">未关联案件</span>
                    ),
                },
                {
                  title: '类型',
                  dataIndex: 'kind',
                  width: 130,
                  render: (k: RecordListItem['kind'], r) =>
                    k ? (
                      (meta.data?.recordKinds[k] ?? '')
                    ) : (
                      <Tooltip title={<span className="zf-mono">{r.mediaType}</span>}>
                        <span className="zf-muted">{MEDIA_KIND_LABELS[mediaKind(r.mediaType)]}</span>
                      </Tooltip>
                    ),
                },
                {
                  title: '大小',
                  dataIndex: 'size',
                  width: 100,
                  align: 'right',
                  render: (n: number) => (
                    <Tooltip title={`${n.toLocaleString('zh-CN')} 字节`}>{formatBytes(n)}</Tooltip>
                  ),
                },
                {
                  title: 'SHA-256',
                  dataIndex: 'sha256',
                  width: 170,
                  render: (h: string) => (
                    <Typography.Text
                      className="zf-mono"
                      copyable={{ text: h, tooltips: ['复制完整 SHA-256', '已复制'] }}
                    >
                      {shortHash(h)}
                    </Typography.Text>
                  ),
                },
                {
                  title: '上传人',
                  dataIndex: 'createdBy',
                  width: 120,
                  render: (u: RecordView['createdBy']) => u.name,
                },
                {
                  title: '上传时间',
                  dataIndex: 'createdAt',
                  width: 180,
                  render: (v: string) => chineseDateTime(v),
                },
              ]}
            />
            <LoadMore list={records} />
          </>
        )}
      </Card>
      {open && <RecordDrawer record={open} onClose={() => setOpen(null)} />}
    </>
  );
}
