import { useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  Radio,
  Row,
  Select,
  Space,
  Tag,
} from 'antd';
import { ArrowLeftOutlined, MinusCircleOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { ApiError, errorMessage } from '../../api';
import { showFieldError } from '../../components/FormModal';
import { FormModal } from '../../components/FormModal';
import { DateField } from '../../components/DateField';
import { PageHead } from '../../components/PageHead';
import { Loading, LoadError } from '../../components/Status';
import { legalReviewApi } from '../../legal-review-api';
import { checklistFieldPath, opinionBody, opinionDraft, type OpinionForm } from '../../legal-review-format';
import { chineseDate, chineseDateTime, shanghaiToday } from '../../format';
import { useAsync } from '../../hooks';
import { navigate, usePath } from '../../router';
import { UnconfirmedNote } from '../../components/DateField';
import { CaseLink } from '../case/case-shared';
import { ReviewDue } from '../case/CaseLegalReview';
import {
  CHECK_ANSWER_LABELS,
  CHECK_ANSWERS,
  FINAL_SIDE_LABELS,
  FINAL_SIDES,
  OPINION_KIND_LABELS,
  OPINION_KINDS,
  type FinalSide,
  type OpinionKind,
} from '../../../../src/domain/legal-review';
import type { LegalReview } from '../../../../src/http/routes/legal-review.schema';

type Dialog = 'object' | 'reply' | 'final' | 'extension' | 'extensionDecision' | null;

/**
 * 审核事项 (/legal-reviews/:id): the materials beside the checklist, the opinion form for the
 * assigned reviewer, the handling unit's adoption or objection, the review unit's reply and the
 * leader's final decision. Which of these are offered is the server's `acts`.
 */
export function LegalReviewPage() {
  const path = usePath();
  const id = decodeURIComponent(path.split('/')[2] ?? '');
  const r = useAsync(() => legalReviewApi.review(id), [id]);
  useEffect(() => {
    if (r.data) document.title = `${r.data.stageLabel} ${r.data.caseNumber} - 执法三项制度工作台`;
  }, [r.data]);
  const head = (title: React.ReactNode, extra?: React.ReactNode) => (
    <PageHead
      title={
        <Space>
          <Button
            type="text"
            icon={<ArrowLeftOutlined />}
            aria-label="返回"
            onClick={() => (window.history.length > 1 ? window.history.back() : navigate('/'))}
          />
          {title}
        </Space>
      }
      extra={extra}
    />
  );
  if (r.error && !r.data) {
    const missing = r.error instanceof ApiError && r.error.status === 404;
    return (
      <>
        {head('审核事项')}
        <LoadError
          error={r.error}
          onRetry={missing ? undefined : r.reload}
          title={missing ? '审核事项不存在' : '加载失败'}
        />
      </>
    );
  }
  if (!r.data) return <Loading />;
  const v = r.data;
  return (
    <>
      {head(
        <span>
          {v.stageLabel}（第 {v.round} 次送审） <Tag color={v.passed ? 'green' : 'blue'}>{v.stateLabel}</Tag>
        </span>,
        <Button icon={<ReloadOutlined />} onClick={r.reload}>
          刷新
        </Button>,
      )}
      <ReviewBody key={`${v.id}-${v.state}`} v={v} replace={(next) => r.setData(() => next)} />
    </>
  );
}

function ReviewBody({ v, replace }: { v: LegalReview; replace: (r: LegalReview) => void }) {
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<Dialog>(null);
  const acts = v.acts;
  const assign = async (reviewerUserId?: string) => {
    try {
      replace(await legalReviewApi.assign(v.id, reviewerUserId));
      void message.success('已分配审核人员');
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };
  const adopt = async () => {
    try {
      replace(await legalReviewApi.adopt(v.id));
      void message.success('已采纳审核意见');
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };

  return (
    <>
      <Card className="zf-block" size="small" title="送审情况" role="region" aria-label="送审情况">
        <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label="案件">
            <CaseLink id={v.caseId}>{v.caseNumber}</CaseLink> {v.caseTitle}
          </Descriptions.Item>
          <Descriptions.Item label="审核部门">{v.reviewUnit.name}</Descriptions.Item>
          <Descriptions.Item label="送审">
            {v.submittedBy.name} 于 {chineseDateTime(v.submittedAt)}
          </Descriptions.Item>
          <Descriptions.Item label="审核期限">
            <ReviewDue r={v} />
          </Descriptions.Item>
          <Descriptions.Item label="延长审核期限">
            {v.extensionStateLabel}
            {v.extension && `（${v.extension.requestedBy.name}：${v.extension.reason}）`}
          </Descriptions.Item>
          <Descriptions.Item label="审核人员">{v.reviewer?.name ?? '未分配'}</Descriptions.Item>
          <Descriptions.Item label="审核意见">{v.opinionKindLabel ?? '尚未出具'}</Descriptions.Item>
          <Descriptions.Item label="提请说明" span={2}>
            <div className="zf-pre">{v.statement}</div>
          </Descriptions.Item>
        </Descriptions>
        {(acts.includes('requestExtension') || acts.includes('decideExtension')) && (
          <Space wrap className="zf-gap-top-s" role="group" aria-label="延长审核期限">
            {acts.includes('requestExtension') && (
              <Button onClick={() => setDialog('extension')}>申请延长审核期限</Button>
            )}
            {acts.includes('decideExtension') && (
              <Button type="primary" onClick={() => setDialog('extensionDecision')}>
                审批延长申请
              </Button>
            )}
          </Space>
        )}
        {acts.includes('assign') && (
          <Space wrap className="zf-gap-top-s" role="group" aria-label="分配审核人员">
            <Button type="primary" onClick={() => void assign()}>
              由我审核
            </Button>
            {v.assignable.length > 0 && (
              <Select
                aria-label="分配给审核人员"
                placeholder="分配给审核人员"
                style={{ minWidth: 220 }}
                onChange={(uid: string) => void assign(uid)}
                options={v.assignable.map((a) => ({
                  value: a.id,
                  label: `${a.name}${a.firstReview ? (a.qualified ? '（初次审核，具有法律职业资格）' : '（初次审核，无法律职业资格）') : ''}`,
                }))}
              />
            )}
          </Space>
        )}
      </Card>

      <Row gutter={16}>
        <Col xs={24} lg={9}>
          <Card className="zf-block" size="small" title="送审材料" role="region" aria-label="送审材料">
            {v.materials.length === 0 ? (
              <div className="zf-muted">未附材料。</div>
            ) : (
              <ul className="zf-plain-list">
                {v.materials.map((m) => (
                  <li key={`${m.kind}-${m.id}`}>
                    <Tag>{m.kind === 'record' ? '记录' : '文书'}</Tag>
                    {m.title || '（无标题）'}
                  </li>
                ))}
              </ul>
            )}
            <div className="zf-muted zf-gap-top-s zf-underline-links">
              材料原件在案件的“记录资料”“执法文书”中查看：<CaseLink id={v.caseId}>打开案件</CaseLink>
            </div>
          </Card>
        </Col>
        <Col xs={24} lg={15}>
          {acts.includes('issueOpinion') ? (
            <OpinionFormCard v={v} replace={replace} />
          ) : v.opinion ? (
            <OpinionCard v={v} />
          ) : (
            <Card className="zf-block" size="small" title="审核意见" role="region" aria-label="审核意见">
              <div className="zf-muted">
                {v.reviewer ? `由 ${v.reviewer.name} 审核，尚未出具意见。` : '尚未分配审核人员。'}
              </div>
            </Card>
          )}
        </Col>
      </Row>

      {(v.opinion || v.objection) && (
        <Card className="zf-block" size="small" title="采纳与异议" role="region" aria-label="采纳与异议">
          {v.adoptedAt && <div>承办部门已于 {chineseDateTime(v.adoptedAt)} 采纳审核意见。</div>}
          {v.objectionDue && !v.adoptedAt && !v.objection && (
            <div>
              承办部门可在 {chineseDate(v.objectionDue.due)} 前书面提出异议
              {!v.objectionDue.confirmed && <UnconfirmedNote />}。
            </div>
          )}
          {v.objection && (
            <Descriptions size="small" bordered column={1}>
              <Descriptions.Item label="承办部门异议">
                <div className="zf-pre">{v.objection.reasons}</div>
                <div className="zf-muted">
                  {v.objection.by.name} 于 {chineseDateTime(v.objection.at)} 提出
                </div>
              </Descriptions.Item>
              <Descriptions.Item label="审核部门答复">
                {v.objection.reply ? (
                  <>
                    <div>
                      {v.objection.reply.decision === 'maintain' ? '维持原审核意见' : '变更审核意见'}（
                      {v.objection.reply.kindLabel}）
                    </div>
                    <div className="zf-pre">{v.objection.reply.text}</div>
                    <div className="zf-muted">
                      {v.objection.reply.by.name} 于 {chineseDateTime(v.objection.reply.at)} 答复
                    </div>
                  </>
                ) : (
                  <span>
                    应在 {chineseDate(v.objection.replyDue.due)} 前书面答复
                    {!v.objection.replyDue.confirmed && <UnconfirmedNote />}
                  </span>
                )}
              </Descriptions.Item>
              {(v.objection.finalDecision || v.state === 'escalated') && (
                <Descriptions.Item label="负责人决定">
                  {v.objection.finalDecision ? (
                    <>
                      <div>{v.objection.finalDecision.sideLabel}</div>
                      <div className="zf-pre">{v.objection.finalDecision.reasons}</div>
                      <div className="zf-muted">
                        {v.objection.finalDecision.by.name} 于 {chineseDateTime(v.objection.finalDecision.at)}{' '}
                        决定（最终决定）
                      </div>
                    </>
                  ) : (
                    '报请负责人决定'
                  )}
                </Descriptions.Item>
              )}
            </Descriptions>
          )}
          <Space wrap className="zf-gap-top-s" role="group" aria-label="可办理的操作">
            {acts.includes('adopt') && (
              <Button type="primary" onClick={() => void adopt()}>
                采纳审核意见
              </Button>
            )}
            {acts.includes('object') && <Button onClick={() => setDialog('object')}>提出异议</Button>}
            {acts.includes('reply') && (
              <Button type="primary" onClick={() => setDialog('reply')}>
                答复异议
              </Button>
            )}
            {acts.includes('decideFinally') && (
              <Button type="primary" onClick={() => setDialog('final')}>
                作出最终决定
              </Button>
            )}
          </Space>
        </Card>
      )}

      {dialog === 'extension' && (
        <FormModal<{ reason: string }>
          title={`申请延长审核期限：${v.stageLabel}`}
          okText="提交申请"
          onClose={() => setDialog(null)}
          onSubmit={async (x) => {
            replace(await legalReviewApi.requestExtension(v.id, x.reason.trim()));
            void message.success('已提交延长申请，等待负责人审批');
          }}
        >
          <Alert
            className="zf-form-alert"
            type="info"
            showIcon
            title="审核期限经负责人批准可延长一次，延长 3 个工作日；须在期限届满前申请。"
          />
          <Form.Item label="申请理由" name="reason">
            <Input.TextArea rows={3} maxLength={2000} showCount />
          </Form.Item>
        </FormModal>
      )}
      {dialog === 'extensionDecision' && (
        <FormModal<{ approve: boolean; opinion: string }>
          title={`审批延长申请：${v.stageLabel}`}
          okText="确定"
          initialValues={{ approve: true, opinion: '' }}
          onClose={() => setDialog(null)}
          onSubmit={async (x) => {
            replace(
              await legalReviewApi.decideExtension(v.id, { approve: x.approve, opinion: x.opinion.trim() }),
            );
            void message.success(x.approve ? '已批准延长审核期限' : '已不予批准');
          }}
        >
          <Form.Item label="审批结果" name="approve">
            <Radio.Group
              options={[
                { value: true, label: '批准延长' },
                { value: false, label: '不予批准' },
              ]}
            />
          </Form.Item>
          <Form.Item label="审批意见" name="opinion">
            <Input.TextArea rows={3} maxLength={2000} showCount />
          </Form.Item>
        </FormModal>
      )}
      {dialog === 'object' && (
        <FormModal<{ reasons: string }>
          title={`提出异议：${v.stageLabel}`}
          okText="提出异议"
          onClose={() => setDialog(null)}
          onSubmit={async (x) => {
            replace(await legalReviewApi.object(v.id, { reasons: x.reasons.trim() }));
            void message.success('已提出异议，等待审核部门答复');
          }}
        >
          {v.objectionDue && (
            <Alert
              className="zf-form-alert"
              type="info"
              showIcon
              title={`收到审核意见后 2 个工作日内书面提出，截止 ${chineseDate(v.objectionDue.due)}`}
            />
          )}
          <Form.Item label="异议理由" name="reasons">
            <Input.TextArea rows={4} maxLength={5000} showCount />
          </Form.Item>
        </FormModal>
      )}
      {dialog === 'reply' && (
        <FormModal<{ decision: 'maintain' | 'revise'; kind?: OpinionKind; text: string }>
          title={`答复异议：${v.stageLabel}`}
          okText="答复"
          initialValues={{ decision: 'maintain', text: '' }}
          onClose={() => setDialog(null)}
          onSubmit={async (x) => {
            replace(
              await legalReviewApi.reply(v.id, {
                decision: x.decision,
                ...(x.decision === 'revise' && x.kind && { kind: x.kind }),
                text: x.text.trim(),
              }),
            );
            void message.success('已答复异议');
          }}
        >
          {(form) => (
            <>
              <Form.Item label="答复" name="decision">
                <Radio.Group
                  options={[
                    { value: 'maintain', label: '维持原审核意见（仍有异议的报负责人决定）' },
                    { value: 'revise', label: '变更审核意见' },
                  ]}
                />
              </Form.Item>
              <Form.Item noStyle shouldUpdate>
                {() =>
                  form.getFieldValue('decision') === 'revise' && (
                    <Form.Item label="变更后的意见" name="kind">
                      <Select
                        aria-label="变更后的意见"
                        options={OPINION_KINDS.map((k) => ({ value: k, label: OPINION_KIND_LABELS[k] }))}
                      />
                    </Form.Item>
                  )
                }
              </Form.Item>
              <Form.Item label="书面答复" name="text">
                <Input.TextArea rows={4} maxLength={5000} showCount />
              </Form.Item>
            </>
          )}
        </FormModal>
      )}
      {dialog === 'final' && (
        <FormModal<{ side: FinalSide; reasons: string }>
          title={`最终决定：${v.stageLabel}`}
          okText="作出决定"
          onClose={() => setDialog(null)}
          onSubmit={async (x) => {
            replace(await legalReviewApi.decideFinally(v.id, { side: x.side, reasons: x.reasons.trim() }));
            void message.success('已作出最终决定');
          }}
        >
          <Alert
            className="zf-form-alert"
            type="info"
            showIcon
            title="负责人的决定为最终决定，本环节审核结束。"
          />
          <Form.Item label="决定" name="side" rules={[{ required: true, message: '请选择' }]}>
            <Radio.Group
              className="zf-radio-column"
              options={FINAL_SIDES.map((s) => ({ value: s, label: FINAL_SIDE_LABELS[s] }))}
            />
          </Form.Item>
          <Form.Item label="理由" name="reasons">
            <Input.TextArea rows={4} maxLength={5000} showCount />
          </Form.Item>
        </FormModal>
      )}
    </>
  );
}

/** The issued opinion: kind, reasons, each item's answer, the participants, the 意见书. */
function OpinionCard({ v }: { v: LegalReview }) {
  const o = v.opinion!;
  return (
    <Card className="zf-block" size="small" title="审核意见" role="region" aria-label="审核意见">
      <Descriptions size="small" bordered column={1}>
        <Descriptions.Item label="意见">
          <Tag color={o.kind === 'agree' ? 'green' : 'orange'}>{o.kindLabel}</Tag>
        </Descriptions.Item>
        {o.reasons && (
          <Descriptions.Item label="理由">
            <div className="zf-pre">{o.reasons}</div>
          </Descriptions.Item>
        )}
        <Descriptions.Item label="逐项审核">
          <ul className="zf-plain-list" aria-label="逐项审核结果">
            {o.checklist.map((a) => (
              <li key={a.item}>
                {a.label}：<strong>{a.answerLabel}</strong>
                {a.note && <span className="zf-muted">（{a.note}）</span>}
              </li>
            ))}
          </ul>
        </Descriptions.Item>
        <Descriptions.Item label="参与情况">
          {o.participants.partyHeard && (
            <div>
              听取当事人意见：{chineseDate(o.participants.partyHeard.on)} {o.participants.partyHeard.note}
            </div>
          )}
          {o.participants.jointInvestigation && (
            <div>
              与承办部门共同调查：{chineseDate(o.participants.jointInvestigation.on)}{' '}
              {o.participants.jointInvestigation.note}
            </div>
          )}
          {o.participants.advisers.map((a, i) => (
            <div key={i}>
              邀请{a.role} {a.name}
              {a.opinion && `：${a.opinion}`}
            </div>
          ))}
          {!o.participants.partyHeard &&
            !o.participants.jointInvestigation &&
            o.participants.advisers.length === 0 && <span className="zf-muted">无</span>}
        </Descriptions.Item>
        <Descriptions.Item label="审核人员">
          {o.by.name} 于 {chineseDateTime(o.issuedAt)} 出具
        </Descriptions.Item>
        <Descriptions.Item label="法制审核意见书">
          {o.document ? (o.document.number ?? '已出具') : <span className="zf-muted">未单独出具文书</span>}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

/** The assigned reviewer's form: each item answered with a note, participants, the opinion. */
function OpinionFormCard({ v, replace }: { v: LegalReview; replace: (r: LegalReview) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<OpinionForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const labels = new Map(v.checklistItems.map((i) => [i.item, i.label]));

  const submit = async (values: OpinionForm) => {
    setBusy(true);
    setError(null);
    try {
      replace(await legalReviewApi.opinion(v.id, opinionBody(values, v.checklistItems)));
      void message.success('已出具审核意见');
    } catch (err) {
      if (!showFieldError(form, err, {}, checklistFieldPath)) setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <Card className="zf-block" size="small" title="审核意见" role="region" aria-label="出具审核意见">
      {error && <Alert className="zf-form-alert" type="error" showIcon title={error} />}
      <Form<OpinionForm>
        form={form}
        layout="vertical"
        initialValues={{ ...opinionDraft(v.checklistItems), partyHeardOn: null, jointOn: null }}
        onFinish={(x) => void submit(x)}
      >
        <fieldset className="zf-fieldset">
          <legend>逐项审核</legend>
          <Form.List name="checklist">
            {(fields) =>
              fields.map((f) => {
                const item = v.checklistItems[f.name]!.item;
                const label = labels.get(item)!;
                return (
                  <div key={f.key} className="zf-check-item" role="group" aria-label={label}>
                    <div className="zf-check-label">
                      {f.name + 1}. {label}
                    </div>
                    <Form.Item name={[f.name, 'answer']} className="zf-check-answer">
                      <Radio.Group
                        aria-label={`${label}：审核结果`}
                        options={CHECK_ANSWERS.map((a) => ({ value: a, label: CHECK_ANSWER_LABELS[a] }))}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'note']} className="zf-check-note">
                      <Input
                        aria-label={`${label}：说明`}
                        placeholder="说明（不符合的须填写）"
                        maxLength={1000}
                      />
                    </Form.Item>
                  </div>
                );
              })
            }
          </Form.List>
        </fieldset>

        <fieldset className="zf-fieldset">
          <legend>参与情况</legend>
          <div className="zf-inline-fields">
            <Form.Item label="听取当事人意见日期" name="partyHeardOn">
              <DateField aria-label="听取当事人意见日期" max={shanghaiToday()} allowClear />
            </Form.Item>
            <Form.Item label="当事人意见" name="partyHeardNote" className="zf-grow">
              <Input maxLength={2000} />
            </Form.Item>
          </div>
          <div className="zf-inline-fields">
            <Form.Item label="与承办部门共同调查日期" name="jointOn">
              <DateField aria-label="与承办部门共同调查日期" max={shanghaiToday()} allowClear />
            </Form.Item>
            <Form.Item label="调查情况" name="jointNote" className="zf-grow">
              <Input maxLength={2000} />
            </Form.Item>
          </div>
          <Form.List name="advisers">
            {(fields, { add, remove }) => (
              <div role="group" aria-label="邀请的法律顾问或专家">
                {fields.map((f, i) => (
                  <div key={f.key} className="zf-inline-fields">
                    <Form.Item label={`顾问或专家 ${i + 1} 姓名`} name={[f.name, 'name']}>
                      <Input maxLength={50} />
                    </Form.Item>
                    <Form.Item label="身份" name={[f.name, 'role']}>
                      <Input maxLength={60} placeholder="法律顾问、公职律师、专家" />
                    </Form.Item>
                    <Form.Item label="意见" name={[f.name, 'opinion']} className="zf-grow">
                      <Input maxLength={2000} />
                    </Form.Item>
                    <Button
                      type="text"
                      icon={<MinusCircleOutlined />}
                      aria-label={`移除顾问或专家 ${i + 1}`}
                      onClick={() => remove(f.name)}
                    />
                  </div>
                ))}
                <Button size="small" icon={<PlusOutlined />} onClick={() => add({})}>
                  增加邀请的法律顾问或专家
                </Button>
              </div>
            )}
          </Form.List>
        </fieldset>

        <Form.Item label="审核意见" name="kind" rules={[{ required: true, message: '请选择审核意见' }]}>
          <Radio.Group
            className="zf-radio-column"
            options={OPINION_KINDS.map((k) => ({ value: k, label: OPINION_KIND_LABELS[k] }))}
          />
        </Form.Item>
        <Form.Item label="理由" name="reasons" extra="除“同意”外，须写明理由。">
          <Input.TextArea rows={4} maxLength={5000} showCount />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy && { delay: 300 }} disabled={busy}>
          出具审核意见
        </Button>
      </Form>
    </Card>
  );
}
