import { useState } from 'react';
import {
  App as AntApp,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Space,
  Tag,
} from 'antd';
import type { FormInstance } from 'antd';
import { caseApi } from '../../case-api';
import { fenToYuan, formatYuan, GRADE_LABELS, remapErrorField, yuanToFen } from '../../case-format';
import { chineseDate, chineseDateTime, shanghaiToday } from '../../format';
import { FormModal } from '../../components/FormModal';
import { CheckboxGroup } from '../../components/CheckboxGroup';
import { DateField } from '../../components/DateField';
import type { SanctionKind } from '../../../../src/domain/case-types';
import { LICENSING_OUTCOMES, PENALTY_OUTCOMES } from '../../../../src/domain/case-machine';
import type {
  ApprovalRequestBody,
  CaseMeta,
  CaseView,
  PerformanceBody,
} from '../../../../src/http/routes/cases.schema';

type Approval = CaseView['proceeding']['approvals'][number];
type Kind = ApprovalRequestBody['kind'];

interface SanctionValues {
  sanctionKinds?: SanctionKind[];
  fineYuan?: number | null;
  confiscatedYuan?: number | null;
  grade?: string;
}

const STATE_COLOURS: Record<string, string> = { pending: 'gold', approved: 'green', returned: 'red' };

/** Server field names of the procedure's forms → the form's own fields. */
const FIELDS: Record<string, string> = {
  'proposal.sanction': 'fineYuan',
  'proposal.sanction.fine': 'fineYuan',
  'proposal.sanction.kinds': 'sanctionKinds',
  'proposal.outcome': 'outcome',
  'proposal.reasons': 'reasons',
  'proposal.grade': 'grade',
  grade: 'grade',
  sanction: 'fineYuan',
  'sanction.fine': 'fineYuan',
  'sanction.kinds': 'sanctionKinds',
  amount: 'amountYuan',
};

const sanctionOf = (v: SanctionValues) => {
  const kinds = v.sanctionKinds ?? [];
  return {
    kinds,
    fine: kinds.includes('fine') ? (yuanToFen(v.fineYuan ?? null) ?? 0) : 0,
    confiscated: kinds.includes('confiscation') ? (yuanToFen(v.confiscatedYuan ?? null) ?? 0) : 0,
  };
};

/**
 * The procedure between the case's transitions (issue 12): the case name and the violations it
 * charges, the leader's approvals (立案、决定、结案审批) with their opinions, the penalty proposed
 * before the 事先告知书, and the performance before 执行 with any 加处罚款. Every button here is
 * one the case view offers this viewer; the server decides.
 */
export function CaseProceeding(props: { c: CaseView; meta: CaseMeta; onChange: (c: CaseView) => void }) {
  const { c, meta } = props;
  const p = c.proceeding;
  const { message } = AntApp.useApp();
  const [asking, setAsking] = useState<Kind | null>(null);
  const [deciding, setDeciding] = useState<Approval | null>(null);
  const [proposing, setProposing] = useState(false);
  const [performing, setPerforming] = useState(false);
  const done = (text: string) => (next: CaseView) => {
    void message.success(text);
    props.onChange(next);
  };
  const hasAnything =
    p.name !== null ||
    p.approvalsRequired.length > 0 ||
    p.canProposePenalty ||
    p.payment !== null ||
    p.performance !== null;
  if (!hasAnything) return null;

  return (
    <Card
      className="zf-block"
      title="案由、审批与履行"
      size="small"
      role="region"
      aria-label="案由、审批与履行"
    >
      <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
        {p.name && (
          <Descriptions.Item label="案件名称" span={2}>
            {p.name}
          </Descriptions.Item>
        )}
        {p.chargedViolations.length > 0 && (
          <Descriptions.Item label="查处的违法行为" span={2}>
            {p.chargedViolations.join('；')}
          </Descriptions.Item>
        )}
        {p.approvalsRequired.length > 0 && (
          <Descriptions.Item label="负责人审批" span={2}>
            <Space wrap>
              {p.approvalsRequired.map((a) => (
                <Tag key={a.kind} color={a.state ? STATE_COLOURS[a.state] : 'default'}>
                  {a.label}：{a.stateLabel}
                </Tag>
              ))}
            </Space>
          </Descriptions.Item>
        )}
        {p.payment && (
          <Descriptions.Item label="罚款缴纳期限" span={2}>
            {chineseDate(p.payment.due)}前缴纳罚款 {formatYuan(p.payment.fine)}
            {p.payment.daysLate > 0 &&
              `；逾期 ${p.payment.daysLate} 日，加处罚款 ${formatYuan(p.payment.surcharge)}（每日按罚款数额的3%，不超过罚款数额）`}
          </Descriptions.Item>
        )}
        {p.performance && (
          <Descriptions.Item label="履行情况" span={2}>
            {p.performance.kind === 'finePaid'
              ? `${p.performance.kindLabel}：${chineseDate(p.performance.paidOn)}缴纳 ${formatYuan(p.performance.amount)}（收据编号 ${p.performance.receiptNumber}${p.performance.surcharge > 0 ? `，含加处罚款 ${formatYuan(p.performance.surcharge)}` : ''}）`
              : `${p.performance.kindLabel}：${chineseDate(p.performance.correctedOn)}${p.performance.note ? `，${p.performance.note}` : ''}`}
          </Descriptions.Item>
        )}
      </Descriptions>

      {p.approvals.length > 0 && (
        <ul className="zf-approvals" aria-label="审批记录">
          {p.approvals.map((a) => (
            <li key={a.id}>
              <Tag color={STATE_COLOURS[a.state]}>
                {a.kindLabel}·{a.stateLabel}
              </Tag>
              {a.proposal && <span>拟作出的决定：{a.proposal.text}。</span>}
              <span className="zf-muted">
                {a.requestedBy}于{chineseDateTime(a.requestedAt)}提请
                {a.decidedBy && a.decidedAt
                  ? `；${a.decidedBy}于${chineseDateTime(a.decidedAt)}${a.state === 'approved' ? '批准' : '退回'}，意见：${a.opinion ?? ''}`
                  : ''}
              </span>
              {a.decidable && (
                <Button size="small" type="primary" className="zf-gap-left" onClick={() => setDeciding(a)}>
                  审批
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}

      <Space wrap className="zf-gap-top">
        {p.approvalsToRequest.map((k) => (
          <Button key={k.kind} onClick={() => setAsking(k.kind)}>
            提请{k.label}
          </Button>
        ))}
        {p.canProposePenalty && (
          <Button onClick={() => setProposing(true)}>
            {c.facts.sanction ? '修改拟作出的处罚' : '登记拟作出的处罚'}
          </Button>
        )}
        {p.performanceKinds.length > 0 && <Button onClick={() => setPerforming(true)}>登记履行情况</Button>}
      </Space>

      {asking && (
        <ApprovalRequestForm
          c={c}
          meta={meta}
          kind={asking}
          onClose={() => setAsking(null)}
          onDone={done('已提请负责人审批')}
        />
      )}
      {deciding && (
        <ApprovalDecisionForm approval={deciding} onClose={() => setDeciding(null)} onDone={done('已审批')} />
      )}
      {proposing && (
        <PenaltyProposalForm
          c={c}
          meta={meta}
          onClose={() => setProposing(false)}
          onDone={done('已登记拟作出的处罚')}
        />
      )}
      {performing && (
        <PerformanceForm c={c} onClose={() => setPerforming(false)} onDone={done('已登记履行情况')} />
      )}
    </Card>
  );
}

function SanctionFields(props: { form: FormInstance<SanctionValues>; meta: CaseMeta }) {
  const kinds = Form.useWatch('sanctionKinds', props.form);
  return (
    <fieldset className="zf-fieldset">
      <legend>处罚</legend>
      <Form.Item
        label="处罚种类"
        name="sanctionKinds"
        rules={[{ required: true, type: 'array', min: 1, message: '请选择处罚种类' }]}
      >
        <CheckboxGroup
          options={(Object.entries(props.meta.sanctions) as [SanctionKind, string][]).map(
            ([value, label]) => ({
              value,
              label,
            }),
          )}
        />
      </Form.Item>
      {kinds?.includes('fine') && (
        <Form.Item label="罚款金额" name="fineYuan" rules={[{ required: true, message: '请填写罚款金额' }]}>
          <InputNumber min={0} precision={2} suffix="元" style={{ width: 220 }} />
        </Form.Item>
      )}
      {kinds?.includes('confiscation') && (
        <Form.Item
          label="没收违法所得、非法财物价值"
          name="confiscatedYuan"
          rules={[{ required: true, message: '请填写价值' }]}
        >
          <InputNumber min={0} precision={2} suffix="元" style={{ width: 220 }} />
        </Form.Item>
      )}
      <Form.Item label="裁量等级" name="grade">
        <Select
          allowClear
          placeholder="按裁量基准选择"
          options={Object.entries(GRADE_LABELS).map(([value, label]) => ({ value, label }))}
        />
      </Form.Item>
    </fieldset>
  );
}

const initialSanction = (c: CaseView): SanctionValues => {
  const s = c.facts.sanction;
  return {
    sanctionKinds: s ? [...s.kinds] : ['warning', 'fine'],
    fineYuan: s && s.fine > 0 ? fenToYuan(s.fine) : null,
    confiscatedYuan: s && s.confiscated > 0 ? fenToYuan(s.confiscated) : null,
  };
};

function ApprovalRequestForm(props: {
  c: CaseView;
  meta: CaseMeta;
  kind: Kind;
  onClose: () => void;
  onDone: (c: CaseView) => void;
}) {
  const { c, kind } = props;
  const label = c.proceeding.approvalsToRequest.find((k) => k.kind === kind)?.label ?? '审批';
  type Values = SanctionValues & { outcome?: string; reasons?: string };
  const outcomes = c.actType === 'licensing' ? LICENSING_OUTCOMES : PENALTY_OUTCOMES;
  const submit = async (v: Values) => {
    const body: ApprovalRequestBody = { kind };
    if (kind === 'decision') {
      const outcome = v.outcome as NonNullable<ApprovalRequestBody['proposal']>['outcome'];
      body.proposal = {
        outcome,
        reasons: (v.reasons ?? '').trim(),
        ...(outcome === 'penalty' && { sanction: sanctionOf(v) }),
        ...(outcome === 'penalty' && v.grade && { grade: v.grade as 'ordinary' }),
      };
    }
    try {
      props.onDone(await caseApi.requestApproval(c.id, body));
    } catch (err) {
      throw remapErrorField(err, FIELDS);
    }
  };
  return (
    <FormModal<Values>
      title={`提请${label}：${c.number}`}
      okText="提请审批"
      width={640}
      initialValues={{ outcome: outcomes[0], ...initialSanction(c) }}
      onSubmit={submit}
      onClose={props.onClose}
    >
      {(form) =>
        kind === 'decision' ? (
          <DecisionFields form={form} meta={props.meta} outcomes={outcomes} />
        ) : (
          <p>提请负责人对本案{label === '立案审批' ? '立案' : '结案'}进行审批。</p>
        )
      }
    </FormModal>
  );
}

function DecisionFields(props: {
  form: FormInstance<SanctionValues & { outcome?: string; reasons?: string }>;
  meta: CaseMeta;
  outcomes: readonly string[];
}) {
  const outcome = Form.useWatch('outcome', props.form);
  return (
    <>
      <Form.Item label="拟作出的决定" name="outcome" rules={[{ required: true, message: '请选择决定结果' }]}>
        <Select
          options={props.outcomes.map((o) => ({
            value: o,
            label: props.meta.outcomes[o as keyof CaseMeta['outcomes']] ?? o,
          }))}
        />
      </Form.Item>
      {outcome === 'penalty' && <SanctionFields form={props.form} meta={props.meta} />}
      <Form.Item
        label="理由"
        name="reasons"
        extra="写明认定的事实、证据、适用的依据和裁量理由，以及对当事人陈述、申辩的采纳情况。"
        rules={[{ required: true, min: 2, message: '请写明拟作出决定的理由' }]}
      >
        <Input.TextArea rows={4} maxLength={3000} showCount />
      </Form.Item>
    </>
  );
}

function ApprovalDecisionForm(props: {
  approval: Approval;
  onClose: () => void;
  onDone: (c: CaseView) => void;
}) {
  const a = props.approval;
  type Values = { verdict: 'approve' | 'return'; opinion?: string };
  return (
    <FormModal<Values>
      title={`${a.kindLabel}`}
      okText="提交审批意见"
      initialValues={{ verdict: 'approve', opinion: '同意' }}
      onSubmit={async (v) =>
        props.onDone(
          await caseApi.decideApproval(a.id, {
            verdict: v.verdict,
            ...(v.opinion?.trim() && { opinion: v.opinion.trim() }),
          }),
        )
      }
      onClose={props.onClose}
    >
      {a.proposal && (
        <p>
          拟作出的决定：{a.proposal.text}。理由：{a.proposal.reasons}
        </p>
      )}
      <Form.Item label="审批结论" name="verdict">
        <Radio.Group
          options={[
            { value: 'approve', label: '批准' },
            { value: 'return', label: '退回' },
          ]}
        />
      </Form.Item>
      <Form.Item label="审批意见" name="opinion">
        <Input.TextArea rows={3} maxLength={2000} showCount />
      </Form.Item>
    </FormModal>
  );
}

function PenaltyProposalForm(props: {
  c: CaseView;
  meta: CaseMeta;
  onClose: () => void;
  onDone: (c: CaseView) => void;
}) {
  const submit = async (v: SanctionValues) => {
    try {
      props.onDone(
        await caseApi.proposePenalty(props.c.id, {
          sanction: sanctionOf(v),
          ...(v.grade && { grade: v.grade as 'ordinary' }),
        }),
      );
    } catch (err) {
      throw remapErrorField(err, FIELDS);
    }
  };
  return (
    <FormModal<SanctionValues>
      title={`拟作出的行政处罚：${props.c.number}`}
      okText="登记"
      width={640}
      initialValues={initialSanction(props.c)}
      onSubmit={submit}
      onClose={props.onClose}
    >
      {(form) => (
        <>
          <p className="zf-muted">登记后制作并签发行政处罚事先告知书，再进行告知。</p>
          <SanctionFields form={form} meta={props.meta} />
        </>
      )}
    </FormModal>
  );
}

function PerformanceForm(props: { c: CaseView; onClose: () => void; onDone: (c: CaseView) => void }) {
  const { c } = props;
  const kind = c.proceeding.performanceKinds[0]?.kind ?? 'finePaid';
  const pay = c.proceeding.payment;
  type Values = {
    amountYuan?: number;
    paidOn?: string;
    receiptNumber?: string;
    correctedOn?: string;
    recordId?: string;
    note?: string;
  };
  const [records, setRecords] = useState<Array<{ value: string; label: string }> | null>(null);
  if (kind === 'corrected' && records === null)
    void caseApi
      .caseRecords(c.id)
      .then((page) =>
        setRecords(
          page.items.map((r) => ({ value: r.id, label: `${r.fileName}（${chineseDateTime(r.createdAt)}）` })),
        ),
      );
  const submit = async (v: Values) => {
    const body: PerformanceBody =
      kind === 'finePaid'
        ? {
            kind,
            amount: yuanToFen(v.amountYuan ?? null) ?? 0,
            paidOn: v.paidOn ?? shanghaiToday(),
            receiptNumber: (v.receiptNumber ?? '').trim(),
          }
        : {
            kind,
            correctedOn: v.correctedOn ?? shanghaiToday(),
            recordId: v.recordId ?? '',
            ...(v.note?.trim() && { note: v.note.trim() }),
          };
    try {
      props.onDone(await caseApi.recordPerformance(c.id, body));
    } catch (err) {
      throw remapErrorField(err, FIELDS);
    }
  };
  return (
    <FormModal<Values>
      title={`登记履行情况：${c.number}`}
      okText="登记"
      initialValues={{
        paidOn: shanghaiToday(),
        correctedOn: shanghaiToday(),
        ...(pay && { amountYuan: fenToYuan(pay.fine + pay.surcharge) }),
      }}
      onSubmit={submit}
      onClose={props.onClose}
    >
      {kind === 'finePaid' ? (
        <>
          {pay && pay.surcharge > 0 && (
            <p>
              逾期 {pay.daysLate} 日，应缴罚款 {formatYuan(pay.fine)} 及加处罚款 {formatYuan(pay.surcharge)}。
            </p>
          )}
          <Form.Item
            label="缴款金额"
            name="amountYuan"
            rules={[{ required: true, message: '请填写缴款金额' }]}
          >
            <InputNumber min={0} precision={2} suffix="元" style={{ width: 220 }} />
          </Form.Item>
          <Form.Item label="缴款日期" name="paidOn" rules={[{ required: true, message: '请选择缴款日期' }]}>
            <DateField max={shanghaiToday()} />
          </Form.Item>
          <Form.Item
            label="收据编号"
            name="receiptNumber"
            rules={[{ required: true, message: '请填写收据编号' }]}
          >
            <Input maxLength={60} />
          </Form.Item>
        </>
      ) : (
        <>
          <Form.Item
            label="改正日期"
            name="correctedOn"
            rules={[{ required: true, message: '请选择改正日期' }]}
          >
            <DateField max={shanghaiToday()} />
          </Form.Item>
          <Form.Item
            label="证明改正的记录资料"
            name="recordId"
            rules={[{ required: true, message: '请选择记录资料' }]}
          >
            <Select options={records ?? []} loading={records === null} />
          </Form.Item>
          <Form.Item label="说明" name="note">
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}
