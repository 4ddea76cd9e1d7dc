import { Checkbox, Col, Form, Input, Row, Select, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { caseApi } from '../../case-api';
import { errorWithProblems, shanghaiInputToIso, shanghaiLocalInput } from '../../case-format';
import { FormModal } from '../../components/FormModal';
import type { ServiceManner, StepKind } from '../../../../src/domain/case-types';
import type { CaseMeta, CaseView, Step } from '../../../../src/http/routes/cases.schema';
import { DateTimeField } from '../../components/DateField';

interface StepValues {
  kind: StepKind;
  occurredAt: string;
  place: string;
  notes?: string;
  officerIds: string[];
  inField?: boolean;
  contactWithParty?: boolean;
  designatedSite?: boolean;
  serviceManner?: ServiceManner;
}

/**
 * 记录执法环节: what was done, when, where, by whom. A field step needs two officers with valid
 * certificates (the server names any who do not qualify); the server decides whether the step
 * must carry an audio/video record (REC-03) and says why.
 */
export function StepForm(props: {
  c: CaseView;
  meta: CaseMeta;
  officers: { value: string; label: string }[];
  onDone: (s: Step) => void;
  onClose: () => void;
}) {
  const { c } = props;
  const submit = async (v: StepValues) => {
    const occurredAt = shanghaiInputToIso(v.occurredAt);
    try {
      props.onDone(
        await caseApi.recordStep(c.id, {
          kind: v.kind,
          occurredAt: occurredAt ?? v.occurredAt,
          place: v.place.trim(),
          notes: (v.notes ?? '').trim(),
          officerIds: v.officerIds,
          inField: v.inField ?? false,
          ...(v.inField && { contactWithParty: v.contactWithParty ?? false }),
          ...(v.designatedSite && { designatedSite: true }),
          ...(v.kind === 'service' && v.serviceManner && { serviceManner: v.serviceManner }),
        }),
      );
    } catch (err) {
      // TWO_OFFICER_RULE lists each officer who does not qualify, and why.
      throw errorWithProblems(err);
    }
  };
  return (
    <FormModal<StepValues>
      title="记录执法环节"
      okText="记录"
      width={640}
      initialValues={{
        kind: 'inspection',
        occurredAt: shanghaiLocalInput(new Date(), true),
        officerIds: c.officers.map((o) => o.id),
        inField: true,
      }}
      onSubmit={submit}
      onClose={props.onClose}
    >
      {(form) => <StepFields form={form} {...props} />}
    </FormModal>
  );
}

function StepFields(props: {
  form: FormInstance<StepValues>;
  meta: CaseMeta;
  officers: { value: string; label: string }[];
}) {
  const { form, meta } = props;
  const kind = Form.useWatch('kind', form);
  const inField = Form.useWatch('inField', form);
  return (
    <>
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item label="环节" name="kind" rules={[{ required: true, message: '请选择环节' }]}>
            <Select
              options={(Object.entries(meta.stepKinds) as [StepKind, string][]).map(([value, label]) => ({
                value,
                label,
              }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            label="时间"
            name="occurredAt"
            rules={[
              { required: true, message: '请填写时间' },
              {
                validator: (_, v: string | undefined) =>
                  !v || shanghaiInputToIso(v)
                    ? Promise.resolve()
                    : Promise.reject(new Error('时间格式不正确')),
              },
            ]}
          >
            <DateTimeField seconds />
          </Form.Item>
        </Col>
      </Row>
      {kind === 'service' && (
        <Form.Item
          label="送达方式"
          name="serviceManner"
          rules={[{ required: true, message: '请选择送达方式' }]}
        >
          <Select
            options={(Object.entries(meta.serviceManners) as [ServiceManner, string][]).map(
              ([value, label]) => ({
                value,
                label,
              }),
            )}
          />
        </Form.Item>
      )}
      <Form.Item
        label="地点"
        name="place"
        rules={[
          { required: true, whitespace: true, message: '请填写地点' },
          { min: 2, message: '地点至少 2 个字' },
        ]}
      >
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item
        label="参与的执法人员"
        name="officerIds"
        rules={[{ required: true, type: 'array', min: 1, message: '请选择参与的执法人员' }]}
        extra="现场执法须至少两名持有效执法证件（且证件执法领域涵盖本事项）的执法人员。"
      >
        <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={props.officers} />
      </Form.Item>
      <Form.Item name="inField" valuePropName="checked" className="zf-tight">
        <Checkbox>现场执法</Checkbox>
      </Form.Item>
      {inField && (
        <Form.Item name="contactWithParty" valuePropName="checked" className="zf-tight">
          <Checkbox>与当事人直接接触或进入其场所</Checkbox>
        </Form.Item>
      )}
      <Form.Item name="designatedSite" valuePropName="checked">
        <Checkbox>国家、市、区确定的重点场所（指定场所）</Checkbox>
      </Form.Item>
      <Form.Item label="情况记录" name="notes">
        <Input.TextArea rows={4} maxLength={5000} showCount />
      </Form.Item>
      <Typography.Paragraph type="secondary" className="zf-tight">
        按规定须同步音像记录的环节，完成前须上传音像记录；确实无法记录的，须书面说明理由并报监督人员。
      </Typography.Paragraph>
    </>
  );
}
