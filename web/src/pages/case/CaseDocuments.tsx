import { useMemo, useState, useSyncExternalStore } from 'react';
import {
  Alert,
  App,
  Button,
  Form,
  Input,
  Popconfirm,
  Progress,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
  Upload,
} from 'antd';
import {
  DownloadOutlined,
  EyeOutlined,
  FileAddOutlined,
  ReloadOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { api, ApiError, errorMessage } from '../../api';
import { useAuth } from '../../auth';
import { documentApi } from '../../document-api';
import {
  awaitsSignature,
  documentChains,
  documentName,
  documentState,
  issueWarning,
  kindsForActType,
  missingNoticeLabels,
  userName,
} from '../../document-format';
import { downloadFile } from '../../download';
import { chineseDateTime } from '../../format';
import { formatBytes, percentOf } from '../../files';
import { uploads, type UploadItem } from '../../uploads';
import { FormModal } from '../../components/FormModal';
import { PurposeForm } from '../../components/PurposeForm';
import { LoadError, Nothing } from '../../components/Status';
import { DocumentPreview } from './DocumentPreview';
import { RecordDrawer } from './RecordDrawer';
import { UPLOAD_STATUS } from './RecordUploads';
import type { CaseView } from '../../../../src/http/routes/cases.schema';
import type { DocumentKind } from '../../../../src/domain/documents';
import type { DocumentView, TemplateList } from '../../../../src/http/routes/documents.schema';
import type { RecordView } from '../../../../src/http/routes/records.schema';

type Dialog =
  | { kind: 'generate' }
  | { kind: 'finalise'; doc: DocumentView }
  | { kind: 'reissue'; doc: DocumentView }
  | { kind: 'download'; doc: DocumentView }
  | { kind: 'preview'; doc: DocumentView };

interface GenerateValues {
  kind: DocumentKind;
  stepId?: string;
  facts?: string;
}

/** 执法文书: the case's documents (drafts, issued, re-issued versions), making and issuing them. */
export function CaseDocuments(props: {
  c: CaseView;
  docs: DocumentView[];
  loading: boolean;
  error: unknown;
  reload: () => void;
  templates: TemplateList | undefined;
  templatesError: unknown;
  /** A document the server answered with (new draft, issued, scan attached). */
  onChanged: (d: DocumentView) => void;
}) {
  const { c, templates } = props;
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [scan, setScan] = useState<RecordView | null>(null);
  const writer = c.permissions.includes('document.write');
  const open = writer && !c.closed;
  const chains = useMemo(() => documentChains(props.docs), [props.docs]);
  const rows = chains.map((ch) => ({ ...ch.latest, history: ch.history }));
  const numbered = new Map((templates?.kinds ?? []).map((k) => [k.kind, k.numbered]));

  const downloadDraft = async (d: DocumentView) => {
    try {
      await downloadFile(documentApi.docxUrl(d.id), `${d.title}（草稿）.docx`);
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };

  const openScan = async (d: DocumentView) => {
    if (!d.signedScan) return;
    try {
      setScan(await api.record(d.signedScan.recordId));
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };

  const ops = (d: DocumentView, latest: boolean) => (
    <Space size={4} wrap>
      <Button size="small" icon={<EyeOutlined />} onClick={() => setDialog({ kind: 'preview', doc: d })}>
        预览
      </Button>
      {d.state === 'draft' ? (
        <>
          <Button size="small" icon={<DownloadOutlined />} onClick={() => void downloadDraft(d)}>
            下载草稿
          </Button>
          {open && (
            <Button size="small" type="primary" onClick={() => setDialog({ kind: 'finalise', doc: d })}>
              签发
            </Button>
          )}
        </>
      ) : (
        <>
          <Button
            size="small"
            icon={<DownloadOutlined />}
            onClick={() => setDialog({ kind: 'download', doc: d })}
          >
            下载
          </Button>
          {open && latest && (
            <Button size="small" onClick={() => setDialog({ kind: 'reissue', doc: d })}>
              重新出具
            </Button>
          )}
          {latest && writer && !c.archived && awaitsSignature(d) && <ScanPick doc={d} />}
          {d.signedScan && (
            <Button size="small" onClick={() => void openScan(d)}>
              签名扫描件
            </Button>
          )}
        </>
      )}
    </Space>
  );

  const columns = (nested: boolean) => [
    {
      title: '文书',
      dataIndex: 'title',
      render: (title: string, d: DocumentView) => (
        <span>
          {title || d.kindLabel}
          {title && title !== d.kindLabel && <span className="zf-muted">（{d.kindLabel}）</span>}
        </span>
      ),
    },
    {
      title: '文号',
      dataIndex: 'number',
      width: 210,
      render: (n: string | null, d: DocumentView) =>
        n ? (
          <span className="zf-nowrap">{n}</span>
        ) : (
          <span className="zf-muted">{d.state === 'draft' && numbered.get(d.kind) ? '签发时编定' : '—'}</span>
        ),
    },
    {
      title: '状态',
      dataIndex: 'state',
      width: 170,
      render: (s: DocumentView['state'], d: DocumentView) => (
        <Space size={4} wrap>
          <Tag color={documentState(s).color}>{documentState(s).label}</Tag>
          {awaitsSignature(d) && <Tag color="red">待当事人签名</Tag>}
          {d.signedScan && (
            <Tooltip
              title={`${d.signedScan.attachedBy.name} 于 ${chineseDateTime(d.signedScan.attachedAt ?? d.createdAt)} 上传签名扫描件`}
            >
              <Tag color="green">当事人已签名</Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    {
      title: '版本',
      dataIndex: 'version',
      width: 110,
      render: (v: number, d: DocumentView) => (
        <span>
          第 {v} 版<div className="zf-muted">模板第 {d.templateVersion} 版</div>
        </span>
      ),
    },
    {
      title: '制作 / 签发',
      key: 'who',
      width: 230,
      render: (_: unknown, d: DocumentView) => (
        <div>
          <div>
            {d.createdBy.name} 制作于 {chineseDateTime(d.createdAt)}
          </div>
          {d.finalisedAt && (
            <div className="zf-muted">
              {userName(d.finalisedBy) ?? ''}签发于 {chineseDateTime(d.finalisedAt)}
            </div>
          )}
        </div>
      ),
    },
    ...(nested
      ? [
          {
            title: '重新出具理由',
            dataIndex: 'reason',
            width: 180,
            render: (r: string | null) => r ?? '—',
          },
        ]
      : []),
    {
      title: '操作',
      key: 'ops',
      width: 290,
      render: (_: unknown, d: DocumentView) => ops(d, !nested),
    },
  ];

  // Only the kinds the server would accept now (the case view's list, issue 12).
  const allowedNow = new Set(c.proceeding.documentKinds.map((k) => k.kind));
  const kindOptions = templates
    ? kindsForActType(templates.kinds, c.actType)
        .filter((k) => allowedNow.has(k.kind))
        .map((k) => ({
          value: k.kind,
          label: k.current ? k.kindLabel : `${k.kindLabel}（尚无模板）`,
          disabled: !k.current,
        }))
    : [];
  const stepOptions = c.steps.map((s) => ({
    value: s.id,
    label: `${s.kindLabel} ${chineseDateTime(s.occurredAt)} ${s.place}`,
  }));

  return (
    <section aria-label="执法文书">
      <div className="zf-toolbar">
        {open && (
          <Button
            type="primary"
            icon={<FileAddOutlined />}
            disabled={!templates}
            onClick={() => setDialog({ kind: 'generate' })}
          >
            制作文书
          </Button>
        )}
        <Button icon={<ReloadOutlined />} onClick={props.reload}>
          刷新
        </Button>
        {c.closed && <span className="zf-muted">案件已办结，不能再制作或签发文书。</span>}
      </div>
      {props.templatesError ? <LoadError error={props.templatesError} title="文书模板加载失败" /> : null}
      {props.error && props.docs.length === 0 ? (
        <LoadError error={props.error} onRetry={props.reload} title="执法文书加载失败" />
      ) : (
        <Table<DocumentView & { history: DocumentView[] }>
          rowKey="id"
          size="small"
          loading={props.loading}
          pagination={false}
          dataSource={rows}
          scroll={{ x: 1200 }}
          aria-label="执法文书"
          locale={{
            emptyText: props.loading ? <div className="zf-table-loading" /> : <Nothing text="暂无执法文书" />,
          }}
          columns={columns(false)}
          expandable={{
            rowExpandable: (d) =>
              d.history.length > 0 || d.reason !== null || d.data.values.facts !== undefined,
            expandedRowRender: (d) => (
              <div>
                {d.reason && <div>重新出具理由：{d.reason}</div>}
                {d.data.values.facts && (
                  <div className="zf-pre-line">
                    <span className="zf-muted">案情/事实：</span>
                    {d.data.values.facts}
                  </div>
                )}
                {d.history.length > 0 && (
                  <>
                    <div className="zf-muted zf-gap-top-s">历史版本</div>
                    <Table<DocumentView>
                      rowKey="id"
                      size="small"
                      pagination={false}
                      dataSource={d.history}
                      columns={columns(true)}
                    />
                  </>
                )}
              </div>
            ),
          }}
        />
      )}
      <ScanUploads caseId={c.id} docs={props.docs} />

      {dialog?.kind === 'generate' && (
        <FormModal<GenerateValues>
          title="制作文书"
          okText="制作草稿"
          width={640}
          onClose={() => setDialog(null)}
          onSubmit={async (v) => {
            const d = await documentApi.generate(c.id, {
              kind: v.kind,
              ...(v.stepId && { stepId: v.stepId }),
              ...(v.facts?.trim() && { facts: v.facts.trim() }),
            });
            void message.success(`已制作草稿：${d.title}`);
            props.onChanged(d);
            // Show what was made; closing this form happens after onSubmit returns.
            setTimeout(() => setDialog({ kind: 'preview', doc: d }), 0);
          }}
        >
          <Typography.Paragraph type="secondary">
            按该类文书的现行模板，以本案信息生成草稿。草稿没有文号，可预览、下载核对；签发后取得文号并存为本案记录。
          </Typography.Paragraph>
          <Form.Item label="文书种类" name="kind" rules={[{ required: true, message: '请选择文书种类' }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={kindOptions}
              placeholder={`适用于${c.actTypeLabel}案件的文书`}
            />
          </Form.Item>
          <Form.Item
            label="执法环节"
            name="stepId"
            extra="笔录、凭证、送达回证等以所选环节的时间、地点、执法人员填写；不选时，签发时记录一个文书制作环节。"
          >
            <Select allowClear options={stepOptions} placeholder="（可选）" />
          </Form.Item>
          <Form.Item label="案情 / 事实" name="facts" extra="不填写时，以当事人和权力事项生成一句违法事实。">
            <Input.TextArea rows={5} maxLength={5000} showCount />
          </Form.Item>
        </FormModal>
      )}
      {dialog?.kind === 'finalise' && (
        <FormModal<Record<string, never>>
          title={`签发：${dialog.doc.title}`}
          okText="签发"
          onClose={() => setDialog(null)}
          onSubmit={async () => {
            try {
              const d = await documentApi.finalise(dialog.doc.id);
              void message.success(d.number ? `已签发，文号 ${d.number}` : `已签发：${d.title}`);
              props.onChanged(d);
            } catch (err) {
              throw withNoticeLabels(err, templates?.notices ?? {});
            }
          }}
        >
          <Alert
            className="zf-form-alert"
            type="warning"
            showIcon
            title={issueWarning(numbered.get(dialog.doc.kind) ?? false)}
          />
          <Typography.Paragraph>
            签发前请先预览或下载草稿，核对文书内容；签发时将核对应当告知当事人的事项。
          </Typography.Paragraph>
        </FormModal>
      )}
      {dialog?.kind === 'reissue' && (
        <FormModal<{ reason: string; facts?: string }>
          title={`重新出具：${documentName(dialog.doc)}`}
          okText="生成新版本草稿"
          width={640}
          initialValues={{ facts: dialog.doc.data.values.facts ?? '' }}
          onClose={() => setDialog(null)}
          onSubmit={async (v) => {
            const d = await documentApi.reissue(dialog.doc.id, {
              reason: v.reason.trim(),
              ...(v.facts?.trim() && { facts: v.facts.trim() }),
            });
            void message.success(`已生成第 ${d.version} 版草稿，签发后沿用原文号`);
            props.onChanged(d);
          }}
        >
          <Typography.Paragraph type="secondary">
            已签发的文书不能修改。重新出具将生成新版本草稿，签发后沿用原文号，并作为原记录的新版本保存；原文书保留。
          </Typography.Paragraph>
          <Form.Item
            label="理由"
            name="reason"
            rules={[
              { required: true, whitespace: true, message: '请填写重新出具的理由' },
              { min: 2, message: '理由至少 2 个字' },
            ]}
          >
            <Input.TextArea rows={2} maxLength={1000} showCount />
          </Form.Item>
          <Form.Item label="案情 / 事实" name="facts">
            <Input.TextArea rows={5} maxLength={5000} showCount />
          </Form.Item>
        </FormModal>
      )}
      {dialog?.kind === 'download' && (
        <PurposeForm
          verb="下载"
          subject={documentName(dialog.doc)}
          placeholder="如：送达当事人前打印文书"
          onClose={() => setDialog(null)}
          onSubmit={async (v) => {
            const d = dialog.doc;
            await downloadFile(documentApi.docxUrl(d.id, v.purpose.trim()), `${documentName(d)}.docx`);
          }}
        />
      )}
      {dialog?.kind === 'preview' && (
        <DocumentPreview
          doc={dialog.doc}
          templates={templates}
          onClose={() => setDialog(null)}
          extra={
            dialog.doc.state === 'draft' ? (
              <Space>
                <Button icon={<DownloadOutlined />} onClick={() => void downloadDraft(dialog.doc)}>
                  下载草稿
                </Button>
                {open && (
                  <Button type="primary" onClick={() => setDialog({ kind: 'finalise', doc: dialog.doc })}>
                    签发
                  </Button>
                )}
              </Space>
            ) : (
              <Button
                icon={<DownloadOutlined />}
                onClick={() => setDialog({ kind: 'download', doc: dialog.doc })}
              >
                下载
              </Button>
            )
          }
        />
      )}
      {scan && <RecordDrawer record={scan} onClose={() => setScan(null)} />}
    </section>
  );
}

/** The error of a refused 签发 with the notices it names (`details.missing`) as labels. */
function withNoticeLabels(err: unknown, labels: Record<string, string>): unknown {
  if (!(err instanceof ApiError)) return err;
  const names = missingNoticeLabels(err.details, labels);
  if (names.length === 0 || names.every((n) => err.message.includes(n))) return err;
  return new ApiError(err.status, err.code, `${err.message}（${names.join('；')}）`, undefined, err.details);
}

/** 上传签名扫描件: picks the scan; it goes over tus and is attached to the document. */
function ScanPick({ doc }: { doc: DocumentView }) {
  const { session } = useAuth();
  return (
    <Upload
      showUploadList={false}
      maxCount={1}
      accept="application/pdf,image/*"
      beforeUpload={(file) => {
        uploads.addSignedScan(file, session.user.id, { caseId: doc.caseId, documentId: doc.id });
        return false;
      }}
    >
      <Button size="small" type="primary" ghost icon={<UploadOutlined />}>
        上传签名扫描件
      </Button>
    </Upload>
  );
}

/** The signed scans being uploaded for this case's documents, with their progress. */
function ScanUploads({ caseId, docs }: { caseId: string; docs: DocumentView[] }) {
  const all = useSyncExternalStore(uploads.subscribe, uploads.getSnapshot);
  const items = useMemo(() => all.filter((i) => i.scanOf?.caseId === caseId), [all, caseId]);
  if (items.length === 0) return null;
  const title = (i: UploadItem) => {
    const d = docs.find((x) => x.id === i.scanOf?.documentId);
    return d ? documentName(d) : '文书';
  };
  return (
    <ul className="zf-uploads" aria-label="签名扫描件上传">
      {items.map((item) => {
        const status = UPLOAD_STATUS[item.status];
        const done = item.status === 'done';
        return (
          <li key={item.key} className="zf-upload" aria-label={`上传 ${item.fileName}`}>
            <div className="zf-upload-head">
              <span className="zf-upload-name" title={item.fileName}>
                {title(item)} 签名扫描件：{item.fileName}
              </span>
              <span className="zf-muted">{formatBytes(item.size)}</span>
              <Tag color={status.color}>{done ? '已附上' : status.label}</Tag>
              <span className="zf-header-spacer" />
              <Space size="small">
                {(item.status === 'paused' || (item.status === 'error' && item.retryable)) && (
                  <Button size="small" type="primary" onClick={() => uploads.resume(item.key)}>
                    {item.status === 'paused' ? '继续' : '重试'}
                  </Button>
                )}
                {done ? (
                  <Button size="small" type="text" onClick={() => void uploads.cancel(item.key)}>
                    移除
                  </Button>
                ) : item.status === 'registering' || item.status === 'canceling' ? null : (
                  <Popconfirm
                    title="取消上传？"
                    okText="取消上传"
                    cancelText="不取消"
                    onConfirm={() => void uploads.cancel(item.key)}
                  >
                    <Button size="small" danger type="text">
                      取消
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            </div>
            <div className="zf-upload-progress">
              <Progress
                percent={done ? 100 : percentOf(item.sent, item.size)}
                size="small"
                status={item.status === 'error' ? 'exception' : done ? 'success' : 'active'}
                aria-label={`${item.fileName} 上传进度`}
              />
            </div>
            {item.status === 'error' && (
              <div className="zf-upload-detail">
                <Typography.Text type="danger">{item.error}</Typography.Text>
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
