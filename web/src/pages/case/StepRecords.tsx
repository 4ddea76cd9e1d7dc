import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import {
  Alert,
  Button,
  Col,
  Form,
  Input,
  Popconfirm,
  Progress,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import type { FormInstance } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { ApiError } from '../../api';
import { useAuth } from '../../auth';
import {
  guessRecordKind,
  isAvKind,
  kindFits,
  recordChains,
  shanghaiInputToIso,
  shanghaiLocalInput,
} from '../../case-format';
import { chineseDateTime, formFieldFor } from '../../format';
import { formatBytes, formatSpeed, percentOf } from '../../files';
import { uploads, type UploadItem } from '../../uploads';
import { FormModal } from '../../components/FormModal';
import { UPLOAD_STATUS } from './RecordUploads';
import type { RecordKind } from '../../../../src/domain/case-types';
import type { Protection } from '../../../../src/domain/policy';
import type { CaseMeta, CaseView, Recorder, Step } from '../../../../src/http/routes/cases.schema';
import type { RecordView } from '../../../../src/http/routes/records.schema';
import type { StepRecordMeta } from '../../case-types';
import { DateTimeField } from '../../components/DateField';

interface RecordValues {
  file?: File;
  kind: RecordKind;
  protection: Protection;
  reason?: string;
  recorderId?: string;
  avOfficerIds?: string[];
  startedAt?: string;
  endedAt?: string;
  avPlace?: string;
}

/** Server fields of `POST /api/steps/:id/records` → the form's. */
const FIELD_MAP: Record<string, string> = {
  av: 'recorderId',
  'av.recorderId': 'recorderId',
  'av.officerIds': 'avOfficerIds',
  'av.startedAt': 'startedAt',
  'av.endedAt': 'endedAt',
  'av.place': 'avPlace',
  kind: 'kind',
  protection: 'protection',
  reason: 'reason',
  mediaType: 'file',
  fileName: 'file',
  sha256: 'file',
};

export type RecordFormMode =
  { mode: 'new' } | { mode: 'correct'; record: RecordView } | { mode: 'retarget'; item: UploadItem };

/**
 * 上传记录 / 更正 / 修改登记信息 for a step. The file goes through the shared upload manager
 * (resumable, with progress on the step); when it is in, the record is registered on the step with
 * this metadata. A refused registration can be fixed here without sending the file again.
 */
export function StepRecordForm(props: {
  c: CaseView;
  step: Step;
  meta: CaseMeta;
  recorders: Recorder[];
  officers: { value: string; label: string }[];
  how: RecordFormMode;
  onClose: () => void;
}) {
  const { session } = useAuth();
  const { step, how } = props;
  const prior = how.mode === 'correct' ? how.record : null;
  const retargeting = how.mode === 'retarget' ? how.item : null;
  const start = retargeting?.target?.meta;
  const stepOfficers = step.officers.map((o) => o.id);
  const heldRecorder = props.recorders.find((r) => r.holder && stepOfficers.includes(r.holder.id));

  const submit = async (v: RecordValues) => {
    const meta: StepRecordMeta = {
      kind: v.kind,
      protection: v.protection,
      ...(prior && { versionOf: prior.id, reason: (v.reason ?? '').trim() }),
      ...(start?.versionOf && { versionOf: start.versionOf, reason: (v.reason ?? '').trim() }),
      ...(isAvKind(v.kind) && {
        av: {
          recorderId: v.recorderId ?? '',
          officerIds: v.avOfficerIds ?? [],
          startedAt: shanghaiInputToIso(v.startedAt) ?? '',
          endedAt: shanghaiInputToIso(v.endedAt) ?? '',
          place: (v.avPlace ?? '').trim(),
        },
      }),
    };
    if (retargeting) {
      uploads.retarget(retargeting.key, meta);
      return Promise.resolve();
    }
    const file = v.file;
    if (!file) throw new ApiError(400, 'FILE_REQUIRED', '请选择文件', 'file');
    if (!kindFits(v.kind, file.type))
      throw new ApiError(
        400,
        'RECORD_KIND_MISMATCH',
        `所选文件（${file.type || '未知类型'}）不能登记为此类记录`,
        'kind',
      );
    uploads.add([file], session.user.id, { caseId: props.c.id, stepId: step.id, meta });
    return Promise.resolve();
  };

  const title =
    how.mode === 'new'
      ? `上传记录：${step.kindLabel}`
      : how.mode === 'correct'
        ? `更正记录：${how.record.fileName}`
        : `修改登记信息：${how.item.fileName}`;

  return (
    <FormModal<RecordValues>
      title={title}
      okText={how.mode === 'retarget' ? '重新登记' : '上传'}
      width={680}
      initialValues={{
        kind: start?.kind ?? prior?.kind ?? undefined,
        protection: start?.protection ?? prior?.protection ?? 'internal',
        reason: start?.reason,
        recorderId: start?.av?.recorderId ?? prior?.av?.recorderId ?? heldRecorder?.id,
        avOfficerIds: start?.av?.officerIds ?? prior?.av?.officerIds ?? stepOfficers,
        startedAt: shanghaiLocalInput(
          new Date(start?.av?.startedAt ?? prior?.av?.startedAt ?? step.occurredAt),
          true,
        ),
        endedAt: shanghaiLocalInput(new Date(start?.av?.endedAt ?? prior?.av?.endedAt ?? Date.now()), true),
        avPlace: start?.av?.place ?? prior?.av?.place ?? step.place,
      }}
      onSubmit={submit}
      onClose={props.onClose}
    >
      {(form) => <RecordFields form={form} {...props} />}
    </FormModal>
  );
}

function RecordFields(props: {
  form: FormInstance<RecordValues>;
  meta: CaseMeta;
  recorders: Recorder[];
  officers: { value: string; label: string }[];
  how: RecordFormMode;
}) {
  const { form, meta, how } = props;
  const kind = Form.useWatch('kind', form);
  const retargeting = how.mode === 'retarget' ? how.item : null;
  const correcting = how.mode === 'correct' || Boolean(retargeting?.target?.meta.versionOf);
  const [unplaced, setUnplaced] = useState<string | null>(null);

  // Show why the server refused the registration, beside the field it named.
  useEffect(() => {
    if (!retargeting?.error) return;
    const known = Object.keys(form.getFieldsValue() as unknown as Record<string, unknown>);
    const server = retargeting.errorField ?? '';
    const field = FIELD_MAP[server] ?? formFieldFor(server, known);
    if (field && known.includes(field))
      form.setFields([{ name: field as keyof RecordValues, errors: [retargeting.error] }]);
    else setUnplaced(retargeting.error);
  }, [retargeting, form]);

  return (
    <>
      {unplaced && <Alert className="zf-form-alert" type="error" showIcon title={unplaced} />}
      {retargeting ? (
        <Typography.Paragraph>
          文件“{retargeting.fileName}”（{formatBytes(retargeting.size)}
          ）已上传，修改登记信息后重新登记，无需再次上传。
        </Typography.Paragraph>
      ) : (
        <Form.Item label="文件" name="file" rules={[{ required: true, message: '请选择文件' }]}>
          <FilePick
            onPicked={(f) => {
              if (!form.getFieldValue('kind') || !kindFits(form.getFieldValue('kind') as RecordKind, f.type))
                form.setFieldValue('kind', guessRecordKind(f.type));
            }}
          />
        </Form.Item>
      )}
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item label="记录类型" name="kind" rules={[{ required: true, message: '请选择记录类型' }]}>
            <Select
              options={(Object.entries(meta.recordKinds) as [RecordKind, string][]).map(([value, label]) => ({
                value,
                label,
              }))}
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            label="保护级别"
            name="protection"
            rules={[{ required: true, message: '请选择保护级别' }]}
            extra="涉及国家秘密、商业秘密、个人隐私的，只有本案执法人员和有权限的人员可以调阅。"
          >
            <Select
              options={(Object.entries(meta.protections) as [Protection, string][]).map(([value, label]) => ({
                value,
                label,
              }))}
            />
          </Form.Item>
        </Col>
      </Row>
      {correcting && (
        <Form.Item
          label="更正理由"
          name="reason"
          rules={[
            { required: true, whitespace: true, message: '请填写更正理由' },
            { min: 2, message: '更正理由至少 2 个字' },
          ]}
          extra="原记录不会被修改或删除，更正后的文件作为新版本保存。"
        >
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      )}
      {isAvKind(kind) && (
        <fieldset className="zf-fieldset" aria-label="音像记录信息">
          <legend>音像记录信息</legend>
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item
                label="执法记录仪"
                name="recorderId"
                rules={[{ required: true, message: '请选择执法记录仪' }]}
              >
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  options={props.recorders
                    .filter((r) => r.status !== 'retired')
                    .map((r) => ({
                      value: r.id,
                      label: `${r.number}${r.holder ? `（${r.holder.name}领用）` : `（${r.statusLabel}）`}`,
                    }))}
                />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item
                label="摄录地点"
                name="avPlace"
                rules={[{ required: true, whitespace: true, message: '请填写摄录地点' }]}
              >
                <Input maxLength={200} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item
            label="摄录的执法人员"
            name="avOfficerIds"
            rules={[{ required: true, type: 'array', min: 1, message: '请选择执法人员' }]}
          >
            <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={props.officers} />
          </Form.Item>
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item
                label="开始时间"
                name="startedAt"
                rules={[{ required: true, message: '请填写开始时间' }]}
              >
                <DateTimeField />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item
                label="结束时间"
                name="endedAt"
                dependencies={['startedAt']}
                rules={[
                  { required: true, message: '请填写结束时间' },
                  ({ getFieldValue }) => ({
                    validator(_, v: string | undefined) {
                      const from = getFieldValue('startedAt') as string | undefined;
                      return !v || !from || v >= from
                        ? Promise.resolve()
                        : Promise.reject(new Error('结束时间不能早于开始时间'));
                    },
                  }),
                ]}
              >
                <DateTimeField />
              </Form.Item>
            </Col>
          </Row>
        </fieldset>
      )}
    </>
  );
}

/** A file chooser for a form field (value: the File). */
function FilePick(props: {
  value?: File;
  onChange?: (f: File | undefined) => void;
  onPicked: (f: File) => void;
}) {
  return (
    <Space wrap>
      <Upload
        showUploadList={false}
        maxCount={1}
        beforeUpload={(file) => {
          props.onChange?.(file);
          props.onPicked(file);
          return false;
        }}
      >
        <Button icon={<UploadOutlined />}>选择文件</Button>
      </Upload>
      {props.value ? (
        <span>
          {props.value.name} <span className="zf-muted">（{formatBytes(props.value.size)}）</span>
        </span>
      ) : (
        <span className="zf-muted">尚未选择文件</span>
      )}
    </Space>
  );
}

/** The uploads of one step in this page (all steps' uploads live in the shared manager). */
export function useStepUploads(stepId: string): UploadItem[] {
  const all = useSyncExternalStore(uploads.subscribe, uploads.getSnapshot);
  return useMemo(() => all.filter((i) => i.target?.stepId === stepId), [all, stepId]);
}

/** A step's uploads with their progress bars; a refused registration can be fixed and sent again. */
export function StepUploadList(props: { items: UploadItem[]; onFix: (item: UploadItem) => void }) {
  if (props.items.length === 0) return null;
  return (
    <ul className="zf-uploads" aria-label="上传进度">
      {props.items.map((item) => {
        const status = UPLOAD_STATUS[item.status];
        const done = item.status === 'done';
        return (
          <li key={item.key} className="zf-upload" aria-label={`上传 ${item.fileName}`}>
            <div className="zf-upload-head">
              <span className="zf-upload-name" title={item.fileName}>
                {item.fileName}
              </span>
              <span className="zf-muted">{formatBytes(item.size)}</span>
              <Tag color={status.color}>{done ? '已登记' : status.label}</Tag>
              <span className="zf-header-spacer" />
              <Space size="small" wrap>
                {item.status === 'uploading' && (
                  <Button size="small" onClick={() => uploads.pause(item.key)}>
                    暂停
                  </Button>
                )}
                {item.status === 'paused' && (
                  <Button size="small" type="primary" onClick={() => uploads.resume(item.key)}>
                    继续
                  </Button>
                )}
                {item.status === 'error' && item.retryable && (
                  <Button size="small" type="primary" onClick={() => uploads.resume(item.key)}>
                    重试
                  </Button>
                )}
                {item.status === 'error' && !item.retryable && item.uploaded && (
                  <Button size="small" type="primary" onClick={() => props.onFix(item)}>
                    修改登记信息
                  </Button>
                )}
                {done ? (
                  <Button size="small" type="text" onClick={() => void uploads.cancel(item.key)}>
                    移除
                  </Button>
                ) : item.status === 'registering' || item.status === 'canceling' ? null : (
                  <Popconfirm
                    title="取消上传？"
                    description={item.sent > 0 ? '已上传的部分将被丢弃。' : undefined}
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
                status={
                  item.status === 'error'
                    ? 'exception'
                    : done
                      ? 'success'
                      : item.status === 'uploading'
                        ? 'active'
                        : 'normal'
                }
                aria-label={`${item.fileName} 上传进度`}
              />
              <span className="zf-muted zf-upload-stats">
                {formatBytes(done ? item.size : item.sent)} / {formatBytes(item.size)}
                {item.status === 'uploading' && item.speed > 0 && <> · {formatSpeed(item.speed)}</>}
              </span>
            </div>
            {item.status === 'hashing' && (
              <div className="zf-upload-detail zf-muted">正在计算 SHA-256，以便服务器核对收到的内容…</div>
            )}
            {item.status === 'registering' && (
              <div className="zf-upload-detail zf-muted">文件已传完，正在登记到执法环节…</div>
            )}
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

/** A step's records: the newest version of each, its history under it, 查看 and 更正. */
export function StepRecordTable(props: {
  records: RecordView[];
  meta: CaseMeta;
  canCorrect: boolean;
  onOpen: (r: RecordView) => void;
  onCorrect: (r: RecordView) => void;
}) {
  const chains = recordChains(props.records);
  if (chains.length === 0) return null;
  const rows = chains.map((ch) => ({ ...ch.latest, history: ch.history }));
  const columns = (nested: boolean) => [
    {
      title: '文件',
      dataIndex: 'fileName',
      ellipsis: true,
      render: (name: string, r: RecordView) =>
        r.restricted ? (
          <span className="zf-muted">{name}</span>
        ) : (
          <Button
            type="link"
            size="small"
            className="zf-link-cell zf-file-link"
            title={name}
            onClick={() => props.onOpen(r)}
          >
            {name}
          </Button>
        ),
    },
    {
      title: '类型',
      dataIndex: 'kind',
      width: 110,
      render: (k: RecordKind | null) => (k ? props.meta.recordKinds[k] : '—'),
    },
    {
      title: '保护级别',
      dataIndex: 'protectionLabel',
      width: 100,
      render: (label: string, r: RecordView) => (
        <Tag color={r.protection === 'internal' || r.protection === 'public' ? 'default' : 'red'}>
          {label}
        </Tag>
      ),
    },
    {
      title: '版本',
      dataIndex: 'version',
      width: 80,
      render: (v: number) => `第 ${v} 版`,
    },
    { title: '大小', dataIndex: 'size', width: 90, render: (s: number) => formatBytes(s) },
    {
      title: '上传',
      dataIndex: 'createdAt',
      width: 190,
      render: (at: string, r: RecordView) => `${r.createdBy.name} ${chineseDateTime(at)}`,
    },
    ...(nested
      ? [
          {
            title: '更正理由',
            dataIndex: 'correctionReason',
            width: 160,
            render: (reason: string | null) => reason ?? '—',
          },
        ]
      : [
          {
            title: '操作',
            key: 'ops',
            width: 80,
            render: (_: unknown, r: RecordView) =>
              props.canCorrect && !r.restricted ? (
                <Button size="small" onClick={() => props.onCorrect(r)}>
                  更正
                </Button>
              ) : null,
          },
        ]),
  ];
  return (
    <Table<RecordView & { history: RecordView[] }>
      className="zf-step-records zf-stack"
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={rows}
      columns={columns(false)}
      expandable={{
        rowExpandable: (r) => r.history.length > 0 || r.correctionReason !== null || r.av !== null,
        expandedRowRender: (r) => (
          <div>
            {r.correctionReason && <div>更正理由：{r.correctionReason}</div>}
            {r.av && (
              <div>
                音像信息：执法记录仪 {r.av.recorderNumber ?? r.av.recorderId}；
                {chineseDateTime(r.av.startedAt)} 至 {chineseDateTime(r.av.endedAt)}；{r.av.place}
              </div>
            )}
            {r.history.length > 0 && (
              <>
                <div className="zf-muted zf-gap-top-s">历史版本</div>
                <Table<RecordView>
                  rowKey="id"
                  size="small"
                  pagination={false}
                  dataSource={r.history}
                  columns={columns(true)}
                />
              </>
            )}
          </div>
        ),
      }}
    />
  );
}
