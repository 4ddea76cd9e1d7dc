import { useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { api, errorMessage } from '../api';
import { useAsync } from '../hooks';
import { chineseDateTime } from '../format';
import { showFieldError } from '../components/FormModal';
import { LoadError, tableEmpty } from '../components/Status';
import type { User } from '../../../src/http/routes/auth.schema';
import type { ApiToken, CreatedToken } from '../../../src/http/routes/users.schema';

/** A user's API tokens (for programs such as body-camera docks): list, create, revoke. */
export function TokensModal({ user, onClose }: { user: User; onClose: () => void }) {
  const { message, modal } = App.useApp();
  const tokens = useAsync(() => api.tokens(user.id).then((r) => r.items), [user.id]);
  const [form] = Form.useForm<{ name: string }>();
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedToken | null>(null);

  const create = async ({ name }: { name: string }) => {
    setCreating(true);
    setCreateError(null);
    try {
      const token = await api.createToken(user.id, name.trim());
      setCreated(token);
      form.resetFields();
      tokens.reload();
    } catch (err) {
      if (!showFieldError(form, err)) setCreateError(errorMessage(err));
    } finally {
      setCreating(false);
    }
  };

  const revoke = (t: ApiToken) => {
    modal.confirm({
      title: `撤销令牌“${t.name}”？`,
      content: '撤销后使用该令牌的程序将立即无法访问，且不能恢复。',
      okText: '撤销',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        try {
          await api.revokeToken(t.id);
          tokens.reload();
          void message.success('已撤销');
        } catch (err) {
          void message.error(errorMessage(err));
        }
      },
    });
  };

  return (
    <Modal
      open
      title={`API 令牌：${user.displayName}（${user.username}）`}
      width={720}
      footer={null}
      onCancel={onClose}
    >
      <Form form={form} layout="inline" onFinish={(v) => void create(v)} className="zf-block">
        <Form.Item
          name="name"
          rules={[{ required: true, whitespace: true, message: '请输入令牌名称' }]}
          label="名称"
        >
          <Input placeholder="如：执法记录仪工作站" style={{ width: 280 }} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={creating}>
            创建令牌
          </Button>
        </Form.Item>
      </Form>
      {createError && <Alert className="zf-form-alert" type="error" showIcon title={createError} />}
      {tokens.error ? (
        <LoadError error={tokens.error} onRetry={tokens.reload} />
      ) : (
        <Table<ApiToken>
          rowKey="id"
          size="small"
          loading={tokens.loading}
          dataSource={tokens.data ?? []}
          pagination={false}
          locale={{ emptyText: tableEmpty(tokens.loading, '尚未创建令牌') }}
          columns={[
            { title: '名称', dataIndex: 'name' },
            {
              title: '创建时间',
              dataIndex: 'createdAt',
              width: 180,
              render: (v: string) => chineseDateTime(v),
            },
            {
              title: '状态',
              dataIndex: 'revokedAt',
              width: 200,
              render: (v: string | null) =>
                v ? <Tag>已撤销 {chineseDateTime(v)}</Tag> : <Tag color="green">有效</Tag>,
            },
            {
              title: '操作',
              key: 'actions',
              width: 80,
              render: (_: unknown, t) =>
                t.revokedAt ? null : (
                  <Button type="link" size="small" danger onClick={() => revoke(t)}>
                    撤销
                  </Button>
                ),
            },
          ]}
        />
      )}

      {created && (
        <Modal
          open
          title="令牌已创建"
          okText="我已保存"
          onOk={() => setCreated(null)}
          onCancel={() => setCreated(null)}
          cancelButtonProps={{ hidden: true }}
          mask={{ closable: false }}
        >
          <Space orientation="vertical" className="zf-full">
            <Alert
              type="warning"
              showIcon
              title="令牌只显示这一次，关闭后无法再次查看。请立即复制并妥善保存。"
            />
            <div>
              名称：<strong>{created.name}</strong>
            </div>
            <Typography.Paragraph
              copyable={{ text: created.token, tooltips: ['复制', '已复制'] }}
              className="zf-pre"
            >
              {created.token}
            </Typography.Paragraph>
          </Space>
        </Modal>
      )}
    </Modal>
  );
}
