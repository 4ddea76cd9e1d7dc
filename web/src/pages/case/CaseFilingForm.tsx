import { useEffect, useRef, useState } from 'react';
import { Alert, Checkbox, Col, Form, Input, InputNumber, Radio, Row, Select, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { useAuth } from '../../auth';
import { caseApi } from '../../case-api';
import { legalBandsText, looksLikeIdNumber, remapErrorField, yuanToFen } from '../../case-format';
import { errorMessage } from '../../api';
import { shanghaiToday } from '../../format';
import { useAsync } from '../../hooks';
import { FormModal } from '../../components/FormModal';
import { useCaseMeta, useOfficers, useUnits } from './case-shared';
import type { ActType, IdType, PartyKind, Procedure, SanctionKind } from '../../../../src/domain/case-types';
import { CheckboxGroup } from '../../components/CheckboxGroup';
import type {
  CaseMeta,
  CaseView,
  FileCaseBody,
  Party,
  PowerItem,
} from '../../../../src/http/routes/cases.schema';
import { DateField } from '../../components/DateField';
import {
  COMPULSION_METHOD_LABELS,
  REVIEW_SANCTION_LABELS,
  SANCTION_KINDS_FOR_REVIEW,
  type CompulsionMethod,
  type ReviewSanctionKind,
} from '../../../../src/domain/major-decision';

interface FilingValues {
  actType: ActType;
  procedure: Procedure;
  title: string;
  powerItemId: string;
  chargedViolations?: string[];
  partyMode: 'existing' | 'new';
  partyId?: string;
  partyKind: PartyKind;
  partyName?: string;
  partyIdType?: IdType;
  partyIdNumber?: string;
  partyLegalRepresentative?: string;
  partyPhone?: string;
  partyAddress?: string;
  unitId: string;
  officerIds: string[];
  major?: boolean;
  filedOn?: string;
  sanctionKinds?: SanctionKind[];
  fineYuan?: number | null;
  /** The penalty proposed at filing (ordinary procedure): a fact of the classification (REV-01). */
  proposedKinds?: ReviewSanctionKind[];
  proposedFineYuan?: number | null;
  proposedConfiscatedYuan?: number | null;
  executionMethod?: CompulsionMethod;
}

/** Server fields (of the case, its inline party, its sanction) → the form's fields. */
const FIELD_MAP: Record<string, string> = {
  party: 'partyName',
  partyId: 'partyId',
  name: 'partyName',
  'party.name': 'partyName',
  idType: 'partyIdType',
  'party.idType': 'partyIdType',
  idNumber: 'partyIdNumber',
  'party.idNumber': 'partyIdNumber',
  legalRepresentative: 'partyLegalRepresentative',
  'party.legalRepresentative': 'partyLegalRepresentative',
  phone: 'partyPhone',
  'party.phone': 'partyPhone',
  address: 'partyAddress',
  'party.address': 'partyAddress',
  kinds: 'sanctionKinds',
  'sanction.kinds': 'sanctionKinds',
  fine: 'fineYuan',
  confiscated: 'fineYuan',
  sanction: 'fineYuan',
  'sanction.fine': 'fineYuan',
  proposedSanctions: 'proposedKinds',
  executionMethod: 'executionMethod',
};

const PERSON_ID_TYPES: IdType[] = ['residentId', 'passport', 'other'];

/** 立案: a new case with its power item, party (found or registered here), unit and officers. */
export function CaseFilingForm(props: { onClose: () => void; onFiled: (c: CaseView) => void }) {
  const { session } = useAuth();
  const meta = useCaseMeta();
  const items = useAsync(() => caseApi.powerItems(), []);
  const units = useUnits();
  const officers = useOfficers();
  const me = session.user.officerId;
  const myUnit = officers.data?.find((o) => o.id === me)?.unitId;

  if (meta.error || items.error || units.error || officers.error) {
    return (
      <FormModal key="waiting" title="立案" onSubmit={() => Promise.resolve()} onClose={props.onClose}>
        <Alert
          type="error"
          showIcon
          title="无法加载立案所需的数据"
          description={errorMessage(meta.error ?? items.error ?? units.error ?? officers.error)}
        />
      </FormModal>
    );
  }
  if (!meta.data || !items.data || !units.data || !officers.data) {
    return (
      <FormModal key="waiting" title="立案" onSubmit={() => Promise.resolve()} onClose={props.onClose}>
        <Typography.Paragraph type="secondary">正在加载…</Typography.Paragraph>
      </FormModal>
    );
  }

  const submit = async (v: FilingValues) => {
    const body: FileCaseBody = {
      actType: v.actType,
      procedure: v.procedure,
      title: v.title.trim(),
      powerItemId: v.powerItemId,
      ...(v.chargedViolations?.length && { chargedViolations: v.chargedViolations }),
      unitId: v.unitId,
      officerIds: v.officerIds,
      ...(v.major && { major: true }),
      ...(v.filedOn && { filedOn: v.filedOn }),
    };
    if (v.partyMode === 'existing') {
      body.partyId = v.partyId;
    } else {
      body.party = {
        kind: v.partyKind,
        name: (v.partyName ?? '').trim(),
        idType: v.partyKind === 'organisation' ? 'creditCode' : (v.partyIdType ?? 'residentId'),
        idNumber: (v.partyIdNumber ?? '').trim(),
        ...(v.partyKind === 'organisation' && {
          legalRepresentative: (v.partyLegalRepresentative ?? '').trim(),
        }),
        phone: (v.partyPhone ?? '').trim(),
        address: (v.partyAddress ?? '').trim(),
      };
    }
    const proposed = v.actType === 'penalty' && v.procedure === 'ordinary' ? (v.proposedKinds ?? []) : [];
    if (proposed.length > 0)
      body.proposedSanctions = proposed.map((kind) =>
        kind === 'fine'
          ? { kind, amountFen: yuanToFen(v.proposedFineYuan ?? null) ?? 0 }
          : kind === 'confiscation'
            ? { kind, amountFen: yuanToFen(v.proposedConfiscatedYuan ?? null) ?? 0 }
            : { kind },
      );
    if (v.actType === 'compulsion' && v.procedure === 'execution' && v.executionMethod)
      body.executionMethod = v.executionMethod;
    if (v.procedure === 'simplified') {
      const kinds = v.sanctionKinds ?? [];
      body.sanction = {
        kinds,
        fine: kinds.includes('fine') ? (yuanToFen(v.fineYuan ?? null) ?? 0) : 0,
        confiscated: 0,
      };
    }
    try {
      props.onFiled(await caseApi.fileCase(body));
    } catch (err) {
      throw remapErrorField(err, FIELD_MAP);
    }
  };

  return (
    <FormModal<FilingValues>
      key="ready"
      title="立案"
      okText="立案"
      width={760}
      initialValues={{
        actType: 'penalty',
        procedure: 'ordinary',
        partyMode: 'new',
        partyKind: 'organisation',
        partyIdType: 'residentId',
        unitId: myUnit ?? units.data[0]?.id,
        officerIds: me ? [me] : [],
        filedOn: shanghaiToday(),
        sanctionKinds: ['warning'],
      }}
      onSubmit={submit}
      onClose={props.onClose}
    >
      {(form) => (
        <FilingFields
          form={form}
          meta={meta.data!}
          items={items.data!}
          units={units.data!.map((u) => ({ value: u.id, label: u.name }))}
          officers={officers.data!.map((o) => ({ value: o.id, label: `${o.name}（${o.unitName}）` }))}
        />
      )}
    </FormModal>
  );
}

function FilingFields(props: {
  form: FormInstance<FilingValues>;
  meta: CaseMeta;
  items: PowerItem[];
  units: { value: string; label: string }[];
  officers: { value: string; label: string }[];
}) {
  const { form, meta } = props;
  const actType = Form.useWatch('actType', form);
  const procedure = Form.useWatch('procedure', form);
  const itemId = Form.useWatch('powerItemId', form);
  const partyMode = Form.useWatch('partyMode', form);
  const partyKind = Form.useWatch('partyKind', form);
  const kinds = Form.useWatch('sanctionKinds', form);
  const proposedKinds = Form.useWatch('proposedKinds', form);
  const procedures = actType ? (meta.proceduresOf[actType] ?? []) : [];
  const items = props.items.filter((i) => i.active && i.actType === actType);
  const item = props.items.find((i) => i.id === itemId);

  // A new act type: its first procedure, and no power item of another type.
  useEffect(() => {
    if (!actType) return;
    const current = form.getFieldValue('procedure') as Procedure | undefined;
    if (!current || !meta.proceduresOf[actType].includes(current))
      form.setFieldValue('procedure', meta.proceduresOf[actType][0]);
    const chosen = props.items.find((i) => i.id === form.getFieldValue('powerItemId'));
    if (chosen && chosen.actType !== actType) form.setFieldValue('powerItemId', undefined);
  }, [actType, form, meta, props.items]);

  return (
    <>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item label="执法类别" name="actType" rules={[{ required: true, message: '请选择执法类别' }]}>
            <Select
              options={(Object.entries(meta.actTypes) as [ActType, string][]).map(([value, label]) => ({
                value,
                label,
              }))}
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label="程序" name="procedure" rules={[{ required: true, message: '请选择程序' }]}>
            <Select options={procedures.map((p) => ({ value: p, label: meta.procedures[p] }))} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        label="案由"
        name="title"
        rules={[
          { required: true, whitespace: true, message: '请填写案由' },
          { min: 2, message: '案由至少 2 个字' },
          { max: 200 },
        ]}
      >
        <Input placeholder="如：擅自改变人民防空工程主体结构案" />
      </Form.Item>
      <Form.Item
        label="权力事项"
        name="powerItemId"
        rules={[{ required: true, message: '请选择权力事项' }]}
        extra={
          item ? (
            <div className="zf-item-hint" aria-label="权力事项依据">
              <div>法律依据：{item.basis.join('；')}</div>
              <div>法定罚款幅度：{legalBandsText(item)}</div>
            </div>
          ) : undefined
        }
      >
        <Select
          placeholder={items.length ? '请选择权力事项' : '该类别暂无权力事项'}
          showSearch={{ optionFilterProp: 'label' }}
          options={items.map((i) => ({ value: i.id, label: `${i.code} ${i.name}` }))}
        />
      </Form.Item>
      {item && actType === 'penalty' && (
        <Form.Item
          label="查处的违法行为"
          name="chargedViolations"
          extra="从该权力事项的违法行为中选择本案查处的行为；文书、案件名称和案卷只写所选行为。"
          rules={item.violations.length > 1 ? [{ required: true, message: '请选择本案查处的违法行为' }] : []}
        >
          <Select
            mode="multiple"
            placeholder={item.violations.length === 1 ? item.violations[0] : '请选择'}
            options={item.violations.map((v) => ({ value: v, label: v }))}
          />
        </Form.Item>
      )}

      <fieldset className="zf-fieldset">
        <legend>当事人</legend>
        <Form.Item name="partyMode" className="zf-tight">
          <Radio.Group
            optionType="button"
            options={[
              { value: 'existing', label: '选择已登记的当事人' },
              { value: 'new', label: '登记新当事人' },
            ]}
          />
        </Form.Item>
        {partyMode === 'existing' ? (
          <Form.Item
            label="当事人"
            name="partyId"
            rules={[{ required: true, message: '请选择当事人' }]}
            extra="输入名称或证件号码（统一社会信用代码、身份证号）查找"
          >
            <PartyPicker />
          </Form.Item>
        ) : (
          <>
            <Form.Item label="当事人类型" name="partyKind">
              <Radio.Group
                options={(Object.entries(meta.partyKinds) as [PartyKind, string][]).map(([value, label]) => ({
                  value,
                  label,
                }))}
              />
            </Form.Item>
            {/* One column on a phone: names and addresses are long. */}
            <Row gutter={16}>
              <Col xs={24} sm={12}>
                <Form.Item
                  label={partyKind === 'organisation' ? '单位名称' : '姓名'}
                  name="partyName"
                  rules={[{ required: true, whitespace: true, message: '请填写当事人名称' }, { max: 100 }]}
                >
                  <Input />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                {partyKind === 'organisation' ? (
                  <Form.Item
                    label="法定代表人（负责人）"
                    name="partyLegalRepresentative"
                    rules={[{ required: true, whitespace: true, message: '请填写法定代表人（负责人）' }]}
                  >
                    <Input />
                  </Form.Item>
                ) : (
                  <Form.Item label="证件类型" name="partyIdType">
                    <Select options={PERSON_ID_TYPES.map((t) => ({ value: t, label: meta.idTypes[t] }))} />
                  </Form.Item>
                )}
              </Col>
            </Row>
            <Form.Item
              label={partyKind === 'organisation' ? '统一社会信用代码' : '证件号码'}
              name="partyIdNumber"
              rules={[{ required: true, whitespace: true, message: '请填写证件号码' }, { max: 40 }]}
            >
              <Input className="zf-mono-input" />
            </Form.Item>
            <Row gutter={16}>
              <Col xs={24} sm={10}>
                <Form.Item
                  label="联系电话"
                  name="partyPhone"
                  rules={[{ required: true, whitespace: true, message: '请填写联系电话' }, { max: 30 }]}
                >
                  <Input placeholder="手机号码或带区号的固定电话" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={14}>
                <Form.Item
                  label={partyKind === 'organisation' ? '住所（经营场所）' : '住址'}
                  name="partyAddress"
                  rules={[{ required: true, whitespace: true, message: '请填写地址' }, { max: 200 }]}
                >
                  <Input />
                </Form.Item>
              </Col>
            </Row>
            <Typography.Paragraph type="secondary" className="zf-tight">
              证件号码、联系电话、住址加密保存，工作台中脱敏显示；查看完整信息须说明事由并留痕。
            </Typography.Paragraph>
          </>
        )}
      </fieldset>

      <Row gutter={16}>
        <Col span={12}>
          <Form.Item label="承办部门" name="unitId" rules={[{ required: true, message: '请选择承办部门' }]}>
            <Select options={props.units} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label="立案日期" name="filedOn">
            <DateField max={shanghaiToday()} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        label="执法人员"
        name="officerIds"
        rules={[{ required: true, type: 'array', min: 1, message: '请选择承办的执法人员' }]}
        extra="按选择顺序排列，第一位为主办人。现场执法须两名以上持有效执法证件的人员。"
      >
        <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={props.officers} />
      </Form.Item>
      <Form.Item name="major" valuePropName="checked" className="zf-tight">
        <Checkbox>重大执法决定（须法制审核）</Checkbox>
      </Form.Item>

      {actType === 'penalty' && procedure === 'ordinary' && (
        <fieldset className="zf-fieldset">
          <legend>拟作出的处罚（可不填）</legend>
          <Typography.Paragraph type="secondary">
            用于判断是否属于重大执法决定：对个人罚款 5,000 元以上、对单位罚款 50,000
            元以上等符合听证条件的处罚须经法制审核。调查终结后登记的拟处罚将取代此处填写的内容。
          </Typography.Paragraph>
          <Form.Item label="处罚种类" name="proposedKinds">
            <CheckboxGroup
              options={SANCTION_KINDS_FOR_REVIEW.map((k) => ({ value: k, label: REVIEW_SANCTION_LABELS[k] }))}
            />
          </Form.Item>
          <Row gutter={16}>
            {proposedKinds?.includes('fine') && (
              <Col span={12}>
                <Form.Item
                  label="拟罚款金额"
                  name="proposedFineYuan"
                  rules={[{ required: true, message: '请填写拟罚款金额' }, fineRule]}
                >
                  <InputNumber min={0} precision={2} suffix="元" style={{ width: 200 }} />
                </Form.Item>
              </Col>
            )}
            {proposedKinds?.includes('confiscation') && (
              <Col span={12}>
                <Form.Item
                  label="拟没收财物价值"
                  name="proposedConfiscatedYuan"
                  rules={[{ required: true, message: '请填写拟没收财物的价值' }, fineRule]}
                >
                  <InputNumber min={0} precision={2} suffix="元" style={{ width: 200 }} />
                </Form.Item>
              </Col>
            )}
          </Row>
        </fieldset>
      )}
      {actType === 'compulsion' && procedure === 'execution' && (
        <Form.Item
          label="强制执行方式"
          name="executionMethod"
          extra="立即代履行、加处罚款、滞纳金以外的强制执行属于重大执法决定"
        >
          <Select
            allowClear
            placeholder="请选择"
            options={(Object.entries(COMPULSION_METHOD_LABELS) as [CompulsionMethod, string][]).map(
              ([value, label]) => ({ value, label }),
            )}
          />
        </Form.Item>
      )}

      {procedure === 'simplified' && (
        <fieldset className="zf-fieldset">
          <legend>当场作出的处罚</legend>
          <Typography.Paragraph type="secondary">
            简易程序只能给予警告或者罚款：对公民 200 元以下、对法人或者其他组织 3,000
            元以下（《行政处罚法》第五十一条）。
          </Typography.Paragraph>
          <Form.Item
            label="处罚种类"
            name="sanctionKinds"
            rules={[{ required: true, type: 'array', min: 1, message: '请选择处罚种类' }]}
          >
            <CheckboxGroup
              options={(['warning', 'fine'] as const).map((k) => ({ value: k, label: meta.sanctions[k] }))}
            />
          </Form.Item>
          {kinds?.includes('fine') && (
            <Form.Item
              label="罚款金额"
              name="fineYuan"
              rules={[{ required: true, message: '请填写罚款金额' }, fineRule]}
            >
              <InputNumber min={0} precision={2} suffix="元" style={{ width: 200 }} />
            </Form.Item>
          )}
        </fieldset>
      )}
    </>
  );
}

/** A positive amount of yuan with at most two decimals. */
export const fineRule = {
  validator: (_: unknown, v: number | null | undefined) => {
    if (v === null || v === undefined) return Promise.resolve();
    const fen = yuanToFen(v);
    return fen !== null && fen > 0
      ? Promise.resolve()
      : Promise.reject(new Error('金额应大于 0，最多两位小数'));
  },
};

/**
 * Finds registered parties by name, or by ID number together with the name ("张三 310…"): the
 * server answers a number only with its matching name, and logs each such lookup (the answer is
 * masked).
 */
function PartyPicker(props: { value?: string; onChange?: (v: string | undefined) => void; id?: string }) {
  const [options, setOptions] = useState<Party[]>([]);
  const [loading, setLoading] = useState(false);
  const [needName, setNeedName] = useState(false);
  const seq = useRef(0);
  const search = (text: string) => {
    const words = text.trim().split(/\s+/).filter(Boolean);
    const idNumber = words.find(looksLikeIdNumber);
    const name = words.filter((w) => w !== idNumber).join('');
    const n = ++seq.current;
    setNeedName(idNumber !== undefined && name === '');
    if (idNumber !== undefined && name === '') {
      setOptions([]);
      return;
    }
    setLoading(true);
    const found: Promise<Party[]> =
      idNumber !== undefined
        ? caseApi.lookupParty({ idNumber, name }).then((r) => (r.party ? [r.party] : []))
        : caseApi.parties(name ? { name } : {}).then((p) => p.items);
    found
      .then(
        (items) => n === seq.current && setOptions(items),
        () => n === seq.current && setOptions([]),
      )
      .finally(() => n === seq.current && setLoading(false));
  };
  useEffect(() => search(''), []);
  return (
    <Select
      id={props.id}
      value={props.value}
      onChange={props.onChange}
      placeholder="输入名称查找；按证件号码查找须同时输入名称，如：张三 310…"
      loading={loading}
      showSearch={{ filterOption: false, onSearch: search }}
      notFoundContent={
        loading
          ? '查找中…'
          : needName
            ? '按证件号码查找须同时输入当事人名称（名称与号码一致才显示）'
            : '未找到，可选择“登记新当事人”'
      }
      options={options.map((p) => ({
        value: p.id,
        label: `${p.name}（${p.idNumber}）`,
      }))}
    />
  );
}
