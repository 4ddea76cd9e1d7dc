import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { App, Button, Card, Popconfirm, Progress, Space, Spin, Tag, Typography, Upload } from 'antd';
import { InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { errorMessage } from '../../api';
import { useAuth } from '../../auth';
import { chineseDateTime } from '../../format';
import { DIRECT_UPLOAD_MAX_BYTES, formatBytes, formatDuration, formatSpeed, percentOf } from '../../files';
import {
  discardStored,
  probeUpload,
  storedUploads,
  uploads,
  type StoredUpload,
  type UploadItem,
  type UploadProbe,
  type UploadStatus,
} from '../../uploads';
import type { RecordView } from '../../../../src/http/routes/records.schema';

export const UPLOAD_STATUS: Record<UploadStatus, { label: string; color: string }> = {
  queued: { label: '等待上传', color: 'default' },
  hashing: { label: '计算校验值', color: 'processing' },
  uploading: { label: '上传中', color: 'processing' },
  paused: { label: '已暂停', color: 'warning' },
  registering: { label: '正在登记', color: 'processing' },
  canceling: { label: '正在取消', color: 'default' },
  done: { label: '已完成', color: 'success' },
  error: { label: '失败', color: 'error' },
};

/** 上传: pick files; small ones go in one request, large ones resumably with progress. */
export function RecordUploads({ onOpen }: { onOpen: (r: RecordView) => void }) {
  const { session } = useAuth();
  const userId = session.user.id;
  const all = useSyncExternalStore(uploads.subscribe, uploads.getSnapshot);
  // Uploads for a step of a case, and signed scans of documents, are shown on the case's page.
  const items = useMemo(() => all.filter((i) => i.target === null && i.scanOf === null), [all]);
  const hasDone = items.some((i) => i.status === 'done');

  return (
    <Card
      title="上传记录资料"
      className="zf-block"
      extra={
        hasDone ? (
          <Button
            size="small"
            onClick={() => uploads.clearFinished((i) => i.target === null && i.scanOf === null)}
          >
            清除已完成
          </Button>
        ) : undefined
      }
    >
      <Upload.Dragger
        multiple
        showUploadList={false}
        beforeUpload={(file) => {
          uploads.add([file], userId);
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">点击选择或将文件拖到此处，可一次选择多个文件</p>
        <p className="ant-upload-hint">
          {formatBytes(DIRECT_UPLOAD_MAX_BYTES)}{' '}
          以内的文件直接上传；更大的文件（如执法记录仪视频）分块上传，可暂停、继续，中断或刷新页面后可续传。
        </p>
      </Upload.Dragger>

      {items.length > 0 && (
        <ul className="zf-uploads" aria-label="上传列表">
          {items.map((item) => (
            <UploadRow key={item.key} item={item} onOpen={onOpen} />
          ))}
        </ul>
      )}

      <StoredUploads userId={userId} items={items} />
    </Card>
  );
}

function UploadRow({ item, onOpen }: { item: UploadItem; onOpen: (r: RecordView) => void }) {
  const status = UPLOAD_STATUS[item.status];
  const { key } = item;
  const remaining = item.speed > 0 ? (item.size - item.sent) / item.speed : Infinity;

  let detail: ReactNode = null;
  if (item.status === 'hashing') {
    detail = <span className="zf-muted">正在计算 SHA-256，以便服务器核对收到的内容…</span>;
  } else if (item.status === 'registering') {
    detail = <span className="zf-muted">文件已传完，正在登记记录…</span>;
  } else if (item.status === 'error') {
    detail = <Typography.Text type="danger">{item.error}</Typography.Text>;
  } else if (item.status === 'done' && item.record) {
    detail = (
      <span className="zf-muted">
        已保存，SHA-256 <span className="zf-mono">{item.record.sha256.slice(0, 12)}…</span>
      </span>
    );
  }

  const showBar =
    item.mode === 'tus' && ['uploading', 'paused', 'error', 'registering'].includes(item.status);

  return (
    <li className="zf-upload">
      <div className="zf-upload-head">
        <span className="zf-upload-name" title={item.fileName}>
          {item.fileName}
        </span>
        <span className="zf-muted">{formatBytes(item.size)}</span>
        <Tag color={status.color}>{status.label}</Tag>
        {item.resumed && item.status !== 'done' && <Tag>续传</Tag>}
        <span className="zf-header-spacer" />
        <Space size="small" wrap>
          {item.status === 'uploading' && item.mode === 'tus' && (
            <Button size="small" onClick={() => uploads.pause(key)}>
              暂停
            </Button>
          )}
          {item.status === 'paused' && (
            <Button size="small" type="primary" onClick={() => uploads.resume(key)}>
              继续
            </Button>
          )}
          {item.status === 'error' && item.retryable && (
            <Button size="small" type="primary" onClick={() => uploads.resume(key)}>
              重试
            </Button>
          )}
          {item.status === 'done' && item.record && (
            <Button size="small" onClick={() => item.record && onOpen(item.record)}>
              查看记录
            </Button>
          )}
          {item.status === 'done' || (item.status === 'error' && !item.retryable && item.sent === 0) ? (
            <Button size="small" type="text" onClick={() => void uploads.cancel(key)}>
              移除
            </Button>
          ) : item.status === 'registering' || item.status === 'canceling' ? null : (
            <Popconfirm
              title="取消上传？"
              description={item.mode === 'tus' && item.sent > 0 ? '已上传的部分将被丢弃。' : undefined}
              okText="取消上传"
              cancelText="不取消"
              onConfirm={() => void uploads.cancel(key)}
            >
              <Button size="small" danger type="text">
                取消
              </Button>
            </Popconfirm>
          )}
        </Space>
      </div>
      {showBar && (
        <div className="zf-upload-progress">
          <Progress
            percent={percentOf(item.sent, item.size)}
            size="small"
            status={item.status === 'error' ? 'exception' : item.status === 'uploading' ? 'active' : 'normal'}
          />
          <span className="zf-muted zf-upload-stats">
            {formatBytes(item.sent)} / {formatBytes(item.size)}
            {item.status === 'uploading' && item.speed > 0 && (
              <>
                {' · '}
                {formatSpeed(item.speed)}
                {' · 剩余约 '}
                {formatDuration(remaining)}
              </>
            )}
          </span>
        </div>
      )}
      {item.mode === 'direct' && item.status === 'uploading' && (
        <div className="zf-upload-progress">
          <Spin size="small" /> <span className="zf-muted">正在上传…</span>
        </div>
      )}
      {detail && <div className="zf-upload-detail">{detail}</div>}
    </li>
  );
}

/** Uploads stopped in an earlier visit (found in localStorage): pick the same file to go on. */
function StoredUploads({ userId, items }: { userId: string; items: readonly UploadItem[] }) {
  const { message } = App.useApp();
  const [stored, setStored] = useState<StoredUpload[]>([]);
  const [probes, setProbes] = useState<Record<string, UploadProbe | 'failed'>>({});
  const [discarding, setDiscarding] = useState<string | null>(null);
  // Look again whenever an upload starts, finishes or goes away.
  const itemsKey = useMemo(() => items.map((i) => `${i.key}:${i.status}`).join(','), [items]);

  const refresh = useCallback(() => {
    storedUploads(userId).then(setStored, () => setStored([]));
  }, [userId]);
  useEffect(refresh, [refresh, itemsKey]);

  // Ask the server once per remembered upload how far it got.
  const asked = useRef(new Set<string>());
  useEffect(() => {
    for (const s of stored) {
      if (asked.current.has(s.storageKey)) continue;
      asked.current.add(s.storageKey);
      probeUpload(s.uploadUrl).then(
        (p) => setProbes((prev) => ({ ...prev, [s.storageKey]: p })),
        () => setProbes((prev) => ({ ...prev, [s.storageKey]: 'failed' })),
      );
    }
  }, [stored]);

  if (stored.length === 0) return null;

  const pick = (s: StoredUpload, file: File) => {
    if (file.name !== s.fileName || (s.size !== null && file.size !== s.size)) {
      void message.error(
        `所选文件与未完成的上传不一致：应为“${s.fileName}”${s.size !== null ? `（${formatBytes(s.size)}）` : ''}`,
      );
      return;
    }
    uploads.resumeStored(s, file, userId);
  };

  const discard = async (s: StoredUpload) => {
    setDiscarding(s.storageKey);
    try {
      await discardStored(s);
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setDiscarding(null);
      refresh();
    }
  };

  return (
    <section className="zf-stored" aria-label="未完成的上传">
      <Typography.Title level={5}>未完成的上传</Typography.Title>
      <Typography.Paragraph type="secondary">
        以下文件上次未传完。点“继续上传”并重新选择同一文件，将从中断处接着上传。
      </Typography.Paragraph>
      <ul className="zf-uploads">
        {stored.map((s) => {
          const probe = probes[s.storageKey];
          const gone = probe !== undefined && probe !== 'failed' && probe.state === 'gone';
          const total =
            s.size ?? (probe && probe !== 'failed' && probe.state === 'open' ? probe.length : null);
          return (
            <li key={s.storageKey} className="zf-upload">
              <div className="zf-upload-head">
                <span className="zf-upload-name" title={s.fileName}>
                  {s.fileName}
                </span>
                {total !== null && <span className="zf-muted">{formatBytes(total)}</span>}
                {s.createdAt && <span className="zf-muted">开始于 {chineseDateTime(s.createdAt)}</span>}
                {gone && <Tag color="default">服务器上已失效</Tag>}
                <span className="zf-header-spacer" />
                <Space size="small">
                  {!gone && (
                    <Upload
                      showUploadList={false}
                      accept={s.fileType || undefined}
                      beforeUpload={(file) => {
                        pick(s, file);
                        return false;
                      }}
                    >
                      <Button size="small" type="primary" icon={<UploadOutlined />}>
                        继续上传
                      </Button>
                    </Upload>
                  )}
                  <Popconfirm
                    title="放弃这次上传？"
                    description="已上传的部分将被丢弃。"
                    okText="放弃"
                    cancelText="保留"
                    onConfirm={() => void discard(s)}
                  >
                    <Button size="small" danger type="text" loading={discarding === s.storageKey}>
                      {gone ? '清除' : '放弃'}
                    </Button>
                  </Popconfirm>
                </Space>
              </div>
              {probe && probe !== 'failed' && probe.state === 'open' && total !== null && (
                <div className="zf-upload-progress">
                  <Progress percent={percentOf(probe.offset, total)} size="small" status="normal" />
                  <span className="zf-muted zf-upload-stats">
                    已上传 {formatBytes(probe.offset)} / {formatBytes(total)}
                  </span>
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
