import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { api, errorMessage } from './api';
import type { Session } from '../../src/http/routes/auth.schema';

interface Credentials {
  username: string;
  password: string;
}

export function LoginPage({
  notice,
  onSignedIn,
}: {
  notice: string | null;
  onSignedIn: (s: Session) => void;
}) {
  const [form] = Form.useForm<Credentials>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (values: Credentials) => {
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await api.login(values.username.trim(), values.password));
    } catch (err) {
      // 用户名或密码错误 / 账号已锁定至 … — the server's words, as they are.
      setError(errorMessage(err));
      form.setFieldValue('password', '');
      setBusy(false);
    }
  };

  return (
    <main className="zf-login">
      <Card className="zf-login-card">
        <Typography.Title level={3} className="zf-login-title">
          执法三项制度工作台
        </Typography.Title>
        <Typography.Text type="secondary" className="zf-login-subtitle">
          行政执法公示 · 全过程记录 · 重大执法决定法制审核
        </Typography.Text>
        {error ? (
          <Alert className="zf-form-alert" type="error" showIcon title={error} role="alert" />
        ) : notice ? (
          <Alert className="zf-form-alert" type="warning" showIcon title={notice} />
        ) : null}
        <Form<Credentials>
          form={form}
          layout="vertical"
          onFinish={(v) => void submit(v)}
          requiredMark={false}
          size="large"
        >
          <Form.Item
            label="用户名"
            name="username"
            rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            登录
          </Button>
        </Form>
      </Card>
    </main>
  );
}
