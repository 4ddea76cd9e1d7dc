import { useState } from 'react';
import { App, Button, Card, Form, Input, Segmented, Select, Table, Tag, Typography } from 'antd';
import { useAuth } from '../auth';
import { caseApi } from '../case-api';
import { chineseDateTime } from '../format';
import { usePaged } from '../hooks';
import { FormModal } from '../components/FormModal';
import { PageHead } from '../components/PageHead';
import { LoadError, tableEmpty, LoadMore } from '../components/Status';
import { CaseLink } from './case/case-shared';
import { FLAG_KINDS, FLAG_LABELS, type FlagKind } from '../../../src/domain/case-types';
import type { Flag } from '../../../src/http/routes/cases.schema';

const COLORS: Record<FlagKind, string> = { avMissing: 'orange', alterRefused: 'red', deleteRefused: 'red' };

type View = 'open' | 'handled';

/**
 * 监督清单 (REC-11): steps completed without the AV they required, refused alterations of records.
 * Supervisors look into each and mark it handled with a note; handled ones are listed apart.
 */
export function FlagsPage() {
  const { can } = useAuth();
  const { message } = App.useApp();
  const [view, setView] = useState<View>('open');
  const [kind, setKind] = useState<FlagKind | null>(null);
  const [handling, setHandling] = useState<Flag | null>(null);
  const flags = usePaged((cursor) => caseApi.flags(view, kind, cursor), [view, kind]);
  const mayHandle = can('flag.handle');

  return (
    <>
      <PageHead title="监督清单" />
      <Card>
        <Typography.Paragraph type="secondary">
          应同步音像记录而未记录的执法环节，以及试图修改、删除记录资料的操作（均已被系统拒绝），供监督人员核查问责。核查后填写处理情况，标记为已处理；处理记入留痕记录。
        </Typography.Paragraph>
        <div className="zf-toolbar">
          <Segmented<View>
            aria-label="处理状态"
            value={view}
            onChange={setView}
            options={[
              { value: 'open', label: '待处理' },
              { value: 'handled', label: '已处理' },
            ]}
          />
          <Select
            placeholder="全部类型"
            aria-label="监督事项类型"
            allowClear
            style={{ width: 260 }}
            value={kind}
            onChange={(v: FlagKind | undefined) => setKind(v ?? null)}
            options={FLAG_KINDS.map((value) => ({ value, label: FLAG_LABELS[value] }))}
          />
        </div>
        {flags.error && flags.items.length === 0 ? (
          <LoadError error={flags.error} onRetry={flags.reload} />
        ) : (
          <>
            <Table<Flag>
              rowKey="id"
              aria-label="监督事项"
              loading={flags.loading}
              dataSource={flags.items}
              pagination={false}
              scroll={{ x: 1000 }}
              locale={{
                emptyText: tableEmpty(
                  flags.loading,
                  view === 'open' ? '没有待处理的监督事项' : '没有已处理的监督事项',
                ),
              }}
              columns={[
                {
                  title: '类型',
                  dataIndex: 'kind',
                  width: 200,
                  render: (k: FlagKind, f) => <Tag color={COLORS[k] ?? 'default'}>{f.label}</Tag>,
                },
                {
                  title: '案件',
                  dataIndex: 'caseNumber',
                  width: 240,
                  render: (n: string | null, f) =>
                    f.caseId && n ? (
                      <CaseLink id={f.caseId}>
                        {n}
                        {f.caseTitle && <div className="zf-muted">{f.caseTitle}</div>}
                      </CaseLink>
                    ) : (
                      <span className="zf-muted">—</span>
                    ),
                },
                { title: '人员', dataIndex: ['user', 'name'], width: 110 },
                { title: '时间', dataIndex: 'at', width: 170, render: (v: string) => chineseDateTime(v) },
                { title: '情况', dataIndex: 'detail' },
                view === 'open'
                  ? {
                      title: '操作',
                      key: 'act',
                      width: 120,
                      render: (_: unknown, f: Flag) =>
                        mayHandle ? (
                          <Button size="small" onClick={() => setHandling(f)}>
                            标记已处理
                          </Button>
                        ) : (
                          <span className="zf-muted">待监督人员处理</span>
                        ),
                    }
                  : {
                      title: '处理',
                      key: 'handled',
                      width: 320,
                      render: (_: unknown, f: Flag) =>
                        f.handled ? (
                          <div>
                            <div>{f.handled.note}</div>
                            <div className="zf-muted">
                              {f.handled.by.name} · {chineseDateTime(f.handled.at)}
                            </div>
                          </div>
                        ) : null,
                    },
              ]}
            />
            <LoadMore list={flags} />
          </>
        )}
      </Card>

      {handling && (
        <FormModal<{ note: string }>
          title={`处理监督事项：${handling.label}`}
          okText="标记已处理"
          initialValues={{ note: '' }}
          onClose={() => setHandling(null)}
          onSubmit={async (v) => {
            await caseApi.handleFlag(handling.id, { note: v.note ?? '' });
            flags.update((items) => items.filter((f) => f.id !== handling.id));
            void message.success('已标记为已处理，并记入留痕记录');
          }}
        >
          <Typography.Paragraph type="secondary">
            {handling.caseNumber ? `案件 ${handling.caseNumber}，` : ''}
            {handling.user.name} 于 {chineseDateTime(handling.at)}：{handling.detail}
          </Typography.Paragraph>
          <Form.Item label="处理情况" name="note" required extra="写明核查结果和处理措施，处理后不能修改。">
            <Input.TextArea autoFocus rows={4} maxLength={1000} showCount />
          </Form.Item>
        </FormModal>
      )}
    </>
  );
}
