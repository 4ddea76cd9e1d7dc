import { useState } from 'react';
import { Card, Select, Table, Tag, Typography } from 'antd';
import { caseApi } from '../case-api';
import { chineseDateTime } from '../format';
import { usePaged } from '../hooks';
import { PageHead } from '../components/PageHead';
import { LoadError, tableEmpty, LoadMore } from '../components/Status';
import { CaseLink } from './case/case-shared';
import type { FlagKind } from '../../../src/domain/case-types';
import type { Flag } from '../../../src/http/routes/cases.schema';

const KINDS: Record<FlagKind, { label: string; color: string }> = {
  avMissing: { label: '应同步音像记录而未记录', color: 'orange' },
  alterRefused: { label: '试图修改记录资料', color: 'red' },
  deleteRefused: { label: '试图删除记录资料', color: 'red' },
};

/** 监督清单 (REC-11): steps completed without the AV they required, refused alterations of records. */
export function FlagsPage() {
  const [kind, setKind] = useState<FlagKind | null>(null);
  const flags = usePaged((cursor) => caseApi.flags(kind, cursor), [kind]);
  return (
    <>
      <PageHead title="监督清单" />
      <Card>
        <Typography.Paragraph type="secondary">
          应同步音像记录而未记录的执法环节，以及试图修改、删除记录资料的操作（均已被系统拒绝），供监督人员核查问责。
        </Typography.Paragraph>
        <div className="zf-toolbar">
          <Select
            placeholder="全部类型"
            aria-label="监督事项类型"
            allowClear
            style={{ width: 240 }}
            value={kind}
            onChange={(v: FlagKind | undefined) => setKind(v ?? null)}
            options={(Object.entries(KINDS) as [FlagKind, { label: string }][]).map(([value, k]) => ({
              value,
              label: k.label,
            }))}
          />
        </div>
        {flags.error && flags.items.length === 0 ? (
          <LoadError error={flags.error} onRetry={flags.reload} />
        ) : (
          <>
            <Table<Flag>
              rowKey="id"
              loading={flags.loading}
              dataSource={flags.items}
              pagination={false}
              locale={{ emptyText: tableEmpty(flags.loading, kind ? '没有此类监督事项' : '暂无监督事项') }}
              columns={[
                {
                  title: '类型',
                  dataIndex: 'kind',
                  width: 210,
                  render: (k: FlagKind, f) => (
                    <Tag color={KINDS[k]?.color ?? 'default'}>{KINDS[k]?.label ?? f.label}</Tag>
                  ),
                },
                {
                  title: '案件',
                  dataIndex: 'caseNumber',
                  width: 210,
                  render: (n: string | null, f) =>
                    f.caseId && n ? (
                      <CaseLink id={f.caseId}>{n}</CaseLink>
                    ) : (
                      <span className="zf-muted">—</span>
                    ),
                },
                { title: '人员', dataIndex: ['user', 'name'], width: 110 },
                { title: '时间', dataIndex: 'at', width: 180, render: (v: string) => chineseDateTime(v) },
                { title: '情况', dataIndex: 'detail' },
              ]}
            />
            <LoadMore list={flags} />
          </>
        )}
      </Card>
    </>
  );
}
