import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Alert, Button, Descriptions, Drawer, Space, Table, Typography } from 'antd';
import { DownloadOutlined, EyeOutlined, ReloadOutlined } from '@ant-design/icons';
import { api, errorMessage } from '../../api';
import { useAuth } from '../../auth';
import { usePaged } from '../../hooks';
import { chineseDateTime } from '../../format';
import { canPreview, formatBytes, MEDIA_KIND_LABELS, mediaKind, rangeLabel } from '../../files';
import { PurposeForm, type PurposeValues } from '../../components/PurposeForm';
import { LoadError, tableEmpty, LoadMore } from '../../components/Status';
import type { RecordRetrieval, RecordView } from '../../../../src/http/routes/records.schema';

type Intent = 'view' | 'download';

/** A record's details, 查看 / 下载 (each after a 调阅事由), and who read it (调阅记录). */
export function RecordDrawer({ record, onClose }: { record: RecordView; onClose: () => void }) {
  const { can } = useAuth();
  const [asking, setAsking] = useState<Intent | null>(null);
  const [viewing, setViewing] = useState<{ url: string; purpose: string } | null>(null);
  const retrievalsVisible = can('retrieval.read');
  const retrievals = usePaged(
    (cursor) =>
      retrievalsVisible
        ? api.retrievals(record.id, cursor)
        : Promise.resolve({ items: [] as RecordRetrieval[], nextCursor: null }),
    [record.id, retrievalsVisible],
  );
  const kind = mediaKind(record.mediaType);
  const previewable = canPreview(record.mediaType);

  // The log entry is written when the server answers the media request; look a moment later.
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const { reload } = retrievals;
  const refreshRetrievalsSoon = () => {
    if (!retrievalsVisible) return;
    if (refreshTimer.current) clearTimeout(refreshTimer.current);
    refreshTimer.current = setTimeout(reload, 1500);
  };
  useEffect(
    () => () => {
      if (refreshTimer.current) clearTimeout(refreshTimer.current);
    },
    [],
  );

  const submitPurpose = async (intent: Intent, values: PurposeValues) => {
    const purpose = values.purpose.trim();
    // The bytes are read by the media element or the browser's download, which cannot show an
    // error in the form; check first that the record is there and the session is alive.
    await api.record(record.id);
    if (intent === 'view') {
      setViewing({ url: api.recordContentUrl(record.id, purpose), purpose });
    } else {
      startDownload(api.recordContentUrl(record.id, purpose, true), record.fileName);
    }
    refreshRetrievalsSoon();
  };

  return (
    <Drawer open title={`记录资料：${record.fileName}`} size={760} onClose={onClose}>
      <Descriptions column={1} size="small" bordered className="zf-block">
        <Descriptions.Item label="文件名">{record.fileName}</Descriptions.Item>
        <Descriptions.Item label="类型">
          {MEDIA_KIND_LABELS[kind]} <span className="zf-mono zf-muted">{record.mediaType}</span>
        </Descriptions.Item>
        <Descriptions.Item label="大小">
          {record.size === null ? (
            '—'
          ) : (
            <>
              {formatBytes(record.size)}{' '}
              <span className="zf-muted">（{record.size.toLocaleString('zh-CN')} 字节）</span>
            </>
          )}
        </Descriptions.Item>
        <Descriptions.Item label="SHA-256">
          <Typography.Text className="zf-mono zf-hash" copyable={{ tooltips: ['复制', '已复制'] }}>
            {record.sha256}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="SM3">
          <Typography.Text className="zf-mono zf-hash" copyable={{ tooltips: ['复制', '已复制'] }}>
            {record.sm3}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="上传人">{record.createdBy.name}</Descriptions.Item>
        <Descriptions.Item label="上传时间">{chineseDateTime(record.createdAt)}</Descriptions.Item>
        <Descriptions.Item label="记录编号">
          <span className="zf-mono">{record.id}</span>
        </Descriptions.Item>
      </Descriptions>

      <Space className="zf-block" wrap>
        {previewable && (
          <Button type="primary" icon={<EyeOutlined />} onClick={() => setAsking('view')}>
            查看
          </Button>
        )}
        <Button icon={<DownloadOutlined />} onClick={() => setAsking('download')}>
          下载
        </Button>
        {!previewable && (
          <span className="zf-muted">此类文件不能在浏览器中直接查看，请下载后使用相应软件打开。</span>
        )}
      </Space>

      {viewing && (
        <MediaView
          key={viewing.url}
          record={record}
          url={viewing.url}
          purpose={viewing.purpose}
          onClose={() => setViewing(null)}
          onDownload={() => setAsking('download')}
        />
      )}

      {retrievalsVisible && (
        <section aria-label="调阅记录" className="zf-gap-top">
          <div className="zf-page-head">
            <Typography.Title level={5}>调阅记录</Typography.Title>
            <Button size="small" icon={<ReloadOutlined />} onClick={retrievals.reload}>
              刷新
            </Button>
          </div>
          {retrievals.error && retrievals.items.length === 0 ? (
            <LoadError error={retrievals.error} onRetry={retrievals.reload} />
          ) : (
            <>
              <Table<RecordRetrieval>
                rowKey="id"
                size="small"
                loading={retrievals.loading}
                dataSource={retrievals.items}
                pagination={false}
                locale={{ emptyText: tableEmpty(retrievals.loading, '暂无调阅记录') }}
                columns={[
                  {
                    title: '时间',
                    dataIndex: 'at',
                    width: 170,
                    render: (v: string) => chineseDateTime(v),
                  },
                  {
                    title: '调阅人',
                    dataIndex: 'user',
                    width: 100,
                    render: (u: RecordRetrieval['user']) => u.name,
                  },
                  { title: '调阅事由', dataIndex: 'purpose' },
                  {
                    title: '读取范围',
                    dataIndex: 'range',
                    width: 250,
                    render: (r: string | null) => (
                      <span className={r ? undefined : 'zf-muted'}>{rangeLabel(r)}</span>
                    ),
                  },
                ]}
              />
              <LoadMore list={retrievals} size="small" />
            </>
          )}
        </section>
      )}

      {asking && (
        <PurposeForm
          verb={asking === 'view' ? '查看' : '下载'}
          subject={record.fileName}
          onSubmit={(v) => submitPurpose(asking, v)}
          onClose={() => setAsking(null)}
        />
      )}
    </Drawer>
  );
}

/** Starts a download of a same-origin URL without leaving the page. */
function startDownload(url: string, fileName: string): void {
  const a = document.createElement('a');
  a.href = url;
  // The server's Content-Disposition names the file; this is the fallback.
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

function MediaView(props: {
  record: RecordView;
  url: string;
  purpose: string;
  onClose: () => void;
  onDownload: () => void;
}) {
  const { record, url } = props;
  const [failed, setFailed] = useState<string | null>(null);
  const kind = mediaKind(record.mediaType);

  // A media element reports only that it failed; ask the API whether the session or record is the cause.
  const fail = () => {
    api.record(record.id).then(
      () => setFailed('浏览器无法显示此文件（格式或编码不受支持），请下载后用相应软件打开。'),
      (err: unknown) => setFailed(errorMessage(err)),
    );
  };

  let media: ReactNode;
  switch (kind) {
    case 'video':
      media = (
        <video className="zf-media" controls preload="metadata" src={url} onError={fail}>
          您的浏览器不支持视频播放。
        </video>
      );
      break;
    case 'audio':
      media = <audio className="zf-media-audio" controls preload="metadata" src={url} onError={fail} />;
      break;
    case 'image':
      media = <img className="zf-media" src={url} alt={record.fileName} onError={fail} />;
      break;
    case 'pdf':
      media = <iframe className="zf-media-pdf" src={url} title={record.fileName} />;
      break;
    case 'other':
      media = null;
      break;
  }

  return (
    <section className="zf-viewer" aria-label="文件内容">
      <div className="zf-viewer-head">
        <span className="zf-muted">调阅事由：{props.purpose}</span>
        <span className="zf-header-spacer" />
        {kind === 'pdf' && (
          <a href={url} target="_blank" rel="noopener noreferrer">
            在新标签页中打开
          </a>
        )}
        <Button size="small" onClick={props.onClose}>
          关闭
        </Button>
      </div>
      {failed ? (
        <Alert
          type="warning"
          showIcon
          title="无法显示"
          description={failed}
          action={
            <Button size="small" onClick={props.onDownload}>
              下载
            </Button>
          }
        />
      ) : (
        media
      )}
    </section>
  );
}
