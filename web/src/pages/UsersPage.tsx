import { useMemo, useState } from 'react';
import { App, Button, Card, Form, Input, Select, Space, Switch, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api, errorMessage, loadAll } from '../api';
import { useAuth } from '../auth';
import { useAsync } from '../hooks';
import { lockoutLines, ROLE_LABELS, userStatus } from '../format';
import { FormModal } from '../components/FormModal';
import { PageHead } from '../components/PageHead';
import { LoadError, tableEmpty } from '../components/Status';
import { TokensModal } from './TokensModal';
import type { Role, RoleOption } from '../../../src/http/routes/auth.schema';
import type { ManagedUser } from '../../../src/http/routes/users.schema';
import type { Officer } from '../../../src/http/routes/org.schema';

interface CreateValues {
  username: string;
  displayName: string;
  password: string;
  roles: Role[];
  officerId?: string | null;
}

interface EditValues {
  displayName: string;
  roles: Role[];
  officerId?: string | null;
  disabled: boolean;
}

interface PasswordValues {
  password: string;
  confirm: string;
}

export function UsersPage() {
  const { can } = useAuth();
  const { message, modal } = App.useApp();
  const users = useAsync(() => api.users().then((r) => r.items), []);
  const roles = useAsync(() => api.roles().then((r) => r.items), []);
  // Officers for the 关联执法人员 column and select; an office has dozens, not thousands.
  const officers = useAsync(
    () =>
      can('org.read')
        ? loadAll((cursor) => api.officers({ cursor, limit: 100 }))
        : Promise.resolve([] as Officer[]),
    [],
  );
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<ManagedUser | null>(null);
  const [resetting, setResetting] = useState<ManagedUser | null>(null);
  const [tokensOf, setTokensOf] = useState<ManagedUser | null>(null);
  const writable = can('user.write');

  const roleOptions: RoleOption[] = useMemo(
    () =>
      roles.data ??
      (Object.entries(ROLE_LABELS) as [Role, string][]).map(([role, label]) => ({ role, label })),
    [roles.data],
  );
  const roleLabel = (r: Role) => roleOptions.find((o) => o.role === r)?.label ?? r;
  const officerById = useMemo(() => new Map((officers.data ?? []).map((o) => [o.id, o])), [officers.data]);
  const officerOptions = (officers.data ?? []).map((o) => ({
    value: o.id,
    label: `${o.name}（${o.unitName}）`,
  }));

  const replace = (u: ManagedUser) => users.setData((prev) => prev?.map((x) => (x.id === u.id ? u : x)));

  const create = async (v: CreateValues) => {
    const user = await api.createUser({
      username: v.username.trim(),
      displayName: v.displayName.trim(),
      password: v.password,
      roles: v.roles,
      officerId: v.officerId ?? null,
    });
    users.setData((prev) => [...(prev ?? []), user]);
    void message.success(`已新建用户“${user.username}”`);
  };

  const edit = async (v: EditValues) => {
    if (!editing) return;
    const user = await api.updateUser(editing.id, {
      displayName: v.displayName.trim(),
      roles: v.roles,
      officerId: v.officerId ?? null,
      disabled: v.disabled,
    });
    replace(user);
    void message.success('已保存');
  };

  const resetPassword = async (v: PasswordValues) => {
    if (!resetting) return;
    await api.setPassword(resetting.id, v.password);
    void message.success(`已重置“${resetting.username}”的密码，该用户下次登录时须先修改密码`);
  };

  const unlock = (u: ManagedUser) => {
    modal.confirm({
      title: `解锁用户“${u.username}”？`,
      content: '解除该用户在所有来源地址上的登录锁定，解锁后可立即重新尝试登录。',
      okText: '解锁',
      cancelText: '取消',
      onOk: async () => {
        try {
          replace(await api.unlockUser(u.id));
          void message.success('已解锁');
        } catch (err) {
          void message.error(errorMessage(err));
        }
      },
    });
  };

  const officerCell = (id: string | null) => {
    if (!id) return <span className="zf-muted">—</span>;
    const o = officerById.get(id);
    return o ? `${o.name}（${o.unitName}）` : <span className="zf-muted">{officers.loading ? '…' : id}</span>;
  };

  return (
    <>
      <PageHead
        title="用户与角色"
        extra={
          writable ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              新建用户
            </Button>
          ) : undefined
        }
      />
      <Card>
        {users.error ? (
          <LoadError error={users.error} onRetry={users.reload} />
        ) : (
          <Table<ManagedUser>
            rowKey="id"
            loading={users.loading}
            dataSource={users.data ?? []}
            pagination={false}
            locale={{ emptyText: tableEmpty(users.loading, '暂无用户') }}
            columns={[
              {
                title: '用户名',
                dataIndex: 'username',
                width: 130,
                render: (v: string) => <span className="zf-mono">{v}</span>,
              },
              { title: '姓名', dataIndex: 'displayName', width: 120 },
              {
                title: '角色',
                dataIndex: 'roles',
                render: (rs: Role[]) =>
                  rs.length === 0 ? (
                    <span className="zf-muted">无</span>
                  ) : (
                    <Space size={[0, 4]} wrap>
                      {rs.map((r) => (
                        <Tag key={r} color={r === 'admin' ? 'gold' : 'blue'}>
                          {roleLabel(r)}
                        </Tag>
                      ))}
                    </Space>
                  ),
              },
              { title: '关联执法人员', dataIndex: 'officerId', width: 180, render: officerCell },
              {
                title: '状态',
                key: 'status',
                width: 220,
                render: (_: unknown, u) => {
                  const s = userStatus(u);
                  // Lock-outs are per client address: say which networks are locked out.
                  const lines = s.kind === 'locked' ? lockoutLines(u.lockouts) : [];
                  return (
                    <Space orientation="vertical" size={2}>
                      <Space size={[0, 4]} wrap>
                        <Tag color={s.color}>{s.label}</Tag>
                        {u.mustChangePassword && <Tag color="orange">待本人修改密码</Tag>}
                      </Space>
                      {lines.map((l) => (
                        <span key={l} className="zf-muted">
                          {l}
                        </span>
                      ))}
                    </Space>
                  );
                },
              },
              ...(writable || can('token.manage')
                ? [
                    {
                      title: '操作',
                      key: 'actions',
                      width: 260,
                      render: (_: unknown, u: ManagedUser) => (
                        <Space size={0} wrap>
                          {writable && (
                            <Button type="link" size="small" onClick={() => setEditing(u)}>
                              编辑
                            </Button>
                          )}
                          {writable && (
                            <Button type="link" size="small" onClick={() => setResetting(u)}>
                              重置密码
                            </Button>
                          )}
                          {writable && userStatus(u).kind === 'locked' && (
                            <Button type="link" size="small" onClick={() => unlock(u)}>
                              解锁
                            </Button>
                          )}
                          {can('token.manage') && (
                            <Button type="link" size="small" onClick={() => setTokensOf(u)}>
                              API 令牌
                            </Button>
                          )}
                        </Space>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </Card>

      {creating && (
        <FormModal<CreateValues>
          title="新建用户"
          okText="新建"
          initialValues={{ roles: [] }}
          onSubmit={create}
          onClose={() => setCreating(false)}
        >
          <Form.Item
            label="用户名"
            name="username"
            rules={[
              { required: true, whitespace: true, message: '请输入用户名' },
              { pattern: /^[A-Za-z0-9._-]+$/, message: '用户名只能包含字母、数字和 . _ -' },
            ]}
          >
            <Input autoFocus autoComplete="off" />
          </Form.Item>
          <Form.Item
            label="姓名"
            name="displayName"
            rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}
          >
            <Input />
          </Form.Item>
          <Form.Item
            label="初始密码"
            name="password"
            rules={[{ required: true, message: '请输入初始密码' }]}
            extra="请通过安全渠道告知用户。"
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <RoleAndOfficerFields
            roles={roleOptions}
            officers={officerOptions}
            officersLoading={officers.loading}
          />
        </FormModal>
      )}

      {editing && (
        <FormModal<EditValues>
          title={`编辑用户 ${editing.username}`}
          initialValues={{
            displayName: editing.displayName,
            roles: editing.roles,
            officerId: editing.officerId,
            disabled: editing.disabled,
          }}
          onSubmit={edit}
          onClose={() => setEditing(null)}
        >
          <Form.Item
            label="姓名"
            name="displayName"
            rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}
          >
            <Input />
          </Form.Item>
          <RoleAndOfficerFields
            roles={roleOptions}
            officers={officerOptions}
            officersLoading={officers.loading}
          />
          <Form.Item label="停用账号" name="disabled" valuePropName="checked" extra="停用后该用户不能登录。">
            <Switch />
          </Form.Item>
        </FormModal>
      )}

      {resetting && (
        <FormModal<PasswordValues>
          title={`重置密码：${resetting.username}`}
          okText="重置"
          onSubmit={resetPassword}
          onClose={() => setResetting(null)}
        >
          <Form.Item
            label="新密码"
            name="password"
            rules={[{ required: true, message: '请输入新密码' }]}
            extra="该用户的登录将全部退出，下次登录时须先修改为只有本人知道的密码。"
          >
            <Input.Password autoFocus autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            label="确认新密码"
            name="confirm"
            dependencies={['password']}
            rules={[
              { required: true, message: '请再次输入新密码' },
              ({ getFieldValue }) => ({
                validator(_, value: string | undefined) {
                  return !value || value === getFieldValue('password')
                    ? Promise.resolve()
                    : Promise.reject(new Error('两次输入的密码不一致'));
                },
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </FormModal>
      )}

      {tokensOf && <TokensModal user={tokensOf} onClose={() => setTokensOf(null)} />}
    </>
  );
}

function RoleAndOfficerFields(props: {
  roles: RoleOption[];
  officers: { value: string; label: string }[];
  officersLoading: boolean;
}) {
  return (
    <>
      <Form.Item
        label="角色"
        name="roles"
        rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个角色' }]}
      >
        <Select
          mode="multiple"
          placeholder="请选择角色"
          options={props.roles.map((r) => ({ value: r.role, label: r.label }))}
        />
      </Form.Item>
      <Form.Item label="关联执法人员" name="officerId" extra="执法人员角色的账号应关联其本人的执法人员档案。">
        <Select
          allowClear
          placeholder="可选"
          loading={props.officersLoading}
          options={props.officers}
          showSearch={{ optionFilterProp: 'label' }}
          notFoundContent="没有匹配的执法人员"
        />
      </Form.Item>
    </>
  );
}
