import { describe, expect, it } from 'vitest';
import { breadcrumbFor, PAGES } from './pages';

describe('breadcrumbs from the route table', () => {
  it('PLT-06 every menu page has 工作台 › its name; a case page sits under 案件', () => {
    for (const p of PAGES.filter((x) => !x.match))
      expect(breadcrumbFor(p.path)).toEqual([{ label: '工作台', path: '/' }, { label: p.label }]);
    expect(breadcrumbFor('/cases/0192a5f0-0000-7000-8000-000000000000')).toEqual([
      { label: '工作台', path: '/' },
      { label: '案件', path: '/cases' },
      { label: '案件详情' },
    ]);
    expect(breadcrumbFor('/no-such-page')).toEqual([]);
  });
});
