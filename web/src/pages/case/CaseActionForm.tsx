import { Alert, Checkbox, Form, Input, InputNumber, Select, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { caseApi } from '../../case-api';
import {
  bandText,
  fenToYuan,
  formatYuan,
  GRADE_LABELS,
  itemBand,
  remapErrorField,
  yuanToFen,
} from '../../case-format';
import { shanghaiToday } from '../../format';
import { FormModal } from '../../components/FormModal';
import type { SanctionKind } from '../../../../src/domain/case-types';
import {
  LICENSING_OUTCOMES,
  PENALTY_OUTCOMES,
  type TransitionAction,
} from '../../../../src/domain/case-machine';
import type { CaseMeta, CaseView, PowerItem, TransitionBody } from '../../../../src/http/routes/cases.schema';
import { CheckboxGroup } from '../../components/CheckboxGroup';
import { DateField } from '../../components/DateField';

interface ActionValues {
  occurredOn?: string;
  outcome?: TransitionBody['outcome'];
  result?: TransitionBody['result'];
  reason?: string;
  urgentReason?: string;
  sanctionKinds?: SanctionKind[];
  fineYuan?: number | null;
  confiscatedYuan?: number | null;
  partyWaived?: boolean;
  handedOverOnSpot?: boolean;
  hearingOn?: string;
  linkedPowerItemId?: string;
}

/** Actions whose form asks for a reason, and whether it is required. */
const REASON: Record<string, { required: boolean; label: string }> = {
  terminate: { required: true, label: '撤销立案（终止调查）理由' },
  refuseApplication: { required: true, label: '不予受理理由' },
  amendLicence: { required: true, label: '变更许可理由' },
  withdrawLicence: { required: true, label: '撤回许可理由' },
  revokeLicence: { required: true, label: '撤销许可理由' },
  extend: { required: true, label: '延长理由' },
  release: { required: false, label: '解除理由' },
  dispose: { required: false, label: '处理决定说明' },
};
const DANGER = new Set(['terminate', 'refuseApplication', 'withdrawLicence', 'revokeLicence']);
const RESULTS: Record<string, string> = { compliant: '合格', rectify: '责令整改', referred: '转立案' };

/** Server fields → the form's. */
const FIELD_MAP: Record<string, string> = {
  sanction: 'fineYuan',
  'sanction.fine': 'fineYuan',
  'sanction.kinds': 'sanctionKinds',
  'sanction.confiscated': 'confiscatedYuan',
  // A decision before the notice period ran out is refused on this fact: the waiver answers it.
  noticePeriodOver: 'partyWaived',
};

/**
 * Whether a penalty (kinds, amounts) is asked for: at notice and at a decision to penalise —
 * unless the server already holds it (the penalty proposed before the notice was drafted; the
 * decision the leader approved), as the case view says.
 */
function wantsSanction(c: CaseView, action: string, outcome: string | undefined): boolean {
  if (c.lifecycle !== 'penaltyOrdinary') return false;
  if (action === 'notice') return !c.facts.sanction;
  return action === 'decide' && outcome === 'penalty' && c.proceeding.presetOutcome === null;
}

/**
 * The form behind one of the case's action buttons: the fields that action needs (the penalty at
 * notice and decision, the outcome, the inspection result, a reason, …) and the date it happened.
 * The server's refusals (409 not allowed now, 422/400 a field) appear at the top or by the field.
 */
export function CaseActionForm(props: {
  c: CaseView;
  action: TransitionAction;
  label: string;
  /** The action is open only on the party's waiver (the server says so). */
  onWaiver?: boolean;
  meta: CaseMeta;
  items: PowerItem[];
  onDone: (c: CaseView) => void;
  onClose: () => void;
}) {
  const { c, action } = props;
  const existing = c.facts.sanction;
  const submit = async (v: ActionValues) => {
    const body: TransitionBody = { action };
    if (v.occurredOn) body.occurredOn = v.occurredOn;
    if (v.outcome) body.outcome = v.outcome;
    if (v.result) body.result = v.result;
    if (v.reason?.trim()) body.reason = v.reason.trim();
    if (v.urgentReason?.trim()) body.urgentReason = v.urgentReason.trim();
    if (v.partyWaived) body.partyWaived = true;
    if (v.handedOverOnSpot) body.handedOverOnSpot = true;
    if (v.hearingOn) body.hearingOn = v.hearingOn;
    if (v.linkedPowerItemId) body.linkedPowerItemId = v.linkedPowerItemId;
    if (wantsSanction(c, action, v.outcome)) {
      const kinds = v.sanctionKinds ?? [];
      body.sanction = {
        kinds,
        fine: kinds.includes('fine') ? (yuanToFen(v.fineYuan ?? null) ?? 0) : 0,
        confiscated: kinds.includes('confiscation') ? (yuanToFen(v.confiscatedYuan ?? null) ?? 0) : 0,
      };
    }
    try {
      props.onDone(await caseApi.transition(c.id, body));
    } catch (err) {
      throw remapErrorField(err, FIELD_MAP);
    }
  };

  return (
    <FormModal<ActionValues>
      title={`${props.label}：${c.number}`}
      okText={props.label}
      danger={DANGER.has(action)}
      width={640}
      initialValues={{
        occurredOn: shanghaiToday(),
        ...(action === 'decide' &&
          c.lifecycle === 'penaltyOrdinary' &&
          c.proceeding.presetOutcome === null && { outcome: 'penalty' }),
        sanctionKinds: existing ? [...existing.kinds] : ['warning', 'fine'],
        fineYuan: existing && existing.fine > 0 ? fenToYuan(existing.fine) : null,
        confiscatedYuan: existing && existing.confiscated > 0 ? fenToYuan(existing.confiscated) : null,
      }}
      onSubmit={submit}
      onClose={props.onClose}
    >
      {(form) => <ActionFields form={form} {...props} />}
    </FormModal>
  );
}

function ActionFields(props: {
  form: FormInstance<ActionValues>;
  c: CaseView;
  action: TransitionAction;
  onWaiver?: boolean;
  meta: CaseMeta;
  items: PowerItem[];
}) {
  const { form, c, action, meta } = props;
  const outcome = Form.useWatch('outcome', form);
  const kinds = Form.useWatch('sanctionKinds', form);
  const result = Form.useWatch('result', form);
  const item = props.items.find((i) => i.id === c.powerItem.id);
  const band = item ? itemBand(item, c.party.kind) : null;
  const reason = REASON[action];
  const outcomes = c.actType === 'licensing' ? LICENSING_OUTCOMES : PENALTY_OUTCOMES;

  return (
    <>
      {action === 'decide' && c.proceeding.presetOutcome !== null && (
        <Form.Item label="决定结果">
          {meta.outcomes[c.proceeding.presetOutcome] ?? c.proceeding.presetOutcome}（经负责人决定审批）
        </Form.Item>
      )}
      {action === 'decide' && c.proceeding.presetOutcome === null && (
        <Form.Item label="决定结果" name="outcome" rules={[{ required: true, message: '请选择决定结果' }]}>
          <Select options={outcomes.map((o) => ({ value: o, label: meta.outcomes[o] ?? o }))} />
        </Form.Item>
      )}

      {wantsSanction(c, action, outcome) && (
        <fieldset className="zf-fieldset">
          <legend>{action === 'notice' ? '拟作出的行政处罚' : '作出的行政处罚'}</legend>
          {item && (
            <div className="zf-item-hint zf-block" aria-label="罚款幅度">
              <div>处罚依据：{item.benchmark.basis}</div>
              <div>
                法定罚款幅度（{meta.partyKinds[c.party.kind]}）：{band ? bandText(band) : '不设罚款'}
              </div>
              {item.benchmark.grades.length > 0 && (
                <div>
                  裁量基准：
                  {item.benchmark.grades
                    .map((g) => {
                      const b = g.standard.kind === 'band' ? g.standard[c.party.kind] : undefined;
                      return `${GRADE_LABELS[g.grade] ?? g.grade}${b ? ` ${bandText(b)}` : ''}`;
                    })
                    .join('；')}
                </div>
              )}
            </div>
          )}
          <Form.Item
            label="处罚种类"
            name="sanctionKinds"
            rules={[{ required: true, type: 'array', min: 1, message: '请选择处罚种类' }]}
          >
            <CheckboxGroup
              options={(Object.entries(meta.sanctions) as [SanctionKind, string][]).map(([value, label]) => ({
                value,
                label,
              }))}
            />
          </Form.Item>
          {kinds?.includes('fine') && (
            <Form.Item
              label="罚款金额"
              name="fineYuan"
              rules={[
                { required: true, message: '请填写罚款金额' },
                {
                  validator: (_, v: number | null | undefined) => {
                    if (v === null || v === undefined) return Promise.resolve();
                    const fen = yuanToFen(v);
                    if (fen === null || fen <= 0)
                      return Promise.reject(new Error('金额应大于 0，最多两位小数'));
                    if (band && (fen < band.min || fen > band.max))
                      return Promise.reject(
                        new Error(`罚款${formatYuan(fen)}超出法定幅度（${bandText(band)}）`),
                      );
                    return Promise.resolve();
                  },
                },
              ]}
            >
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
        </fieldset>
      )}

      {props.onWaiver && (
        <Form.Item
          name="partyWaived"
          valuePropName="checked"
          extra="陈述、申辩期限届满前作出决定，须当事人明确放弃陈述、申辩（和听证）权利。"
        >
          <Checkbox>当事人已放弃陈述、申辩权利</Checkbox>
        </Form.Item>
      )}
      {action === 'decide' && (
        <Form.Item name="handedOverOnSpot" valuePropName="checked">
          <Checkbox>决定书当场交付当事人</Checkbox>
        </Form.Item>
      )}

      {(action === 'recordResult' || action === 'recordReinspection') && (
        <Form.Item
          label={action === 'recordResult' ? '检查结果' : '复查结果'}
          name="result"
          rules={action === 'recordResult' ? [{ required: true, message: '请选择检查结果' }] : []}
        >
          <Select
            allowClear={action === 'recordReinspection'}
            options={Object.entries(RESULTS)
              .filter(([k]) => action === 'recordResult' || k !== 'rectify')
              .map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
      )}
      {result === 'referred' && (
        <Form.Item
          label="转立案的权力事项"
          name="linkedPowerItemId"
          extra="不选时使用第一项有效的行政处罚事项。"
        >
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={props.items
              .filter((i) => i.active && i.actType === 'penalty')
              .map((i) => ({ value: i.id, label: `${i.code} ${i.name}` }))}
          />
        </Form.Item>
      )}

      {action === 'requestHearing' && (
        <Form.Item label="听证日期" name="hearingOn">
          <DateField />
        </Form.Item>
      )}
      {reason && (
        <Form.Item
          label={reason.label}
          name="reason"
          rules={
            reason.required ? [{ required: true, whitespace: true, message: `请填写${reason.label}` }] : []
          }
        >
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
      )}
      {action === 'execute' && c.actType === 'compulsion' && (
        <Form.Item
          label="紧急情况说明"
          name="urgentReason"
          extra="夜间或者法定节假日实施强制执行的，须说明紧急情况（《行政强制法》第四十三条）。"
        >
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      )}

      <Form.Item
        label="发生日期"
        name="occurredOn"
        rules={[{ required: true, message: '请选择日期' }]}
        extra="该事项实际发生的日期，不能早于立案日期、不能晚于今天。"
      >
        <DateField max={shanghaiToday()} />
      </Form.Item>
      {action === 'close' && (
        <Alert
          className="zf-form-alert"
          type="info"
          showIcon
          title="结案后不能再记录执法环节或上传记录资料。"
        />
      )}
      <Typography.Paragraph type="secondary" className="zf-tight">
        本操作将记入案件流转记录和留痕记录。
      </Typography.Paragraph>
    </>
  );
}
