import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Space,
  Table,
  Tabs,
  Tag,
  Timeline,
  Tooltip,
  Typography,
} from 'antd';
import { ArrowLeftOutlined, EyeOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { ApiError, errorMessage } from '../../api';
import { useAuth } from '../../auth';
import { caseApi } from '../../case-api';
import { documentApi } from '../../document-api';
import { documentName, unsignedDocuments } from '../../document-format';
import { formatYuan, isOverdue, recordsByStep, timelineEntries } from '../../case-format';
import { chineseDate, chineseDateTime } from '../../format';
import { formatBytes } from '../../files';
import { useAsync } from '../../hooks';
import { navigate, usePath } from '../../router';
import { uploads, type UploadItem } from '../../uploads';
import { FormModal } from '../../components/FormModal';
import { PageHead } from '../../components/PageHead';
import { Loading, LoadError, Nothing } from '../../components/Status';
import { CaseActionForm } from './CaseActionForm';
import { CaseProceeding } from './CaseProceeding';
import { UnconfirmedNote } from '../../components/DateField';
import { CaseDocuments } from './CaseDocuments';
import { CaseLedger } from './CaseLedger';
import { CaseLegalReview } from './CaseLegalReview';
import { CaseFileTab } from './CaseFileDetail';
import { DeadlineStatusTag, StateTag, useCaseMeta, useOfficers } from './case-shared';
import { RecordDrawer } from './RecordDrawer';
import { StepForm } from './StepForm';
import {
  StepRecordForm,
  StepRecordTable,
  StepUploadList,
  useStepUploads,
  type RecordFormMode,
} from './StepRecords';
import type { Disclosable } from '../../../../src/domain/case-types';
import type {
  ActionOption,
  CaseDeadline,
  CaseMeta,
  CaseView,
  PowerItem,
  Recorder,
  Step,
  TimelineTransition,
} from '../../../../src/http/routes/cases.schema';
import type { RecordView } from '../../../../src/http/routes/records.schema';
import type { DocumentView } from '../../../../src/http/routes/documents.schema';
import { CheckboxGroup } from '../../components/CheckboxGroup';
import { MajorClassification } from './MajorClassification';

/** 案件详情 (/cases/:id): the case, what may be done next, its steps and records, its trail. */
export function CasePage() {
  const path = usePath();
  const id = decodeURIComponent(path.split('/')[2] ?? '');
  const meta = useCaseMeta();
  const c = useAsync(() => caseApi.case(id), [id]);
  const items = useAsync(() => caseApi.powerItems(), []);

  useEffect(() => {
    if (c.data) document.title = `${c.data.number} - 执法三项制度工作台`;
  }, [c.data]);

  if (c.error && !c.data) {
    const missing = c.error instanceof ApiError && c.error.status === 404;
    return (
      <>
        <BackHead title="案件详情" />
        <LoadError
          error={c.error}
          onRetry={missing ? undefined : c.reload}
          title={missing ? '案件不存在' : '加载失败'}
        />
      </>
    );
  }
  if (!c.data || !meta.data) return <Loading />;
  return (
    <CaseView
      key={c.data.id}
      c={c.data}
      meta={meta.data}
      items={items.data ?? []}
      reload={c.reload}
      replace={(next) => c.setData(() => next)}
    />
  );
}

function BackHead({ title, extra }: { title: ReactNode; extra?: ReactNode }) {
  return (
    <PageHead
      title={
        <Space>
          <Button
            type="text"
            icon={<ArrowLeftOutlined />}
            aria-label="返回案件列表"
            onClick={() => navigate('/cases')}
          />
          {title}
        </Space>
      }
      extra={extra}
    />
  );
}

/** A case as it stands; a transition's answer (the case without steps) keeps the steps loaded. */
function CaseView(props: {
  c: CaseView;
  meta: CaseMeta;
  items: PowerItem[];
  reload: () => void;
  replace: (c: CaseView) => void;
}) {
  const { c, meta } = props;
  const { can } = useAuth();
  const { message } = App.useApp();
  const officers = useOfficers();
  const recorders = useAsync(() => caseApi.recorders(), []);
  const records = useAsync(() => caseApi.caseRecords(c.id).then((p) => p.items), [c.id]);
  const [acting, setActing] = useState<ActionOption | null>(null);
  const [extending, setExtending] = useState(false);
  const [tab, setTab] = useState('timeline');
  const actor = c.permissions.includes('case.act');
  const item = props.items.find((i) => i.id === c.powerItem.id);
  const { reload: reloadRecords } = records;
  const reloadCase = props.reload;
  const docsVisible = can('document.read');
  const docs = useAsync(
    () => (docsVisible ? documentApi.caseDocuments(c.id) : Promise.resolve([] as DocumentView[])),
    [c.id, docsVisible],
  );
  const templates = useAsync(
    () => (docsVisible ? documentApi.templates() : Promise.resolve(undefined)),
    [docsVisible],
  );
  const unsigned = useMemo(() => unsignedDocuments(docs.data ?? []), [docs.data]);
  const { setData: setDocs } = docs;
  /** A document the server answered with: replace it in the list (or add it), then show its records. */
  const docChanged = useCallback(
    (d: DocumentView) => {
      setDocs((list) => {
        const all = list ?? [];
        return all.some((x) => x.id === d.id) ? all.map((x) => (x.id === d.id ? d : x)) : [...all, d];
      });
      reloadRecords();
      // An issued document may open an act (告知 after the notice, 送达 after the decision): the
      // case view says so again.
      reloadCase();
    },
    [setDocs, reloadRecords, reloadCase],
  );

  // A signed scan finished uploading for one of this case's documents: show it.
  useEffect(
    () =>
      uploads.onSignedScan((d) => {
        if (d.caseId === c.id) docChanged(d);
      }),
    [c.id, docChanged],
  );

  // A record finished uploading for one of this case's steps: show it.
  useEffect(
    () =>
      uploads.onRecord((r) => {
        if ((r as Partial<RecordView>).caseId === c.id) reloadRecords();
      }),
    [c.id, reloadRecords],
  );

  const officerOptions = (officers.data ?? []).map((o) => ({
    value: o.id,
    label: `${o.name}（${o.unitName}）`,
  }));

  // The server lists what may be done now, including a decision the party's waiver opens.
  const actions = c.allowedActions;
  // A leader may lengthen the decision period while the server offers an extension.
  const extension = c.permissions.includes('case.approveExtension') ? c.decisionExtension : null;

  const s = c.facts.sanction;
  return (
    <>
      <BackHead
        title={
          <span>
            {c.number} <StateTag closed={c.closed} label={c.stateLabel} />
            {c.major && <Tag color="purple">重大</Tag>}
          </span>
        }
        extra={
          <Button icon={<ReloadOutlined />} onClick={props.reload}>
            刷新
          </Button>
        }
      />
      <Card className="zf-block" title={c.title}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
          <Descriptions.Item label="执法类别">
            {c.actTypeLabel}（{c.procedureLabel}）
          </Descriptions.Item>
          <Descriptions.Item label="状态">{c.stateLabel}</Descriptions.Item>
          <Descriptions.Item label="当事人" span={2}>
            <PartyCell c={c} meta={meta} />
          </Descriptions.Item>
          <Descriptions.Item label="承办部门">{c.unit.name}</Descriptions.Item>
          <Descriptions.Item label="执法人员">
            {c.officers.map((o) => (
              <Tag key={o.id} color={o.role === 'lead' ? 'blue' : 'default'}>
                {o.name}
                {o.role === 'lead' ? '（主办）' : ''}
              </Tag>
            ))}
          </Descriptions.Item>
          <Descriptions.Item label="权力事项" span={2}>
            <div>
              <span className="zf-mono">{c.powerItem.code}</span> {c.powerItem.name}
            </div>
            {item && <div className="zf-muted">依据：{item.basis.join('；')}</div>}
          </Descriptions.Item>
          <Descriptions.Item label="立案日期">{chineseDate(c.filedOn)}</Descriptions.Item>
          <Descriptions.Item label={c.closedOn ? '结案日期' : '下一期限'}>
            {c.closedOn ? (
              chineseDate(c.closedOn)
            ) : c.nextDue ? (
              <span className={isOverdue(c.nextDue) ? 'zf-overdue' : undefined}>
                {chineseDate(c.nextDue)}
              </span>
            ) : (
              '—'
            )}
          </Descriptions.Item>
          {s && (
            <Descriptions.Item label={c.facts.outcome ? '处罚' : '拟作出的处罚'} span={2}>
              {s.kinds.map((k) => meta.sanctions[k]).join('、')}
              {s.fine > 0 && `；罚款 ${formatYuan(s.fine)}`}
              {s.confiscated > 0 && `；没收价值 ${formatYuan(s.confiscated)}`}
              {c.facts.hearingOffered && <Tag color="orange">可申请听证</Tag>}
            </Descriptions.Item>
          )}
          {c.facts.outcome && (
            <Descriptions.Item label="决定结果">
              {meta.outcomes[c.facts.outcome] ?? c.facts.outcome}
              {c.facts.partyWaived && <Tag className="zf-gap-left">当事人放弃陈述申辩</Tag>}
            </Descriptions.Item>
          )}
        </Descriptions>
        <MajorClassification classification={c.legalReview?.classification} />
      </Card>

      <Card className="zf-block" title="办理" size="small" role="region" aria-label="办理">
        <Space wrap>
          {actor ? (
            actions.length > 0 ? (
              <Space wrap aria-label="可执行的操作">
                {actions.map((a) => (
                  <Button
                    key={a.action}
                    type={a.action === 'terminate' ? 'default' : 'primary'}
                    danger={a.action === 'terminate'}
                    onClick={() => setActing(a)}
                  >
                    {a.label}
                  </Button>
                ))}
              </Space>
            ) : (
              <span className="zf-muted">{c.closed ? '案件已办结。' : '当前没有可执行的操作。'}</span>
            )
          ) : (
            <span className="zf-muted">
              {c.closed
                ? '案件已办结。'
                : `本案由承办执法人员${c.officers.map((o) => o.name).join('、')}办理；您可以查看，不能办理。`}
            </span>
          )}
          {actor &&
            c.blockedActions.map((b) => (
              <span key={b.action} className="zf-muted" role="note">
                {b.label}暂不能办理：{b.reason}
              </span>
            ))}
          {extension && <Button onClick={() => setExtending(true)}>批准延长决定期限</Button>}
        </Space>
      </Card>

      <CaseProceeding
        c={c}
        meta={meta}
        onChange={(next) => {
          props.replace({ ...c, ...next, steps: c.steps, timeline: c.timeline });
          props.reload();
        }}
      />

      {unsigned.length > 0 && (
        <Alert
          className="zf-block"
          type="warning"
          showIcon
          role="region"
          aria-label="待当事人签名的文书"
          title={`${unsigned.length} 份文书尚未附上当事人签名的扫描件`}
          description={
            <div>
              <div>{unsigned.map((d) => documentName(d)).join('；')}</div>
              <div className="zf-muted">
                打印签发的文书交当事人签名后，在“执法文书”中上传签名扫描件；缺少签名的文书在归档时列为缺失事项。
              </div>
            </div>
          }
          action={
            <Button size="small" onClick={() => setTab('documents')}>
              查看文书
            </Button>
          }
        />
      )}

      <Card className="zf-block" title="期限" size="small" role="region" aria-label="期限">
        <DeadlineTable deadlines={c.deadlines} />
      </Card>

      <Card>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'timeline',
              label: '办案过程',
              children: (
                <CaseTimeline
                  c={c}
                  meta={meta}
                  records={records.data ?? []}
                  recordsError={records.error}
                  recorders={recorders.data ?? []}
                  officers={officerOptions}
                  onStepChanged={() => props.reload()}
                  onRecordsChanged={reloadRecords}
                />
              ),
            },
            {
              key: 'records',
              label: `记录资料${records.data ? `（${records.data.length}）` : ''}`,
              children: <CaseRecordList records={records.data ?? []} steps={c.steps} meta={meta} />,
            },
            ...(docsVisible
              ? [
                  {
                    key: 'documents',
                    label: `执法文书${docs.data ? `（${documentCount(docs.data)}）` : ''}`,
                    children: (
                      <CaseDocuments
                        c={c}
                        docs={docs.data ?? []}
                        loading={docs.loading}
                        error={docs.error}
                        reload={docs.reload}
                        templates={templates.data}
                        templatesError={templates.error}
                        onChanged={docChanged}
                      />
                    ),
                  },
                ]
              : []),
            ...(c.legalReview
              ? [
                  {
                    key: 'legalReview',
                    label: '法制审核',
                    children: (
                      <CaseLegalReview
                        c={c}
                        lr={c.legalReview}
                        records={records.data ?? []}
                        docs={docs.data ?? []}
                        onChanged={props.reload}
                      />
                    ),
                  },
                ]
              : []),
            ...(can('caseFile.read')
              ? [
                  {
                    key: 'caseFile',
                    label: '案卷',
                    children: tab === 'caseFile' ? <CaseFileTab caseId={c.id} /> : null,
                  },
                ]
              : []),
            {
              key: 'ledger',
              label: '留痕',
              children: tab === 'ledger' ? <CaseLedger caseId={c.id} /> : null,
            },
          ]}
        />
      </Card>

      {extending && extension && (
        <FormModal<{ days: number; reason: string }>
          title={`批准延长决定期限：${c.number}`}
          okText="批准"
          onClose={() => setExtending(false)}
          onSubmit={async (v) => {
            const next = await caseApi.approveExtension(c.id, { days: v.days, reason: v.reason.trim() });
            void message.success('已批准延长决定期限，期限已重新计算');
            props.replace({ ...c, ...next, steps: c.steps, timeline: c.timeline });
            props.reload();
          }}
        >
          <Typography.Paragraph type="secondary">
            {extension.unit === 'working'
              ? `行政许可决定期限经批准可延长 ${extension.maxDays} 个工作日（《行政许可法》第四十二条）。`
              : '行政处罚案件不能在 90 日内作出决定的，经批准可以延长（《行政处罚法》第六十条）。'}
            {extension.usedDays > 0 &&
              `已延长 ${extension.usedDays} ${extension.unit === 'working' ? '个工作日' : '日'}。`}
            批准记入留痕记录。
          </Typography.Paragraph>
          <Form.Item
            label={extension.unit === 'working' ? '延长工作日数' : '延长天数'}
            name="days"
            rules={[{ required: true, message: '请填写延长天数' }]}
          >
            <InputNumber
              min={1}
              max={extension.maxDays - extension.usedDays}
              precision={0}
              style={{ width: 160 }}
            />
          </Form.Item>
          <Form.Item
            label="理由"
            name="reason"
            rules={[
              { required: true, whitespace: true, message: '请填写理由' },
              { min: 5, message: '理由至少 5 个字' },
            ]}
          >
            <Input.TextArea rows={3} maxLength={1000} showCount />
          </Form.Item>
        </FormModal>
      )}
      {acting && (
        <CaseActionForm
          c={c}
          action={acting.action}
          label={acting.label}
          onWaiver={acting.onWaiver === true}
          meta={meta}
          items={props.items}
          onClose={() => setActing(null)}
          onDone={(next) => {
            void message.success(`${acting.label}：已办理，案件状态为“${next.stateLabel}”`);
            // The answer carries no steps or timeline: keep the loaded ones, then fetch them fresh.
            props.replace({ ...c, ...next, steps: c.steps, timeline: c.timeline });
            props.reload();
          }}
        />
      )}
    </>
  );
}

/** Documents counted once per chain of re-issued versions. */
function documentCount(docs: DocumentView[]): number {
  return docs.filter((d) => !docs.some((x) => x.versionOf === d.id)).length;
}

/** The party, masked; 查看完整信息 asks for a purpose and is logged. */
function PartyCell({ c, meta }: { c: CaseView; meta: CaseMeta }) {
  const [asking, setAsking] = useState(false);
  const [full, setFull] = useState<Partial<Record<Disclosable, string>> | null>(null);
  const p = c.party;
  return (
    <div>
      <div>
        <strong>{p.name}</strong> <Tag>{meta.partyKinds[p.kind]}</Tag>
        {c.permissions.includes('party.disclose') && !full && (
          <Button size="small" icon={<EyeOutlined />} onClick={() => setAsking(true)}>
            查看完整信息
          </Button>
        )}
        {full && <Tag color="orange">完整信息（本次查看已留痕）</Tag>}
      </div>
      <div className="zf-party-lines">
        <span>
          {meta.idTypes[p.idType]}：<span className="zf-mono">{full?.idNumber ?? p.idNumber}</span>
        </span>
        {p.legalRepresentative && <span>法定代表人：{p.legalRepresentative}</span>}
        <span>电话：{full?.phone ?? p.phone}</span>
        <span>地址：{full?.address ?? p.address}</span>
      </div>
      {asking && (
        <FormModal<{ purpose: string; fields: Disclosable[] }>
          title={`查看当事人完整信息：${p.name}`}
          okText="查看"
          initialValues={{ fields: ['idNumber', 'phone', 'address'] }}
          onSubmit={async (v) =>
            setFull(await caseApi.disclose(p.id, { purpose: v.purpose.trim(), fields: v.fields }))
          }
          onClose={() => setAsking(false)}
        >
          <Typography.Paragraph type="secondary">
            个人信息受法律保护。查看完整信息须说明事由，事由与您的姓名、时间一并记入留痕记录。
          </Typography.Paragraph>
          <Form.Item
            label="查看的信息"
            name="fields"
            rules={[{ required: true, type: 'array', min: 1, message: '请选择要查看的信息' }]}
          >
            <CheckboxGroup
              options={[
                { value: 'idNumber', label: '证件号码' },
                { value: 'phone', label: '联系电话' },
                { value: 'address', label: '地址' },
              ]}
            />
          </Form.Item>
          <Form.Item
            label="事由"
            name="purpose"
            rules={[
              { required: true, whitespace: true, message: '请填写事由' },
              { min: 2, message: '事由至少 2 个字' },
            ]}
          >
            <Input.TextArea
              rows={2}
              maxLength={200}
              showCount
              placeholder="如：制作行政处罚决定书需核对当事人信息"
            />
          </Form.Item>
        </FormModal>
      )}
    </div>
  );
}

function DeadlineTable({ deadlines }: { deadlines: CaseDeadline[] }) {
  if (deadlines.length === 0) return <Nothing text="暂无法定期限" />;
  return (
    <Table<CaseDeadline>
      rowKey="kind"
      className="zf-stack"
      size="small"
      pagination={false}
      dataSource={deadlines}
      aria-label="期限"
      columns={[
        { title: '期限', dataIndex: 'label', width: 160 },
        {
          title: '截止日期',
          dataIndex: 'due',
          width: 320,
          render: (d: string, dl) => (
            <span>
              <span className={dl.status === 'overdue' ? 'zf-overdue' : undefined}>{chineseDate(d)}</span>
              {/* Explained inline, not only on hover (issue 12). */}
              {!dl.confirmed && <UnconfirmedNote />}
            </span>
          ),
        },
        { title: '期间', dataIndex: 'period', width: 140 },
        { title: '依据', dataIndex: 'basis' },
        {
          title: '状态',
          dataIndex: 'status',
          width: 220,
          render: (_: unknown, dl) => (
            <span>
              <DeadlineStatusTag status={dl.status} />
              {dl.doneOn && <span className="zf-muted zf-nowrap">{chineseDate(dl.doneOn)}</span>}
            </span>
          ),
        },
      ]}
    />
  );
}

type FormState =
  | { kind: 'step' }
  | { kind: 'record'; step: Step; how: RecordFormMode }
  | { kind: 'avReason'; step: Step; message: string };

/** Steps and transitions in time order; each step with its officers, AV rules, records and uploads. */
function CaseTimeline(props: {
  c: CaseView;
  meta: CaseMeta;
  records: RecordView[];
  recordsError: unknown;
  recorders: Recorder[];
  officers: { value: string; label: string }[];
  onStepChanged: () => void;
  onRecordsChanged: () => void;
}) {
  const { c, meta } = props;
  const { message } = App.useApp();
  const [form, setForm] = useState<FormState | null>(null);
  const [open, setOpen] = useState<RecordView | null>(null);
  const [completing, setCompleting] = useState<string | null>(null);
  const actor = c.permissions.includes('case.act') && !c.closed;
  const entries = useMemo(
    () => timelineEntries(c.steps, c.timeline, { createdAt: c.createdAt, filedOn: c.filedOn }),
    [c.steps, c.timeline, c.createdAt, c.filedOn],
  );
  const byStep = useMemo(() => recordsByStep(props.records), [props.records]);

  const complete = async (step: Step) => {
    if (completing) return;
    setCompleting(step.id);
    try {
      await caseApi.completeStep(step.id);
      void message.success(`${step.kindLabel}环节已完成`);
      props.onStepChanged();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'AV_RECORD_REQUIRED') {
        setForm({ kind: 'avReason', step, message: err.message });
      } else {
        void message.error(errorMessage(err));
      }
    } finally {
      setCompleting(null);
    }
  };

  return (
    <section aria-label="办案过程">
      {actor && (
        <div className="zf-toolbar">
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({ kind: 'step' })}>
            记录执法环节
          </Button>
        </div>
      )}
      {props.recordsError ? <LoadError error={props.recordsError} title="记录资料加载失败" /> : null}
      {entries.length === 0 ? (
        <Nothing text="暂无办案记录" />
      ) : (
        <Timeline
          className="zf-timeline"
          items={entries.map((e) =>
            e.type === 'filed'
              ? {
                  key: e.key,
                  color: 'blue',
                  content: (
                    <div className="zf-tl-entry" data-kind="filed" aria-label="立案">
                      <div className="zf-tl-head">
                        <strong>立案</strong>
                        <span>
                          {c.actTypeLabel}（{c.procedureLabel}）
                        </span>
                        <span className="zf-muted">
                          {chineseDate(e.filedOn)} · 于 {chineseDateTime(c.createdAt)} 登记
                        </span>
                      </div>
                    </div>
                  ),
                }
              : e.type === 'transition'
                ? {
                    key: e.key,
                    color: 'blue',
                    content: <TransitionEntry t={e.transition} meta={meta} />,
                  }
                : {
                    key: e.key,
                    color: e.step.flagged ? 'red' : e.step.state === 'completed' ? 'green' : 'gray',
                    content: (
                      <StepEntry
                        step={e.step}
                        meta={meta}
                        records={byStep.get(e.step.id) ?? []}
                        actor={actor}
                        completing={completing === e.step.id}
                        onComplete={() => void complete(e.step)}
                        onUpload={() => setForm({ kind: 'record', step: e.step, how: { mode: 'new' } })}
                        onCorrect={(r) =>
                          setForm({ kind: 'record', step: e.step, how: { mode: 'correct', record: r } })
                        }
                        onFix={(item) =>
                          setForm({ kind: 'record', step: e.step, how: { mode: 'retarget', item } })
                        }
                        onOpen={setOpen}
                      />
                    ),
                  },
          )}
        />
      )}

      {form?.kind === 'step' && (
        <StepForm
          c={c}
          meta={meta}
          officers={props.officers}
          onClose={() => setForm(null)}
          onDone={(s) => {
            void message.success(
              s.avRequired
                ? `已记录${s.kindLabel}环节：须同步音像记录（${s.avReasons.join('；')}）`
                : `已记录${s.kindLabel}环节`,
            );
            props.onStepChanged();
          }}
        />
      )}
      {form?.kind === 'record' && (
        <StepRecordForm
          c={c}
          step={form.step}
          meta={meta}
          recorders={props.recorders}
          officers={props.officers}
          how={form.how}
          onClose={() => setForm(null)}
        />
      )}
      {form?.kind === 'avReason' && (
        <FormModal<{ reason: string }>
          title={`完成${form.step.kindLabel}环节：说明未同步音像记录的理由`}
          okText="完成"
          danger
          onClose={() => setForm(null)}
          onSubmit={async (v) => {
            await caseApi.completeStep(form.step.id, v.reason.trim());
            void message.warning('环节已完成；未同步音像记录的情况已报监督人员');
            props.onStepChanged();
          }}
        >
          <Alert className="zf-form-alert" type="warning" showIcon title={form.message} />
          <Form.Item
            label="理由"
            name="reason"
            rules={[
              { required: true, whitespace: true, message: '请填写理由' },
              { min: 5, message: '理由至少 5 个字' },
            ]}
            extra="理由将记入留痕记录，并列入监督清单。"
          >
            <Input.TextArea rows={3} maxLength={1000} showCount />
          </Form.Item>
        </FormModal>
      )}
      {open && <RecordDrawer record={open} onClose={() => setOpen(null)} />}
    </section>
  );
}

function TransitionEntry({ t, meta }: { t: TimelineTransition; meta: CaseMeta }) {
  const p = t.payload;
  const details: string[] = [];
  if (typeof p.outcome === 'string')
    details.push(`结果：${meta.outcomes[p.outcome as keyof CaseMeta['outcomes']] ?? p.outcome}`);
  if (typeof p.result === 'string') details.push(`检查结果：${p.result}`);
  const sanction = p.sanction as { kinds?: string[]; fine?: number } | undefined;
  if (sanction?.kinds)
    details.push(
      `处罚：${sanction.kinds.map((k) => meta.sanctions[k as keyof CaseMeta['sanctions']] ?? k).join('、')}${
        sanction.fine ? `，罚款 ${formatYuan(sanction.fine)}` : ''
      }`,
    );
  if (p.partyWaived === true) details.push('当事人放弃陈述、申辩');
  if (typeof p.reason === 'string') details.push(`理由：${p.reason}`);
  if (typeof p.urgentReason === 'string') details.push(`紧急情况：${p.urgentReason}`);
  if (typeof p.hearingOn === 'string') details.push(`听证日期：${chineseDate(p.hearingOn)}`);
  return (
    <div className="zf-tl-entry" data-kind="transition" aria-label={`流转 ${t.label}`}>
      <div className="zf-tl-head">
        <strong>{t.label}</strong>
        <span>→ {t.toLabel}</span>
        <span className="zf-muted">
          {chineseDate(t.occurredOn)} · {t.user.name} 于 {chineseDateTime(t.at)} 办理
        </span>
      </div>
      {details.length > 0 && <div className="zf-muted">{details.join('；')}</div>}
    </div>
  );
}

function StepEntry(props: {
  step: Step;
  meta: CaseMeta;
  records: RecordView[];
  actor: boolean;
  completing: boolean;
  onComplete: () => void;
  onUpload: () => void;
  onCorrect: (r: RecordView) => void;
  onFix: (item: UploadItem) => void;
  onOpen: (r: RecordView) => void;
}) {
  const { step, meta } = props;
  const items = useStepUploads(step.id);
  const hasAv = props.records.some((r) => r.kind === 'audio' || r.kind === 'video');
  return (
    <div
      className="zf-tl-entry zf-step"
      data-kind="step"
      aria-label={`执法环节 ${step.kindLabel} ${chineseDateTime(step.occurredAt)}`}
    >
      <div className="zf-tl-head">
        <strong>执法环节：{step.kindLabel}</strong>
        {step.serviceMannerLabel && <Tag>{step.serviceMannerLabel}</Tag>}
        <Tag color={step.state === 'completed' ? 'green' : 'processing'}>
          {step.state === 'completed' ? '已完成' : '进行中'}
        </Tag>
        {step.inField && <Tag>现场执法</Tag>}
        {step.contactWithParty && <Tag>接触当事人</Tag>}
        {step.designatedSite && <Tag>指定场所</Tag>}
        {step.avRequired && (
          <Tooltip title={step.avReasons.join('；')}>
            <Tag color={hasAv ? 'green' : 'orange'}>{hasAv ? '已有音像记录' : '须同步音像记录'}</Tag>
          </Tooltip>
        )}
        {step.flagged && <Tag color="red">已报监督</Tag>}
      </div>
      <div className="zf-step-meta">
        <span>时间：{chineseDateTime(step.occurredAt)}</span>
        <span>地点：{step.place}</span>
        <span>
          执法人员：
          {step.officers.map((o) => (
            <span key={o.id} className="zf-step-officer">
              {o.name}
              <span className="zf-muted zf-mono">（证号 {o.certificateNumber || '无有效证件'}）</span>
            </span>
          ))}
        </span>
      </div>
      {step.notes && <div className="zf-step-notes">{step.notes}</div>}
      {step.avRequired && <div className="zf-muted">须同步音像记录的情形：{step.avReasons.join('；')}</div>}
      {step.recorderWarning && (
        <Alert className="zf-gap-top-s" type="warning" showIcon title={step.recorderWarning} />
      )}
      {step.avMissingReason && (
        <Alert
          className="zf-gap-top-s"
          type="error"
          showIcon
          title={`未同步音像记录的理由：${step.avMissingReason}`}
        />
      )}
      {props.actor && (
        <Space className="zf-gap-top-s" wrap>
          <Button size="small" icon={<PlusOutlined />} onClick={props.onUpload}>
            上传记录
          </Button>
          {step.state === 'open' && (
            <Button
              size="small"
              type="primary"
              // A quick answer shows no spinner (nor leaves a fading one behind in the button's name).
              loading={props.completing && { delay: 300 }}
              disabled={props.completing}
              onClick={props.onComplete}
            >
              完成
            </Button>
          )}
        </Space>
      )}
      <StepUploadList items={items} onFix={props.onFix} />
      {props.records.length > 0 && (
        <div className="zf-gap-top-s" aria-label={`${step.kindLabel}环节的记录资料`}>
          <StepRecordTable
            records={props.records}
            meta={meta}
            canCorrect={props.actor}
            onOpen={props.onOpen}
            onCorrect={props.onCorrect}
          />
        </div>
      )}
    </div>
  );
}

/** All the case's records, every version, in the order they were stored. */
function CaseRecordList({ records, steps, meta }: { records: RecordView[]; steps: Step[]; meta: CaseMeta }) {
  const [open, setOpen] = useState<RecordView | null>(null);
  const stepLabel = new Map(steps.map((s) => [s.id, `${s.kindLabel} ${chineseDateTime(s.occurredAt)}`]));
  return (
    <>
      <Table<RecordView>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={records}
        locale={{ emptyText: <Nothing text="暂无记录资料" /> }}
        columns={[
          {
            title: '文件',
            dataIndex: 'fileName',
            ellipsis: true,
            render: (name: string, r) =>
              r.restricted ? (
                <span className="zf-muted">{name}</span>
              ) : (
                <Button
                  type="link"
                  size="small"
                  className="zf-link-cell zf-file-link"
                  onClick={() => setOpen(r)}
                >
                  {name}
                </Button>
              ),
          },
          {
            title: '环节',
            dataIndex: 'stepId',
            width: 220,
            render: (s: string | null) => (s ? (stepLabel.get(s) ?? '—') : '—'),
          },
          {
            title: '类型',
            dataIndex: 'kind',
            width: 100,
            render: (k: RecordView['kind']) => (k ? meta.recordKinds[k] : '—'),
          },
          { title: '保护级别', dataIndex: 'protectionLabel', width: 100 },
          { title: '版本', dataIndex: 'version', width: 80, render: (v: number) => `第 ${v} 版` },
          { title: '大小', dataIndex: 'size', width: 90, render: (s: number) => formatBytes(s) },
          {
            title: '上传时间',
            dataIndex: 'createdAt',
            width: 170,
            render: (at: string) => chineseDateTime(at),
          },
        ]}
      />
      {open && <RecordDrawer record={open} onClose={() => setOpen(null)} />}
    </>
  );
}
