import { Alert, Form, Input, Select } from 'antd';
import { FormModal } from '../components/FormModal';
import type { Certificate, Officer, Unit } from '../../../src/http/routes/org.schema';
import { DateField } from '../components/DateField';

export interface OfficerValues {
  name: string;
  unitId: string;
  post: string;
  duties?: string;
}

export function OfficerForm(props: {
  officer: Officer | null;
  units: Unit[];
  onSubmit: (values: OfficerValues) => Promise<void>;
  onClose: () => void;
}) {
  const { officer } = props;
  const options = props.units.map((u) => ({ value: u.id, label: u.name }));
  if (officer && !options.some((o) => o.value === officer.unitId)) {
    options.push({ value: officer.unitId, label: officer.unitName });
  }
  return (
    <FormModal<OfficerValues>
      title={officer ? '编辑执法人员' : '新增执法人员'}
      okText={officer ? '保存' : '新增'}
      initialValues={
        officer
          ? { name: officer.name, unitId: officer.unitId, post: officer.post, duties: officer.duties }
          : {}
      }
      onSubmit={props.onSubmit}
      onClose={props.onClose}
    >
      <Form.Item
        label="姓名"
        name="name"
        rules={[{ required: true, whitespace: true, message: '请输入姓名' }, { max: 40 }]}
      >
        <Input autoFocus />
      </Form.Item>
      <Form.Item label="科室" name="unitId" rules={[{ required: true, message: '请选择科室' }]}>
        <Select placeholder="请选择科室" options={options} showSearch={{ optionFilterProp: 'label' }} />
      </Form.Item>
      <Form.Item
        label="职务"
        name="post"
        rules={[{ required: true, whitespace: true, message: '请输入职务' }, { max: 40 }]}
      >
        <Input placeholder="如：科员" />
      </Form.Item>
      <Form.Item label="职责" name="duties">
        <Input.TextArea rows={3} placeholder="如：负责人民防空工程监督检查" />
      </Form.Item>
    </FormModal>
  );
}

export interface CertificateValues {
  number: string;
  domains: string[];
  validFrom: string;
  validTo: string;
}

export function CertificateForm(props: {
  certificate: Certificate | null;
  onSubmit: (values: CertificateValues) => Promise<void>;
  onClose: () => void;
}) {
  const c = props.certificate;
  return (
    <FormModal<CertificateValues>
      title={c ? `编辑执法证 ${c.number}` : '新增执法证'}
      okText={c ? '保存' : '新增'}
      initialValues={
        c
          ? { number: c.number, domains: c.domains, validFrom: c.validFrom, validTo: c.validTo }
          : { domains: [] }
      }
      onSubmit={props.onSubmit}
      onClose={props.onClose}
    >
      <Form.Item
        label="证件编号"
        name="number"
        rules={[{ required: true, whitespace: true, message: '请输入证件编号' }]}
      >
        <Input disabled={!!c} autoFocus={!c} placeholder="如：31011800123" />
      </Form.Item>
      <Form.Item
        label="执法领域"
        name="domains"
        rules={[{ required: true, type: 'array', min: 1, message: '请至少填写一个执法领域' }]}
        extra="输入后按回车，可填写多个。"
      >
        <Select
          mode="tags"
          tokenSeparators={[',', '，', '、']}
          open={false}
          suffixIcon={null}
          placeholder="如：人民防空"
        />
      </Form.Item>
      <Form.Item label="有效期自" name="validFrom" rules={[{ required: true, message: '请选择起始日期' }]}>
        <DateField />
      </Form.Item>
      <Form.Item
        label="有效期至"
        name="validTo"
        dependencies={['validFrom']}
        rules={[
          { required: true, message: '请选择截止日期' },
          ({ getFieldValue }) => ({
            validator(_, value: string | undefined) {
              const from = getFieldValue('validFrom') as string | undefined;
              return !value || !from || value >= from
                ? Promise.resolve()
                : Promise.reject(new Error('截止日期不能早于起始日期'));
            },
          }),
        ]}
      >
        <DateField />
      </Form.Item>
    </FormModal>
  );
}

export type CertificateAction = 'suspend' | 'reinstate' | 'revoke';

export const CERTIFICATE_ACTION_LABELS: Record<CertificateAction, string> = {
  suspend: '暂停',
  reinstate: '恢复',
  revoke: '吊销',
};

export function ReasonForm(props: {
  action: CertificateAction;
  certificate: Certificate;
  onSubmit: (values: { reason: string }) => Promise<void>;
  onClose: () => void;
}) {
  const label = CERTIFICATE_ACTION_LABELS[props.action];
  return (
    <FormModal<{ reason: string }>
      title={`${label}执法证 ${props.certificate.number}`}
      okText={label}
      danger={props.action === 'revoke'}
      onSubmit={props.onSubmit}
      onClose={props.onClose}
    >
      {props.action === 'revoke' && (
        <Alert
          className="zf-form-alert"
          type="warning"
          showIcon
          title="吊销后证件不能恢复，持证人不得再以此证执法。"
        />
      )}
      <Form.Item
        label="原因"
        name="reason"
        rules={[{ required: true, whitespace: true, message: `请填写${label}原因` }, { max: 500 }]}
      >
        <Input.TextArea rows={3} autoFocus placeholder={`请说明${label}原因，将记入留痕记录`} />
      </Form.Item>
    </FormModal>
  );
}
