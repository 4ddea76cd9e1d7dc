import { useState } from 'react';
import { App, Button, Card, Input, Select, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../api';
import { useAuth } from '../auth';
import { useAsync, usePaged } from '../hooks';
import { PageHead } from '../components/PageHead';
import { LoadError, tableEmpty, LoadMore } from '../components/Status';
import { CertificateTags } from './CertificateTags';
import { OfficerDrawer } from './OfficerDrawer';
import { OfficerForm, type OfficerValues } from './officer-forms';
import type { Officer } from '../../../src/http/routes/org.schema';

export function OfficersPage() {
  const { can } = useAuth();
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const [unitId, setUnitId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const units = useAsync(() => api.units().then((r) => r.items), []);
  const officers = usePaged((cursor) => api.officers({ cursor, q, unitId }), [q, unitId]);
  const writable = can('org.write');

  const create = async (values: OfficerValues) => {
    const officer = await api.createOfficer({
      ...values,
      name: values.name.trim(),
      post: values.post.trim(),
    });
    officers.update((items) => [officer, ...items]);
    void message.success(`已新增执法人员“${officer.name}”`);
    setOpenId(officer.id);
  };

  const replace = (officer: Officer) =>
    officers.update((items) => items.map((o) => (o.id === officer.id ? officer : o)));
  const filtered = q !== '' || unitId !== null;

  return (
    <>
      <PageHead
        title="执法人员"
        extra={
          writable ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              disabled={!units.data}
            >
              新增执法人员
            </Button>
          ) : undefined
        }
      />
      <Card>
        <div className="zf-toolbar">
          <Input.Search
            placeholder="按姓名搜索"
            allowClear
            enterButton="搜索"
            aria-label="按姓名搜索"
            className="zf-search"
            style={{ width: 280 }}
            onSearch={(v) => setQ(v.trim())}
          />
          <Select
            placeholder="全部科室"
            aria-label="科室筛选"
            allowClear
            style={{ width: 200 }}
            loading={units.loading}
            value={unitId}
            onChange={(v: string | undefined) => setUnitId(v ?? null)}
            options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
          />
        </div>
        {officers.error && !officers.loadingMore && officers.items.length === 0 ? (
          <LoadError error={officers.error} onRetry={officers.reload} />
        ) : (
          <>
            <Table<Officer>
              rowKey="id"
              loading={officers.loading}
              dataSource={officers.items}
              pagination={false}
              locale={{
                emptyText: tableEmpty(officers.loading, filtered ? '没有符合条件的执法人员' : '暂无执法人员'),
              }}
              onRow={(o) => ({ onDoubleClick: () => setOpenId(o.id) })}
              columns={[
                {
                  title: '姓名',
                  dataIndex: 'name',
                  width: 140,
                  render: (name: string, o) => (
                    <Button type="link" size="small" className="zf-link-cell" onClick={() => setOpenId(o.id)}>
                      {name}
                    </Button>
                  ),
                },
                { title: '科室', dataIndex: 'unitName', width: 180 },
                { title: '职务', dataIndex: 'post', width: 160 },
                {
                  title: '执法证',
                  key: 'certificates',
                  render: (_: unknown, o) => <CertificateTags certificates={o.certificates} />,
                },
              ]}
            />
            <LoadMore list={officers} />
          </>
        )}
      </Card>

      {creating && units.data && (
        <OfficerForm officer={null} units={units.data} onSubmit={create} onClose={() => setCreating(false)} />
      )}
      {openId && (
        <OfficerDrawer
          officerId={openId}
          units={units.data ?? []}
          onChanged={replace}
          onClose={() => setOpenId(null)}
        />
      )}
    </>
  );
}
