import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Permission } from './types';

export interface PageDef {
  path: string;
  label: string;
  /** The menu entry and the page are shown only with this permission. */
  permission: Permission;
  component: LazyExoticComponent<ComponentType>;
}

/** The workbench's pages in menu order; each is its own chunk. */
export const PAGES: readonly PageDef[] = [
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

export function pagesFor(permissions: readonly string[]): PageDef[] {
  return PAGES.filter((p) => permissions.includes(p.permission));
}
