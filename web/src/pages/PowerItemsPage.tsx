import { useState } from 'react';
import {
  App,
  AutoComplete,
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { FormInstance } from 'antd';
import type { Rule } from 'antd/es/form';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useAuth } from '../auth';
import { caseApi } from '../case-api';
import { bandText, GRADE_LABELS, itemBand, standardText, yuanToFen } from '../case-format';
import {
  benchmarkFieldPath,
  benchmarkToForm,
  emptyBenchmarkForm,
  emptyGrade,
  formToBenchmark,
  otherSanctionKinds,
  type BenchmarkForm,
} from '../benchmark-form';
import { useAsync } from '../hooks';
import { FormModal } from '../components/FormModal';
import { CheckboxGroup } from '../components/CheckboxGroup';
import { PageHead } from '../components/PageHead';
import { LoadError, tableEmpty } from '../components/Status';
import { useCaseMeta, useUnits } from './case/case-shared';
import { ACT_TYPES, type ActType, type PartyKind } from '../../../src/domain/case-types';
import { GRADES } from '../../../src/domain/penalty-rules';
import type { Benchmark, BenchmarkGrade, CaseMeta, PowerItem } from '../../../src/http/routes/cases.schema';

/** 权力事项: the office's powers with their legal basis and discretion benchmark (裁量基准). */
export function PowerItemsPage() {
  const { can } = useAuth();
  const { message } = App.useApp();
  const meta = useCaseMeta();
  const items = useAsync(() => caseApi.powerItems(), []);
  const [actType, setActType] = useState<ActType | null>(null);
  /** The item being edited, or 'new' while one is added. */
  const [editing, setEditing] = useState<PowerItem | 'new' | null>(null);
  const list = (items.data ?? []).filter((i) => !actType || i.actType === actType);
  const writable = can('powerItem.write');
  const sanctions = meta.data?.sanctions ?? {};

  return (
    <>
      <PageHead
        title="权力事项"
        extra={
          writable && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              新增权力事项
            </Button>
          )
        }
      />
      <Card>
        <Typography.Paragraph type="secondary">
          本机关的权力事项、法律依据和裁量基准。办理行政处罚时，罚款须在法定幅度内，并参照裁量基准确定。
        </Typography.Paragraph>
        <div className="zf-toolbar">
          <Select
            placeholder="全部类别"
            aria-label="执法类别"
            allowClear
            style={{ width: 180 }}
            value={actType}
            onChange={(v: ActType | undefined) => setActType(v ?? null)}
            options={Object.entries(meta.data?.actTypes ?? {}).map(([value, label]) => ({ value, label }))}
          />
        </div>
        {items.error && !items.data ? (
          <LoadError error={items.error} onRetry={items.reload} />
        ) : (
          <Table<PowerItem>
            rowKey="id"
            aria-label="权力事项"
            loading={items.loading}
            dataSource={list}
            pagination={false}
            // Fixed column widths: the table fits 1440 px with the menu; long texts end in an ellipsis
            // and show whole on hover, and the expanded row holds the benchmark.
            tableLayout="fixed"
            scroll={{ x: 960 }}
            locale={{ emptyText: tableEmpty(items.loading, '暂无权力事项') }}
            expandable={{
              expandedRowRender: (i) => <BenchmarkView b={i.benchmark} sanctions={sanctions} />,
              columnWidth: 44,
            }}
            columns={[
              {
                title: '编码',
                dataIndex: 'code',
                width: 124,
                render: (c: string) => <span className="zf-mono">{c}</span>,
              },
              {
                title: '名称',
                dataIndex: 'name',
                // Up to two lines, then an ellipsis; the whole name on hover.
                render: (n: string, i) => (
                  <Tooltip title={n} placement="topLeft">
                    <span className="zf-clamp-2">
                      {!i.active && <Tag>已停用</Tag>}
                      {n}
                    </span>
                  </Tooltip>
                ),
              },
              { title: '类别', dataIndex: 'actTypeLabel', width: 112 },
              {
                title: '执法领域',
                dataIndex: 'domain',
                width: 124,
                ellipsis: { showTitle: false },
                render: (d: string) => <Tooltip title={d}>{d || '—'}</Tooltip>,
              },
              {
                title: '法律依据',
                dataIndex: 'basis',
                width: 170,
                ellipsis: { showTitle: false },
                render: (b: string[]) => (
                  <Tooltip title={<div className="zf-pre-line">{b.join('\n')}</div>} placement="topLeft">
                    {b.join('；')}
                  </Tooltip>
                ),
              },
              {
                title: '法定罚款幅度',
                key: 'band',
                width: 236,
                render: (_: unknown, i) => (i.actType === 'penalty' ? <LegalBands item={i} /> : '—'),
              },
              ...(writable
                ? [
                    {
                      title: '操作',
                      key: 'ops',
                      width: 84,
                      render: (_: unknown, i: PowerItem) => (
                        <Button
                          size="small"
                          icon={<EditOutlined />}
                          aria-label={`编辑 ${i.code}`}
                          onClick={() => setEditing(i)}
                        >
                          编辑
                        </Button>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </Card>
      {editing && meta.data && (
        <PowerItemModal
          item={editing === 'new' ? null : editing}
          meta={meta.data}
          domains={[...new Set((items.data ?? []).map((i) => i.domain).filter(Boolean))]}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            items.setData((all) =>
              editing === 'new'
                ? [...(all ?? []), saved].sort((a, b) => a.code.localeCompare(b.code))
                : (all ?? []).map((x) => (x.id === saved.id ? saved : x)),
            );
            void message.success(editing === 'new' ? '权力事项已新增，已留痕' : '权力事项已保存，修改已留痕');
          }}
        />
      )}
    </>
  );
}

const PARTY_SHORT: Record<PartyKind, string> = { person: '自然人', organisation: '法人或其他组织' };

function LegalBands({ item }: { item: PowerItem }) {
  return (
    <>
      {(['person', 'organisation'] as const).map((k) => {
        const band = itemBand(item, k);
        return (
          <div key={k}>
            {PARTY_SHORT[k]}：{band ? bandText(band) : '不设罚款'}
          </div>
        );
      })}
    </>
  );
}

interface PowerItemValues {
  code: string;
  name: string;
  actType: ActType;
  /** 法律依据, one per line. */
  basis: string;
  domain: string;
  unitId: string;
  active: boolean;
  benchmark: BenchmarkForm;
}

const ITEM_FIELDS = ['code', 'name', 'actType', 'basis', 'domain', 'unitId', 'active'];

/** The form field for a server field: the item's own, or one inside the benchmark. */
function fieldPath(field: string) {
  if (field === 'benchmark' || field.startsWith('benchmark.')) return benchmarkFieldPath(field);
  return ITEM_FIELDS.includes(field) ? [field] : null;
}

/** 新增 or 编辑 a power item with its discretion benchmark, amounts in yuan. */
function PowerItemModal(props: {
  item: PowerItem | null;
  meta: CaseMeta;
  domains: string[];
  onClose: () => void;
  onSaved: (item: PowerItem) => void;
}) {
  const { item, meta } = props;
  const units = useUnits();
  const initial: Partial<PowerItemValues> = item
    ? {
        code: item.code,
        name: item.name,
        actType: item.actType,
        basis: item.basis.join('\n'),
        domain: item.domain,
        unitId: item.unitId,
        active: item.active,
        benchmark: benchmarkToForm(item.benchmark),
      }
    : { actType: 'penalty', basis: '', domain: '', active: true, benchmark: emptyBenchmarkForm() };

  return (
    <FormModal<PowerItemValues>
      title={item ? `编辑权力事项：${item.code}` : '新增权力事项'}
      okText={item ? '保存' : '新增'}
      width={980}
      initialValues={initial}
      fieldPath={fieldPath}
      onClose={props.onClose}
      onSubmit={async (v) => {
        const basis = v.basis
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean);
        const benchmark = formToBenchmark(v.benchmark);
        const saved = item
          ? await caseApi.updatePowerItem(item.id, {
              name: v.name.trim(),
              basis,
              domain: v.domain.trim(),
              unitId: v.unitId,
              active: v.active,
              benchmark,
            })
          : await caseApi.createPowerItem({
              code: v.code.trim(),
              name: v.name.trim(),
              actType: v.actType,
              basis,
              domain: v.domain.trim(),
              unitId: v.unitId,
              benchmark,
            });
        props.onSaved(saved);
      }}
    >
      {(form) => (
        <>
          <Typography.Paragraph type="secondary">
            金额以元为单位。每次新增或修改都记入留痕记录。
          </Typography.Paragraph>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item
                label="事项编码"
                name="code"
                rules={[
                  { required: true, message: '请填写事项编码' },
                  { pattern: /^[A-Za-z0-9-]{2,40}$/, message: '事项编码应为 2–40 位字母、数字或连字符' },
                ]}
                extra={item ? '编码和类别新增后不能修改。' : undefined}
              >
                <Input disabled={!!item} placeholder="如：QPMF-CF-010" autoFocus={!item} />
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <Form.Item
                label="事项名称"
                name="name"
                rules={[{ required: true, whitespace: true, message: '请填写事项名称' }]}
              >
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                label="执法类别"
                name="actType"
                rules={[{ required: true, message: '请选择执法类别' }]}
              >
                <Select
                  disabled={!!item}
                  options={ACT_TYPES.map((value) => ({ value, label: meta.actTypes[value] }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label="执法领域" name="domain">
                <AutoComplete
                  options={props.domains.map((value) => ({ value }))}
                  maxLength={50}
                  placeholder="如：民防工程建设"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                label="责任部门"
                name="unitId"
                rules={[{ required: true, message: '请选择责任部门' }]}
              >
                <Select
                  loading={units.loading}
                  options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={item ? 18 : 24}>
              <Form.Item
                label="法律依据"
                name="basis"
                rules={[{ required: true, whitespace: true, message: '请至少填写一条法律依据' }]}
                extra="每行一条，如：《上海市民防条例》第四十三条"
              >
                <Input.TextArea rows={2} />
              </Form.Item>
            </Col>
            {item && (
              <Col xs={24} md={6}>
                <Form.Item label="状态" name="active" valuePropName="checked">
                  <Switch checkedChildren="启用" unCheckedChildren="停用" />
                </Form.Item>
              </Col>
            )}
          </Row>
          <BenchmarkFields form={form} meta={meta} />
        </>
      )}
    </FormModal>
  );
}

/** An amount in yuan, at most two decimals (the server counts fen). */
const amountRule: Rule = {
  validator: (_, v: number | null | undefined) =>
    v === null || v === undefined || yuanToFen(v) !== null
      ? Promise.resolve()
      : Promise.reject(new Error('金额应为不小于零的数，最多两位小数')),
};

const requiredAmount = (message: string): Rule[] => [
  { required: true, message },
  amountRule,
  {
    validator: (_, v: number | null | undefined) =>
      v === null || v === undefined || v > 0 ? Promise.resolve() : Promise.reject(new Error('金额应大于零')),
  },
];

function Amount(props: { 'aria-label': string; placeholder?: string }) {
  return <InputNumber min={0} max={1_000_000_000} suffix="元" className="zf-amount" {...props} />;
}

/**
 * 下限 至 上限 (yuan) of one party kind. Both ends empty: that kind is not fined. The two inputs
 * are one form item's, so the band's own problems (上限 missing, outside the statutory band) show
 * under it.
 */
function BandField(props: {
  /** The band's name, relative to the enclosing list item if any. */
  name: Array<string | number>;
  /** The band's absolute path (to read the lower end). */
  path: Array<string | number>;
  label: string;
}) {
  const { name, path, label } = props;
  return (
    <Form.Item label={label}>
      <Space.Compact block className="zf-band">
        <Form.Item noStyle name={[...name, 'min']} rules={[amountRule]}>
          <Amount aria-label={`${label}：下限`} placeholder="下限" />
        </Form.Item>
        <span className="zf-band-to" aria-hidden>
          至
        </span>
        <Form.Item
          noStyle
          name={[...name, 'max']}
          dependencies={[[...path, 'min']]}
          rules={[
            amountRule,
            ({ getFieldValue }) => ({
              validator: (_, max: number | null | undefined) => {
                const min = getFieldValue([...path, 'min']) as number | null | undefined;
                if ((max === null || max === undefined) && min !== null && min !== undefined)
                  return Promise.reject(new Error(`请填写${label}的上限`));
                return Promise.resolve();
              },
            }),
          ]}
        >
          <Amount aria-label={`${label}：上限`} placeholder="上限" />
        </Form.Item>
      </Space.Compact>
    </Form.Item>
  );
}

/**
 * The discretion benchmark: 违法行为, 处罚依据, 法定幅度 per party kind, and the grades (裁量等级)
 * with their 适用情形, fine standard and other kinds of penalty.
 * When a power item carries several violations (one benchmark entry each), 违法行为 becomes a
 * Form.List of these same fields.
 */
function BenchmarkFields({ form, meta }: { form: FormInstance<PowerItemValues>; meta: CaseMeta }) {
  return (
    <fieldset className="zf-fieldset">
      <legend>裁量基准</legend>
      <Form.Item
        label="违法行为"
        name={['benchmark', 'violation']}
        rules={[{ required: true, whitespace: true, message: '请填写违法行为' }]}
      >
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
      <Form.Item
        label="处罚依据"
        name={['benchmark', 'basis']}
        rules={[{ required: true, whitespace: true, message: '请填写处罚依据' }]}
        extra="法律条文及其规定的处罚，如：《上海市民防条例》第四十三条：对单位处一万元以上五万元以下罚款"
      >
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
      <Typography.Text strong>法定罚款幅度</Typography.Text>
      <Typography.Paragraph type="secondary" className="zf-tight">
        法律规定的罚款幅度。不填写的当事人类型不设罚款；两类都不填写时，以各裁量等级的幅度为准。
      </Typography.Paragraph>
      <Row gutter={16}>
        {(['person', 'organisation'] as const).map((k) => (
          <Col xs={24} md={12} key={k}>
            <BandField
              name={['benchmark', 'legal', k]}
              path={['benchmark', 'legal', k]}
              label={`法定幅度（${meta.partyKinds[k] ?? PARTY_SHORT[k]}）`}
            />
          </Col>
        ))}
      </Row>
      <Form.List name={['benchmark', 'grades']}>
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((field, index) => (
              <GradeFields
                key={field.key}
                form={form}
                meta={meta}
                name={field.name}
                index={index}
                onRemove={fields.length > 1 ? () => remove(field.name) : undefined}
              />
            ))}
            <Form.ErrorList errors={errors} />
            {fields.length < 10 && (
              <Button icon={<PlusOutlined />} onClick={() => add(emptyGrade())} className="zf-block">
                增加裁量等级
              </Button>
            )}
          </>
        )}
      </Form.List>
    </fieldset>
  );
}

function GradeFields(props: {
  form: FormInstance<PowerItemValues>;
  meta: CaseMeta;
  /** The grade's index in the form's list. */
  name: number;
  index: number;
  onRemove: (() => void) | undefined;
}) {
  const { form, meta, name } = props;
  const path = ['benchmark', 'grades', name];
  const kind: string | undefined = Form.useWatch([...path, 'standard', 'kind'], form);
  const n = props.index + 1;
  return (
    <fieldset className="zf-fieldset zf-grade" aria-label={`裁量等级 ${n}`}>
      <legend>裁量等级 {n}</legend>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item
            label="裁量等级"
            name={[name, 'grade']}
            rules={[{ required: true, message: '请选择裁量等级' }]}
          >
            <Select
              aria-label={`裁量等级 ${n} 的等级`}
              options={GRADES.map((g) => ({ value: g, label: GRADE_LABELS[g] ?? g }))}
              // 不予处罚 sets no fine.
              onChange={(g: string) => {
                if (g === 'none')
                  form.setFieldValue(['benchmark', 'grades', name, 'standard', 'kind'], 'none');
              }}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item label="罚款标准" name={[name, 'standard', 'kind']}>
            <Radio.Group
              aria-label={`裁量等级 ${n} 的罚款标准`}
              options={[
                { value: 'band', label: '罚款幅度' },
                { value: 'perUnit', label: '按单位计罚' },
                { value: 'none', label: '不罚款' },
              ]}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        label="适用情形"
        name={[name, 'conditions']}
        rules={[{ required: true, whitespace: true, message: '请填写适用情形' }]}
      >
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
      {kind === 'band' && (
        <Row gutter={16}>
          {(['person', 'organisation'] as const).map((k) => (
            <Col xs={24} md={12} key={k}>
              <BandField
                name={[name, 'standard', k]}
                path={[...path, 'standard', k]}
                label={`罚款幅度（${meta.partyKinds[k] ?? PARTY_SHORT[k]}）`}
              />
            </Col>
          ))}
        </Row>
      )}
      {kind === 'perUnit' && (
        <Row gutter={16}>
          <Col xs={12} md={6}>
            <Form.Item
              label="计量单位"
              name={[name, 'standard', 'unit']}
              rules={[{ required: true, whitespace: true, message: '请填写计量单位' }]}
            >
              <Input maxLength={20} placeholder="如：平方米" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              label="每单位罚款"
              name={[name, 'standard', 'perUnit']}
              rules={requiredAmount('请填写每单位罚款金额')}
            >
              <Amount aria-label="每单位罚款" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item label="最低罚款" name={[name, 'standard', 'min']} rules={[amountRule]}>
              <Amount aria-label="最低罚款" placeholder="不设" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              label="最高罚款"
              name={[name, 'standard', 'cap']}
              rules={requiredAmount('请填写最高罚款')}
            >
              <Amount aria-label="最高罚款" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item
              label="适用当事人"
              name={[name, 'standard', 'partyKinds']}
              rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一类当事人' }]}
            >
              <CheckboxGroup
                options={(['person', 'organisation'] as const).map((k) => ({
                  value: k,
                  label: meta.partyKinds[k] ?? PARTY_SHORT[k],
                }))}
              />
            </Form.Item>
          </Col>
        </Row>
      )}
      <Form.Item label="其他处罚种类" name={[name, 'sanctions']} extra="罚款以外同时适用的处罚，如警告。">
        <Select
          mode="multiple"
          allowClear
          placeholder="无"
          options={otherSanctionKinds().map((k) => ({ value: k, label: meta.sanctions[k] ?? k }))}
        />
      </Form.Item>
      {props.onRemove && (
        <Button danger type="text" icon={<DeleteOutlined />} onClick={props.onRemove}>
          删除裁量等级 {n}
        </Button>
      )}
    </fieldset>
  );
}

function BenchmarkView({ b, sanctions }: { b: Benchmark; sanctions: Record<string, string> }) {
  return (
    <div>
      <div>违法行为：{b.violation}</div>
      <div className="zf-gap-top-s">处罚依据：{b.basis}</div>
      <Table<BenchmarkGrade>
        className="zf-gap-top-s"
        rowKey={(g) => `${g.grade}:${g.conditions}`}
        size="small"
        pagination={false}
        dataSource={b.grades}
        columns={[
          { title: '裁量等级', dataIndex: 'grade', width: 100, render: (g: string) => GRADE_LABELS[g] ?? g },
          { title: '适用情形', dataIndex: 'conditions' },
          {
            title: '罚款标准',
            dataIndex: 'standard',
            width: 320,
            render: (s: BenchmarkGrade['standard']) => standardText(s),
          },
          {
            title: '处罚种类',
            dataIndex: 'sanctions',
            width: 140,
            render: (k: string[] | undefined) => (k ?? []).map((x) => sanctions[x] ?? x).join('、') || '—',
          },
        ]}
      />
    </div>
  );
}
