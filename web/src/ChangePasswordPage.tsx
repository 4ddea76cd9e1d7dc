import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { api, errorMessage } from './api';
import { showFieldError } from './components/FormModal';

export interface PasswordChangeValues {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** The three fields of a password change; the server's rules decide, these only help. */
export function PasswordChangeFields({ autoFocus = false }: { autoFocus?: boolean }) {
  return (
    <>
      <Form.Item
        label="当前密码"
        name="currentPassword"
        rules={[{ required: true, message: '请输入当前密码' }]}
      >
        <Input.Password prefix={<LockOutlined />} autoComplete="current-password" autoFocus={autoFocus} />
      </Form.Item>
      <Form.Item
        label="新密码"
        name="newPassword"
        extra="至少 10 个字符，不能与当前密码相同。"
        rules={[
          { required: true, message: '请输入新密码' },
          { min: 10, message: '密码至少 10 个字符' },
        ]}
      >
        <Input.Password prefix={<LockOutlined />} autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        label="确认新密码"
        name="confirm"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: '请再次输入新密码' },
          ({ getFieldValue }) => ({
            validator(_, value: string | undefined) {
              return !value || value === getFieldValue('newPassword')
                ? Promise.resolve()
                : Promise.reject(new Error('两次输入的密码不一致'));
            },
          }),
        ]}
      >
        <Input.Password prefix={<LockOutlined />} autoComplete="new-password" />
      </Form.Item>
    </>
  );
}

/**
 * Shown instead of the workbench while the user must replace a password someone else chose
 * (the first administrator's, or one an administrator reset): the server refuses everything else.
 */
export function ChangePasswordPage({
  displayName,
  onChanged,
  onLogout,
}: {
  displayName: string;
  onChanged: () => void;
  onLogout: () => Promise<void>;
}) {
  const [form] = Form.useForm<PasswordChangeValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (v: PasswordChangeValues) => {
    setBusy(true);
    setError(null);
    try {
      await api.changePassword(v.currentPassword, v.newPassword);
      onChanged();
    } catch (err) {
      if (!showFieldError(form, err)) setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <main className="zf-login">
      <Card className="zf-login-card">
        <Typography.Title level={3} className="zf-login-title">
          请修改初始密码
        </Typography.Title>
        <Typography.Text type="secondary" className="zf-login-subtitle">
          {displayName}，您的密码由他人设置，请先设置只有您知道的新密码，再使用工作台。
        </Typography.Text>
        {error && <Alert className="zf-form-alert" type="error" showIcon title={error} role="alert" />}
        <Form<PasswordChangeValues>
          form={form}
          layout="vertical"
          onFinish={(v) => void submit(v)}
          requiredMark={false}
        >
          <PasswordChangeFields autoFocus />
          <Button type="primary" htmlType="submit" block loading={busy}>
            保存新密码
          </Button>
          <Button type="link" block onClick={() => void onLogout()}>
            退出登录
          </Button>
        </Form>
      </Card>
    </main>
  );
}
