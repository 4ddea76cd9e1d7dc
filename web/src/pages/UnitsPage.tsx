import { useState } from 'react';
import { App, Button, Card, Descriptions, Form, Input, Switch, Table, Tag } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { api } from '../api';
import { useAuth } from '../auth';
import { useAsync } from '../hooks';
import { chineseDateTime } from '../format';
import { FormModal } from '../components/FormModal';
import { PageHead } from '../components/PageHead';
import { LoadError, Loading, tableEmpty } from '../components/Status';
import type { Agency, Unit } from '../../../src/http/routes/org.schema';

interface UnitValues {
  name: string;
  isLegalReview: boolean;
}

type AgencyValues = Omit<Agency, 'id'>;

export function UnitsPage() {
  const { can } = useAuth();
  const { message } = App.useApp();
  const units = useAsync(() => api.units().then((r) => r.items), []);
  const agency = useAsync(() => api.agency(), []);
  const [editing, setEditing] = useState<Unit | 'new' | null>(null);
  const [editingAgency, setEditingAgency] = useState(false);
  const writable = can('org.write');

  const saveUnit = async (values: UnitValues) => {
    const body = { name: values.name.trim(), isLegalReview: values.isLegalReview };
    if (editing === 'new') {
      const unit = await api.createUnit(body);
      units.setData((prev) => [...(prev ?? []), unit]);
      void message.success(`已新建科室“${unit.name}”`);
    } else if (editing) {
      const unit = await api.updateUnit(editing.id, body);
      units.setData((prev) => prev?.map((u) => (u.id === unit.id ? unit : u)));
      void message.success('已保存');
    }
  };

  const saveAgency = async (values: AgencyValues) => {
    const updated = await api.updateAgency(values);
    agency.setData(() => updated);
    void message.success('已保存');
  };

  return (
    <>
      <PageHead title="组织机构" />

      <Card
        title="执法主体"
        className="zf-block"
        extra={
          writable && agency.data ? (
            <Button icon={<EditOutlined />} onClick={() => setEditingAgency(true)}>
              编辑
            </Button>
          ) : undefined
        }
      >
        {agency.loading && !agency.data ? (
          <Loading />
        ) : agency.error ? (
          <LoadError error={agency.error} onRetry={agency.reload} />
        ) : agency.data ? (
          <Descriptions column={{ xs: 1, md: 2 }} size="small">
            <Descriptions.Item label="名称">{agency.data.name}</Descriptions.Item>
            <Descriptions.Item label="简称">{agency.data.shortName || '—'}</Descriptions.Item>
            <Descriptions.Item label="地址">{agency.data.address || '—'}</Descriptions.Item>
            <Descriptions.Item label="电话">{agency.data.phone || '—'}</Descriptions.Item>
          </Descriptions>
        ) : null}
      </Card>

      <Card
        title="科室"
        extra={
          writable ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              新建科室
            </Button>
          ) : undefined
        }
      >
        {units.error ? (
          <LoadError error={units.error} onRetry={units.reload} />
        ) : (
          <Table<Unit>
            rowKey="id"
            loading={units.loading}
            dataSource={units.data ?? []}
            pagination={false}
            locale={{ emptyText: tableEmpty(units.loading, '暂无科室') }}
            columns={[
              { title: '名称', dataIndex: 'name' },
              {
                title: '法制审核机构',
                dataIndex: 'isLegalReview',
                width: 160,
                render: (v: boolean) =>
                  v ? <Tag color="purple">法制审核机构</Tag> : <span className="zf-muted">—</span>,
              },
              {
                title: '创建时间',
                dataIndex: 'createdAt',
                width: 200,
                render: (v: string) => chineseDateTime(v),
              },
              ...(writable
                ? [
                    {
                      title: '操作',
                      key: 'actions',
                      width: 100,
                      render: (_: unknown, unit: Unit) => (
                        <Button type="link" size="small" onClick={() => setEditing(unit)}>
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

      {editing && (
        <FormModal<UnitValues>
          title={editing === 'new' ? '新建科室' : '编辑科室'}
          okText={editing === 'new' ? '新建' : '保存'}
          initialValues={editing === 'new' ? { name: '', isLegalReview: false } : editing}
          onSubmit={saveUnit}
          onClose={() => setEditing(null)}
        >
          <Form.Item
            label="名称"
            name="name"
            rules={[{ required: true, whitespace: true, message: '请输入科室名称' }, { max: 60 }]}
          >
            <Input autoFocus placeholder="如：执法科" />
          </Form.Item>
          <Form.Item
            label="设为法制审核机构"
            name="isLegalReview"
            valuePropName="checked"
            extra="法制审核机构负责重大执法决定的法制审核。"
          >
            <Switch />
          </Form.Item>
        </FormModal>
      )}

      {editingAgency && agency.data && (
        <FormModal<AgencyValues>
          title="编辑执法主体"
          initialValues={agency.data}
          onSubmit={saveAgency}
          onClose={() => setEditingAgency(false)}
        >
          <Form.Item
            label="名称"
            name="name"
            rules={[{ required: true, whitespace: true, message: '请输入名称' }]}
          >
            <Input />
          </Form.Item>
          <Form.Item label="简称" name="shortName">
            <Input />
          </Form.Item>
          <Form.Item label="地址" name="address">
            <Input />
          </Form.Item>
          <Form.Item label="电话" name="phone">
            <Input />
          </Form.Item>
        </FormModal>
      )}
    </>
  );
}
