import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Permission } from '../../src/http/routes/auth.schema';

export interface PageDef {
  path: string;
  label: string;
  /** The menu entry and the page are shown only with this permission. */
  permission: Permission;
  component: LazyExoticComponent<ComponentType>;
  /** A page with a parameter (`/cases/:id`): the paths it answers; it has no menu entry of its own. */
  match?: RegExp;
  /** The menu entry to highlight for a page without one. */
  menuKey?: string;
}

/** The workbench's pages in menu order; each is its own chunk. */
export const PAGES: readonly PageDef[] = [
  {
    // The home page after login (`/app/`): what waits for each of the user's roles.
    path: '/',
    label: '待办',
    permission: 'todo.read',
    component: lazy(() => import('./pages/TodoPage').then((m) => ({ default: m.TodoPage }))),
  },
  {
    path: '/cases',
    label: '案件',
    permission: 'case.read',
    component: lazy(() => import('./pages/CasesPage').then((m) => ({ default: m.CasesPage }))),
  },
  {
    path: '/cases/:id',
    label: '案件详情',
    permission: 'case.read',
    match: /^\/cases\/[^/]+$/,
    menuKey: '/cases',
    component: lazy(() => import('./pages/case/CasePage').then((m) => ({ default: m.CasePage }))),
  },
  {
    // 法制审核 (issue 13): the review unit's queue; a review on its own page (for the handling
    // unit's officers too: they adopt or object there).
    path: '/legal-reviews',
    label: '待审核',
    permission: 'legalReview.read',
    component: lazy(() =>
      import('./pages/legal-review/LegalReviewQueuePage').then((m) => ({ default: m.LegalReviewQueuePage })),
    ),
  },
  {
    path: '/legal-reviews/:id',
    label: '审核事项',
    permission: 'case.read',
    match: /^\/legal-reviews\/[^/]+$/,
    menuKey: '/legal-reviews',
    component: lazy(() =>
      import('./pages/legal-review/LegalReviewPage').then((m) => ({ default: m.LegalReviewPage })),
    ),
  },
  {
    // The office leader's part of legal review: escalated objections, extensions, meetings.
    path: '/legal-review-inbox',
    label: '审核待决',
    permission: 'legalReview.decide',
    component: lazy(() =>
      import('./pages/legal-review/LeaderInboxPage').then((m) => ({ default: m.LeaderInboxPage })),
    ),
  },
  {
    path: '/case-files/intake',
    label: '归档接收',
    permission: 'caseFile.accept',
    component: lazy(() =>
      import('./pages/ArchiveIntakePage').then((m) => ({ default: m.ArchiveIntakePage })),
    ),
  },
  {
    path: '/case-files',
    label: '档案登记',
    permission: 'caseFile.read',
    component: lazy(() =>
      import('./pages/ArchiveRegistryPage').then((m) => ({ default: m.ArchiveRegistryPage })),
    ),
  },
  {
    path: '/retention',
    label: '保管期限',
    permission: 'retention.read',
    component: lazy(() => import('./pages/RetentionPage').then((m) => ({ default: m.RetentionPage }))),
  },
  {
    // 事后公示 (issue 14): for those who prepare, publish or oversee publication.
    path: '/publications',
    label: '公示管理',
    permission: 'publication.read',
    component: lazy(() => import('./pages/PublicationsPage').then((m) => ({ default: m.PublicationsPage }))),
  },
  {
    path: '/alerts',
    label: '期限提醒',
    permission: 'alert.read',
    component: lazy(() => import('./pages/AlertsPage').then((m) => ({ default: m.AlertsPage }))),
  },
  {
    path: '/flags',
    label: '监督清单',
    permission: 'flag.read',
    component: lazy(() => import('./pages/FlagsPage').then((m) => ({ default: m.FlagsPage }))),
  },
  {
    path: '/power-items',
    label: '权力事项',
    permission: 'powerItem.read',
    component: lazy(() => import('./pages/PowerItemsPage').then((m) => ({ default: m.PowerItemsPage }))),
  },
  {
    path: '/document-templates',
    label: '文书模板',
    permission: 'document.read',
    component: lazy(() =>
      import('./pages/DocumentTemplatesPage').then((m) => ({ default: m.DocumentTemplatesPage })),
    ),
  },
  {
    path: '/recorders',
    label: '执法记录仪',
    permission: 'recorder.read',
    component: lazy(() => import('./pages/RecordersPage').then((m) => ({ default: m.RecordersPage }))),
  },
  {
    path: '/units',
    label: '组织机构',
    permission: 'org.read',
    component: lazy(() => import('./pages/UnitsPage').then((m) => ({ default: m.UnitsPage }))),
  },
  {
    path: '/officers',
    label: '执法人员',
    permission: 'org.read',
    component: lazy(() => import('./pages/OfficersPage').then((m) => ({ default: m.OfficersPage }))),
  },
  {
    path: '/users',
    label: '用户与角色',
    permission: 'user.read',
    component: lazy(() => import('./pages/UsersPage').then((m) => ({ default: m.UsersPage }))),
  },
  {
    path: '/calendar',
    label: '工作日历',
    permission: 'calendar.read',
    component: lazy(() => import('./pages/CalendarPage').then((m) => ({ default: m.CalendarPage }))),
  },
  {
    path: '/records',
    label: '记录资料',
    permission: 'record.read',
    component: lazy(() => import('./pages/RecordsPage').then((m) => ({ default: m.RecordsPage }))),
  },
  {
    path: '/ledger',
    label: '留痕记录',
    permission: 'ledger.read',
    component: lazy(() => import('./pages/LedgerPage').then((m) => ({ default: m.LedgerPage }))),
  },
];

/** The menu entries this user may open (pages with a parameter have none). */
export function pagesFor(permissions: readonly string[]): PageDef[] {
  return PAGES.filter((p) => !p.match && permissions.includes(p.permission));
}

/** The page that answers a path (relative to /app): by its exact path or its pattern. */
export function pageFor(path: string): PageDef | undefined {
  return PAGES.find((p) => !p.match && p.path === path) ?? PAGES.find((p) => p.match?.test(path));
}

/** One step of the breadcrumb trail; `path` is absent on the page itself. */
export interface Crumb {
  label: string;
  path?: string;
}

/**
 * The breadcrumb trail of a path, from the route table alone: 工作台, the menu page a page with a
 * parameter belongs to (`menuKey`: 案件 for 案件详情), then the page itself. Empty for a path no
 * page answers.
 */
export function breadcrumbFor(path: string): Crumb[] {
  const page = pageFor(path);
  if (!page) return [];
  const trail: Crumb[] = [{ label: '工作台', path: '/' }];
  const parent = page.menuKey ? PAGES.find((p) => p.path === page.menuKey) : undefined;
  if (parent) trail.push({ label: parent.label, path: parent.path });
  trail.push({ label: page.label });
  return trail;
}
