import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Drawer,
  Form,
  Input,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { errorMessage } from '../api';
import { useAuth } from '../auth';
import { caseApi } from '../case-api';
import { chineseDateTime } from '../format';
import { useAsync } from '../hooks';
import { FormModal } from '../components/FormModal';
import { PageHead } from '../components/PageHead';
import { LoadError, tableEmpty } from '../components/Status';
import { useOfficers } from './case/case-shared';
import type { RecorderStatus } from '../../../src/domain/case-types';
import type { Recorder, RecorderLoan } from '../../../src/http/routes/cases.schema';

const STATUS_COLORS: Record<RecorderStatus, string> = {
  available: 'green',
  checkedOut: 'blue',
  repair: 'orange',
  retired: 'default',
};

/** 执法记录仪: the office's body-worn recorders, who holds each, and their loan history (REC-05). */
export function RecordersPage() {
  const { can } = useAuth();
  const { message } = App.useApp();
  const recorders = useAsync(() => caseApi.recorders(), []);
  const officers = useOfficers();
  const [registering, setRegistering] = useState(false);
  const [lending, setLending] = useState<Recorder | null>(null);
  const [history, setHistory] = useState<Recorder | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const manage = can('recorder.manage');

  const replace = (r: Recorder) =>
    recorders.setData((list) => (list ?? []).map((x) => (x.id === r.id ? r : x)));

  const act = async (r: Recorder, what: () => Promise<Recorder>, done: string) => {
    setBusy(r.id);
    try {
      replace(await what());
      void message.success(done);
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <PageHead
        title="执法记录仪"
        extra={
          manage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)}>
              登记记录仪
            </Button>
          ) : undefined
        }
      />
      <Card>
        <Typography.Paragraph type="secondary">
          执法记录仪由综合科统一登记、发放和回收，每个双人执法小组配备一台。领用和归还均记入留痕记录。
        </Typography.Paragraph>
        {recorders.error && !recorders.data ? (
          <LoadError error={recorders.error} onRetry={recorders.reload} />
        ) : (
          <Table<Recorder>
            rowKey="id"
            loading={recorders.loading}
            dataSource={recorders.data ?? []}
            pagination={false}
            locale={{ emptyText: tableEmpty(recorders.loading, '暂无执法记录仪') }}
            columns={[
              {
                title: '设备编号',
                dataIndex: 'number',
                width: 160,
                render: (n: string) => <span className="zf-mono">{n}</span>,
              },
              { title: '型号', dataIndex: 'model' },
              {
                title: '状态',
                dataIndex: 'statusLabel',
                width: 110,
                render: (label: string, r) => <Tag color={STATUS_COLORS[r.status]}>{label}</Tag>,
              },
              {
                title: '领用人',
                dataIndex: 'holder',
                width: 120,
                render: (h: Recorder['holder']) => h?.name ?? <span className="zf-muted">—</span>,
              },
              {
                title: '操作',
                key: 'ops',
                width: 330,
                render: (_: unknown, r) => (
                  <Space size="small" wrap>
                    <Button size="small" onClick={() => setHistory(r)}>
                      领用记录
                    </Button>
                    {manage && r.status === 'available' && (
                      <Button size="small" type="primary" onClick={() => setLending(r)}>
                        领用
                      </Button>
                    )}
                    {manage && r.status === 'checkedOut' && (
                      <Popconfirm
                        title={`确认 ${r.holder?.name ?? ''} 已归还 ${r.number}？`}
                        okText="归还"
                        cancelText="取消"
                        onConfirm={() =>
                          void act(r, () => caseApi.returnRecorder(r.id), `${r.number} 已归还`)
                        }
                      >
                        <Button size="small" loading={busy === r.id}>
                          归还
                        </Button>
                      </Popconfirm>
                    )}
                    {manage && r.status === 'available' && (
                      <Button
                        size="small"
                        loading={busy === r.id}
                        onClick={() =>
                          void act(r, () => caseApi.setRecorderStatus(r.id, 'repair'), `${r.number} 已送修`)
                        }
                      >
                        送修
                      </Button>
                    )}
                    {manage && r.status === 'repair' && (
                      <Button
                        size="small"
                        loading={busy === r.id}
                        onClick={() =>
                          void act(
                            r,
                            () => caseApi.setRecorderStatus(r.id, 'available'),
                            `${r.number} 已修复入库`,
                          )
                        }
                      >
                        修复入库
                      </Button>
                    )}
                    {manage && (r.status === 'available' || r.status === 'repair') && (
                      <Popconfirm
                        title={`报废 ${r.number}？`}
                        description="报废后不能再领用。"
                        okText="报废"
                        okButtonProps={{ danger: true }}
                        cancelText="取消"
                        onConfirm={() =>
                          void act(r, () => caseApi.setRecorderStatus(r.id, 'retired'), `${r.number} 已报废`)
                        }
                      >
                        <Button size="small" danger type="text">
                          报废
                        </Button>
                      </Popconfirm>
                    )}
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Card>

      {registering && (
        <FormModal<{ number: string; model: string }>
          title="登记执法记录仪"
          okText="登记"
          initialValues={{ model: 'DSJ-V9 执法记录仪' }}
          onClose={() => setRegistering(false)}
          onSubmit={async (v) => {
            const r = await caseApi.registerRecorder({ number: v.number.trim(), model: v.model.trim() });
            recorders.setData((list) => [...(list ?? []), r]);
            void message.success(`已登记 ${r.number}`);
          }}
        >
          <Form.Item
            label="设备编号"
            name="number"
            rules={[
              { required: true, whitespace: true, message: '请填写设备编号' },
              { pattern: /^[A-Za-z0-9-]{2,40}$/, message: '设备编号应为 2–40 位字母、数字或连字符' },
            ]}
          >
            <Input autoFocus placeholder="如：QP-JLY-005" />
          </Form.Item>
          <Form.Item
            label="型号"
            name="model"
            rules={[{ required: true, whitespace: true, message: '请填写型号' }]}
          >
            <Input />
          </Form.Item>
        </FormModal>
      )}
      {lending && (
        <FormModal<{ officerId: string }>
          title={`领用 ${lending.number}`}
          okText="领用"
          onClose={() => setLending(null)}
          onSubmit={async (v) => {
            const r = await caseApi.checkOut(lending.id, v.officerId);
            replace(r);
            void message.success(`${r.number} 已由 ${r.holder?.name ?? ''} 领用`);
          }}
        >
          <Form.Item label="领用人" name="officerId" rules={[{ required: true, message: '请选择执法人员' }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={(officers.data ?? []).map((o) => ({
                value: o.id,
                label: `${o.name}（${o.unitName}）`,
              }))}
            />
          </Form.Item>
        </FormModal>
      )}
      {history && <LoanDrawer recorder={history} onClose={() => setHistory(null)} />}
    </>
  );
}

function LoanDrawer({ recorder, onClose }: { recorder: Recorder; onClose: () => void }) {
  const loans = useAsync(() => caseApi.loans(recorder.id), [recorder.id]);
  return (
    <Drawer open title={`领用记录：${recorder.number}`} size={560} onClose={onClose}>
      {loans.error ? (
        <LoadError error={loans.error} onRetry={loans.reload} />
      ) : (
        <Table<RecorderLoan>
          rowKey="id"
          size="small"
          loading={loans.loading}
          dataSource={loans.data ?? []}
          pagination={false}
          locale={{ emptyText: tableEmpty(loans.loading, '暂无领用记录') }}
          columns={[
            { title: '领用人', dataIndex: ['officer', 'name'], width: 110 },
            { title: '领用时间', dataIndex: 'outAt', render: (v: string) => chineseDateTime(v) },
            {
              title: '归还时间',
              dataIndex: 'returnedAt',
              render: (v: string | null) => (v ? chineseDateTime(v) : <Tag color="blue">未归还</Tag>),
            },
          ]}
        />
      )}
    </Drawer>
  );
}
