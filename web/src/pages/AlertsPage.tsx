import { Card, Table, Tag, Typography } from 'antd';
import { caseApi } from '../case-api';
import { isOverdue } from '../case-format';
import { chineseDate, chineseDateTime } from '../format';
import { usePaged } from '../hooks';
import { PageHead } from '../components/PageHead';
import { LoadError, tableEmpty, LoadMore } from '../components/Status';
import { CaseLink } from './case/case-shared';
import type { Alert } from '../../../src/http/routes/cases.schema';

/** 期限提醒: deadline alerts raised for cases (an officer sees those of the cases he handles). */
export function AlertsPage() {
  const alerts = usePaged((cursor) => caseApi.alerts(cursor), []);
  return (
    <>
      <PageHead title="期限提醒" />
      <Card>
        <Typography.Paragraph type="secondary">
          法定期限到期前若干个工作日和到期当日，系统自动提醒承办的执法人员。
        </Typography.Paragraph>
        {alerts.error && alerts.items.length === 0 ? (
          <LoadError error={alerts.error} onRetry={alerts.reload} />
        ) : (
          <>
            <Table<Alert>
              rowKey="id"
              loading={alerts.loading}
              dataSource={alerts.items}
              pagination={false}
              locale={{ emptyText: tableEmpty(alerts.loading, '暂无期限提醒') }}
              columns={[
                {
                  title: '案件',
                  dataIndex: 'caseNumber',
                  width: 210,
                  render: (n: string, a) => <CaseLink id={a.caseId}>{n}</CaseLink>,
                },
                { title: '案由', dataIndex: 'caseTitle', ellipsis: true },
                { title: '案件状态', dataIndex: 'caseState', width: 110 },
                { title: '期限', dataIndex: 'label', width: 150 },
                {
                  title: '截止日期',
                  dataIndex: 'due',
                  width: 190,
                  render: (d: string, a) => (
                    <span>
                      <span className={isOverdue(d) ? 'zf-overdue' : undefined}>{chineseDate(d)}</span>{' '}
                      <Tag color={a.stage === 'due' ? 'red' : 'orange'}>
                        {a.stage === 'due' ? '到期' : '即将到期'}
                      </Tag>
                    </span>
                  ),
                },
                {
                  title: '提醒时间',
                  dataIndex: 'raisedAt',
                  width: 170,
                  render: (v: string) => chineseDateTime(v),
                },
              ]}
            />
            <LoadMore list={alerts} />
          </>
        )}
      </Card>
    </>
  );
}
