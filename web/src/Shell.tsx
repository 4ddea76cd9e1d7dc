import { Suspense, useEffect, useState, type ReactNode } from 'react';
import { App as AntApp, Badge, Breadcrumb, Button, Grid, Layout, Menu, Result, Space, Tooltip } from 'antd';
import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BellOutlined,
  ContainerOutlined,
  DatabaseOutlined,
  FieldTimeOutlined,
  FileTextOutlined,
  CalendarOutlined,
  CheckSquareOutlined,
  FileSearchOutlined,
  FolderOpenOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuOutlined,
  NotificationOutlined,
  ProfileOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  VideoCameraOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { caseApi } from './case-api';
import { api, errorMessage } from './api';
import { useAuth } from './auth';
import { useAsync } from './hooks';
import { ROLE_LABELS } from './format';
import { navigate } from './router';
import { breadcrumbFor, pageFor, pagesFor } from './pages';
import { Loading } from './components/Status';
import { FormModal } from './components/FormModal';
import { PasswordChangeFields, type PasswordChangeValues } from './ChangePasswordPage';

const ICONS: Record<string, ReactNode> = {
  '/': <CheckSquareOutlined />,
  '/cases': <FileSearchOutlined />,
  '/case-files/intake': <ContainerOutlined />,
  '/case-files': <DatabaseOutlined />,
  '/retention': <FieldTimeOutlined />,
  '/document-templates': <FileTextOutlined />,
  '/publications': <NotificationOutlined />,
  '/alerts': <AlertOutlined />,
  '/flags': <WarningOutlined />,
  '/power-items': <ProfileOutlined />,
  '/recorders': <VideoCameraOutlined />,
  '/units': <ApartmentOutlined />,
  '/officers': <SafetyCertificateOutlined />,
  '/users': <TeamOutlined />,
  '/calendar': <CalendarOutlined />,
  '/records': <FolderOpenOutlined />,
  '/ledger': <AuditOutlined />,
};

export function Shell({ path }: { path: string }) {
  const auth = useAuth();
  const { message } = AntApp.useApp();
  const [leaving, setLeaving] = useState(false);
  const [changingPassword, setChangingPassword] = useState(false);
  // On a phone (below md) the menu is folded away behind a header button and lies over the page.
  const phone = Grid.useBreakpoint().md === false;
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [path]);
  const agency = useAsync(() => api.agency(), []);
  const allowed = pagesFor(auth.session.permissions);
  const page = pageFor(path);
  const user = auth.session.user;
  const alertsVisible = auth.can('alert.read');
  // The header's bell: how many deadline alerts this user has (first page; 50+ beyond).
  const alerts = useAsync(
    () =>
      alertsVisible
        ? caseApi.alerts(null, 50).then((p) => ({ count: p.items.length, more: p.nextCursor !== null }))
        : Promise.resolve(null),
    [alertsVisible, path],
  );

  useEffect(() => {
    document.title = page ? `${page.label} - 执法三项制度工作台` : '执法三项制度工作台';
  }, [page]);

  const logout = () => {
    setLeaving(true);
    auth.logout().catch((err: unknown) => {
      void message.error(errorMessage(err));
      setLeaving(false);
    });
  };

  let content: ReactNode;
  if (!page) {
    content =
      allowed.length === 0 ? (
        <Result
          status="info"
          title="暂无可用功能"
          subTitle="您的账号尚未分配可在工作台使用的权限，请联系系统管理员。"
        />
      ) : (
        <Result
          status="404"
          title="页面不存在"
          extra={
            <Button type="primary" onClick={() => navigate(allowed[0]?.path ?? '/')}>
              返回首页
            </Button>
          }
        />
      );
  } else if (!auth.can(page.permission)) {
    content = <Result status="403" title="无权访问" subTitle="您没有查看此页面的权限。" />;
  } else {
    const Page = page.component;
    content = (
      <>
        <Breadcrumb
          className="zf-breadcrumb"
          items={breadcrumbFor(path).map((c) => ({
            title: c.path ? (
              <a
                href={`/app${c.path === '/' ? '/' : c.path}`}
                onClick={(e) => {
                  if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
                  e.preventDefault();
                  navigate(c.path!);
                }}
              >
                {c.label}
              </a>
            ) : (
              c.label
            ),
          }))}
        />
        <Suspense fallback={<Loading />}>
          <Page />
        </Suspense>
      </>
    );
  }

  const roleText = user.roles.map((r) => ROLE_LABELS[r] ?? r).join('、');

  return (
    <Layout className="zf-shell">
      <Layout.Header className="zf-header">
        {phone && (
          <Button
            type="text"
            icon={<MenuOutlined />}
            aria-label="主菜单"
            aria-expanded={menuOpen}
            aria-controls="zf-main-menu"
            onClick={() => setMenuOpen((o) => !o)}
          />
        )}
        <span className="zf-header-title">{agency.data?.name ?? '执法三项制度工作台'}</span>
        {agency.data && !phone && <span className="zf-header-sub">执法三项制度工作台</span>}
        <span className="zf-header-spacer" />
        <Space size="middle">
          {alerts.data && (
            <Tooltip title="期限提醒">
              <a
                href="/app/alerts"
                className="zf-header-bell"
                aria-label={`期限提醒 ${alerts.data.count}${alerts.data.more ? '+' : ''} 条`}
                onClick={(e) => {
                  if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
                  e.preventDefault();
                  navigate('/alerts');
                }}
              >
                <Badge
                  count={alerts.data.more ? `${alerts.data.count}+` : alerts.data.count}
                  overflowCount={999}
                  size="small"
                >
                  <BellOutlined />
                </Badge>
              </a>
            </Tooltip>
          )}
          {!phone && (
            <Tooltip title={roleText}>
              <span className="zf-header-user">{user.displayName}</span>
            </Tooltip>
          )}
          {/* On a phone the buttons keep their icons, and their names for screen readers. */}
          <Button
            type="text"
            icon={<KeyOutlined />}
            aria-label={phone ? '修改密码' : undefined}
            onClick={() => setChangingPassword(true)}
          >
            {!phone && '修改密码'}
          </Button>
          <Button
            type="text"
            icon={<LogoutOutlined />}
            aria-label={phone ? '退出登录' : undefined}
            loading={leaving}
            onClick={logout}
          >
            {!phone && '退出登录'}
          </Button>
        </Space>
      </Layout.Header>
      {changingPassword && (
        <FormModal<PasswordChangeValues>
          title="修改密码"
          okText="保存"
          onSubmit={async (v) => {
            await api.changePassword(v.currentPassword, v.newPassword);
            void message.success('密码已修改，您在其他设备上的登录已退出');
          }}
          onClose={() => setChangingPassword(false)}
        >
          <PasswordChangeFields autoFocus />
        </FormModal>
      )}
      <Layout>
        <Layout.Sider
          width={200}
          theme="light"
          className={phone ? 'zf-sider zf-sider-phone' : 'zf-sider'}
          collapsed={phone && !menuOpen}
          collapsedWidth={0}
          trigger={null}
        >
          <nav aria-label="主菜单" id="zf-main-menu">
            <Menu
              mode="inline"
              selectedKeys={page ? [page.menuKey ?? page.path] : []}
              items={allowed.map((p) => ({
                key: p.path,
                icon: ICONS[p.path],
                label: (
                  <a
                    href={`/app${p.path}`}
                    onClick={(e) => {
                      // Plain clicks stay in the page; modified clicks open a new tab as links do.
                      if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
                      e.preventDefault();
                      navigate(p.path);
                    }}
                  >
                    {p.label}
                  </a>
                ),
              }))}
            />
          </nav>
        </Layout.Sider>
        <Layout.Content className="zf-content">{content}</Layout.Content>
      </Layout>
    </Layout>
  );
}
