import { useState } from 'react';
import { App, Button, Card, Form, Input, Select, Table, Tag, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useAuth } from '../auth';
import { caseApi } from '../case-api';
import { GRADE_LABELS, legalBandsText, standardText } from '../case-format';
import { useAsync } from '../hooks';
import { FormModal } from '../components/FormModal';
import { PageHead } from '../components/PageHead';
import { LoadError, tableEmpty } from '../components/Status';
import { useCaseMeta } from './case/case-shared';
import type { ActType } from '../../../src/domain/case-types';
import type { Benchmark, BenchmarkGrade, PowerItem } from '../../../src/http/routes/cases.schema';

/** 权力事项: the office's powers with their legal basis and discretion benchmark (裁量基准). */
export function PowerItemsPage() {
  const { can } = useAuth();
  const { message } = App.useApp();
  const meta = useCaseMeta();
  const items = useAsync(() => caseApi.powerItems(), []);
  const [actType, setActType] = useState<ActType | null>(null);
  const [editing, setEditing] = useState<PowerItem | null>(null);
  const list = (items.data ?? []).filter((i) => !actType || i.actType === actType);
  const writable = can('powerItem.write');

  return (
    <>
      <PageHead title="权力事项" />
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
            loading={items.loading}
            dataSource={list}
            pagination={false}
            scroll={{ x: 1000 }}
            locale={{ emptyText: tableEmpty(items.loading, '暂无权力事项') }}
            expandable={{
              expandedRowRender: (i) => <Benchmark b={i.benchmark} sanctions={meta.data?.sanctions ?? {}} />,
            }}
            columns={[
              {
                title: '编码',
                dataIndex: 'code',
                width: 130,
                render: (c: string) => <span className="zf-mono">{c}</span>,
              },
              {
                title: '名称',
                dataIndex: 'name',
                render: (n: string, i) => (
                  <span>
                    {n} {!i.active && <Tag>已停用</Tag>}
                  </span>
                ),
              },
              { title: '类别', dataIndex: 'actTypeLabel', width: 110 },
              { title: '执法领域', dataIndex: 'domain', width: 140 },
              { title: '法律依据', dataIndex: 'basis', width: 240, render: (b: string[]) => b.join('；') },
              {
                title: '法定罚款幅度',
                key: 'band',
                width: 260,
                render: (_: unknown, i) =>
                  i.actType === 'penalty' ? legalBandsText(i) : <span className="zf-muted">—</span>,
              },
              ...(writable
                ? [
                    {
                      title: '操作',
                      key: 'ops',
                      width: 110,
                      render: (_: unknown, i: PowerItem) => (
                        <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(i)}>
                          裁量基准
                        </Button>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </Card>
      {editing && (
        <FormModal<{ json: string }>
          title={`编辑裁量基准：${editing.name}`}
          width={760}
          initialValues={{ json: JSON.stringify(editing.benchmark, null, 2) }}
          fieldAliases={{ benchmark: 'json' }}
          onClose={() => setEditing(null)}
          onSubmit={async (v) => {
            const benchmark = JSON.parse(v.json) as Benchmark;
            const updated = await caseApi.updatePowerItem(editing.id, { benchmark });
            items.setData((list) => (list ?? []).map((x) => (x.id === updated.id ? updated : x)));
            void message.success('裁量基准已保存，修改已留痕');
          }}
        >
          <Typography.Paragraph type="secondary">
            金额单位为分（1 元 = 100 分）。每次修改都记入留痕记录。
          </Typography.Paragraph>
          <Form.Item
            name="json"
            rules={[
              {
                validator: (_, text: string) => {
                  try {
                    const v: unknown = JSON.parse(text);
                    return typeof v === 'object' && v !== null && !Array.isArray(v)
                      ? Promise.resolve()
                      : Promise.reject(new Error('应为一个对象'));
                  } catch {
                    return Promise.reject(new Error('不是有效的 JSON'));
                  }
                },
              },
            ]}
          >
            <Input.TextArea rows={18} className="zf-textarea-json" aria-label="裁量基准 JSON" />
          </Form.Item>
        </FormModal>
      )}
    </>
  );
}

function Benchmark({ b, sanctions }: { b: Benchmark; sanctions: Record<string, string> }) {
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
