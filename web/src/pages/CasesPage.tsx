import { useState } from 'react';
import { App, Button, Card, Checkbox, Input, Select, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useAuth } from '../auth';
import { caseApi } from '../case-api';
import { chineseDate } from '../format';
import { usePaged } from '../hooks';
import { navigate } from '../router';
import { PageHead } from '../components/PageHead';
import { LoadError, tableEmpty, LoadMore } from '../components/Status';
import { DateField } from '../components/DateField';
import { CaseFilingForm } from './case/CaseFilingForm';
import { CaseLink, StateTag, useCaseMeta, useOfficers, useUnits } from './case/case-shared';
import type { ActType } from '../../../src/domain/case-types';
import type { CaseSummary } from '../../../src/http/routes/cases.schema';
import type { CaseFilterForm } from '../case-types';

const EMPTY: CaseFilterForm = {};

/** Filters a link may carry (the 待办 page's `?officerId=…` and `?overdue=1`). */
function filtersFromUrl(): CaseFilterForm {
  const q = new URLSearchParams(window.location.search);
  const officerId = q.get('officerId');
  return { ...(officerId && { officerId }), ...(q.get('overdue') === '1' && { overdue: true }) };
}

/** 案件: the office's cases, newest first, with filters; 立案 for officers. */
export function CasesPage() {
  const { can } = useAuth();
  const { message } = App.useApp();
  const meta = useCaseMeta();
  const units = useUnits();
  const officers = useOfficers();
  const [filters, setFilters] = useState<CaseFilterForm>(filtersFromUrl);
  const [partyText, setPartyText] = useState('');
  const [filing, setFiling] = useState(false);
  const cases = usePaged((cursor) => caseApi.cases(filters, cursor), [filters]);
  const total = cases.first?.total;
  const more = cases.first?.totalMore === true;
  const set = (patch: Partial<CaseFilterForm>) => setFilters((f) => ({ ...f, ...patch }));
  const filtered = Object.values(filters).some(
    (v) => v !== undefined && v !== null && v !== '' && v !== false,
  );

  const actTypes = meta.data ? (Object.entries(meta.data.actTypes) as [ActType, string][]) : [];
  const states = meta.data ? Object.entries(meta.data.states) : [];

  return (
    <>
      <PageHead
        title="案件"
        extra={
          can('case.file') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setFiling(true)}>
              立案
            </Button>
          ) : undefined
        }
      />
      <Card>
        <div className="zf-toolbar" role="search" aria-label="案件筛选">
          <Select
            placeholder="全部类别"
            aria-label="执法类别"
            allowClear
            style={{ width: 150 }}
            value={filters.actType ?? null}
            onChange={(v: ActType | undefined) => set({ actType: v ?? null })}
            options={actTypes.map(([value, label]) => ({ value, label }))}
          />
          <Select
            placeholder="全部状态"
            aria-label="案件状态"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 160 }}
            value={filters.state ?? null}
            onChange={(v: string | undefined) => set({ state: v ?? null })}
            options={states.map(([value, label]) => ({ value, label }))}
          />
          <Select
            placeholder="全部承办部门"
            aria-label="承办部门"
            allowClear
            style={{ width: 160 }}
            value={filters.unitId ?? null}
            onChange={(v: string | undefined) => set({ unitId: v ?? null })}
            options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
          />
          <Select
            placeholder="全部执法人员"
            aria-label="执法人员"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 150 }}
            value={filters.officerId ?? null}
            onChange={(v: string | undefined) => set({ officerId: v ?? null })}
            options={(officers.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
          />
          <Input.Search
            placeholder="当事人名称（任意部分）"
            aria-label="当事人名称"
            allowClear
            style={{ width: 220 }}
            value={partyText}
            onChange={(e) => setPartyText(e.target.value)}
            onSearch={(v) => set({ partyName: v.trim() || null })}
          />
          <span className="zf-inline-field">
            <label htmlFor="zf-filed-from">立案日期</label>
            <DateField
              id="zf-filed-from"
              aria-label="立案日期自"
              style={{ width: 150 }}
              value={filters.filedFrom ?? null}
              max={filters.filedTo ?? undefined}
              onChange={(v) => set({ filedFrom: v ?? null })}
            />
            <span className="zf-muted">至</span>
            <DateField
              aria-label="立案日期至"
              style={{ width: 150 }}
              value={filters.filedTo ?? null}
              min={filters.filedFrom ?? undefined}
              onChange={(v) => set({ filedTo: v ?? null })}
            />
          </span>
          <Checkbox checked={filters.overdue ?? false} onChange={(e) => set({ overdue: e.target.checked })}>
            仅看逾期
          </Checkbox>
          {filtered && (
            <Button
              type="link"
              onClick={() => {
                setPartyText('');
                setFilters(EMPTY);
              }}
            >
              清除筛选
            </Button>
          )}
        </div>
        {cases.error && cases.items.length === 0 ? (
          <LoadError error={cases.error} onRetry={cases.reload} />
        ) : (
          <>
            <div className="zf-list-total" role="status" aria-live="polite">
              {total === undefined
                ? '\u00a0'
                : filtered
                  ? more
                    ? `符合条件的案件在 ${total} 件以上`
                    : `符合条件的案件共 ${total} 件`
                  : more
                    ? `案件在 ${total} 件以上`
                    : `共 ${total} 件案件`}
            </div>
            <Table<CaseSummary>
              rowKey="id"
              size="middle"
              loading={cases.loading}
              dataSource={cases.items}
              pagination={false}
              // At 1440 px the whole table fits (the 案由 column takes what is left); narrower
              // screens scroll it sideways.
              scroll={{ x: 1040 }}
              locale={{ emptyText: tableEmpty(cases.loading, filtered ? '没有符合条件的案件' : '暂无案件') }}
              onRow={(c) => ({ onDoubleClick: () => navigate(`/cases/${c.id}`) })}
              columns={[
                {
                  title: '案号',
                  dataIndex: 'number',
                  width: 190,
                  render: (n: string, c) => <CaseLink id={c.id}>{n}</CaseLink>,
                },
                { title: '案由', dataIndex: 'title', ellipsis: { showTitle: true } },
                { title: '当事人', dataIndex: 'partyName', width: 170, ellipsis: { showTitle: true } },
                {
                  title: '类别',
                  dataIndex: 'actTypeLabel',
                  width: 130,
                  ellipsis: { showTitle: false },
                  render: (label: string, c) => {
                    const procedure = meta.data?.procedures[c.procedure] ?? '';
                    return (
                      <span title={`${label}（${procedure}）`}>
                        {label}
                        <div className="zf-muted zf-small">{procedure}</div>
                      </span>
                    );
                  },
                },
                {
                  title: '状态',
                  dataIndex: 'stateLabel',
                  width: 100,
                  render: (label: string, c) => (
                    <>
                      <StateTag closed={c.closed} label={label} />
                      {c.major && <Tag color="purple">重大</Tag>}
                    </>
                  ),
                },
                { title: '承办部门', dataIndex: ['unit', 'name'], width: 100, ellipsis: { showTitle: true } },
                {
                  title: '立案日期',
                  dataIndex: 'filedOn',
                  width: 130,
                  render: (d: string) => chineseDate(d),
                },
                {
                  title: '下一期限',
                  dataIndex: 'nextDue',
                  width: 140,
                  render: (d: string | null, c) =>
                    d === null ? (
                      <span className="zf-muted">—</span>
                    ) : c.overdue ? (
                      <span className="zf-overdue">
                        {chineseDate(d)}
                        <span className="zf-small">（已逾期）</span>
                      </span>
                    ) : (
                      chineseDate(d)
                    ),
                },
              ]}
            />
            <LoadMore list={cases} />
          </>
        )}
      </Card>
      {filing && (
        <CaseFilingForm
          onClose={() => setFiling(false)}
          onFiled={(c) => {
            void message.success(`已立案：${c.number}`);
            navigate(`/cases/${c.id}`);
          }}
        />
      )}
    </>
  );
}
