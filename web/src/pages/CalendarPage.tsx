import { useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { ImportOutlined, LeftOutlined, RightOutlined, UploadOutlined } from '@ant-design/icons';
import { api, errorMessage } from '../api';
import { useAuth } from '../auth';
import { useAsync } from '../hooks';
import { chineseDate, chineseWeekday, isWeekend, monthGrid, parseSchedule, shanghaiToday } from '../format';
import { FormModal, showFieldError } from '../components/FormModal';
import { PageHead } from '../components/PageHead';
import { LoadError, Loading } from '../components/Status';
import type { CalendarYear, DeadlineResult } from '../../../src/http/routes/calendar.schema';
import { DateField } from '../components/DateField';

const WEEK_HEAD = ['一', '二', '三', '四', '五', '六', '日'];
const ORIGIN_LABELS = { package: '数据包', import: '导入' } as const;

export function CalendarPage() {
  const { can } = useAuth();
  const { message } = App.useApp();
  const today = shanghaiToday();
  const thisYear = Number(today.slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const [importing, setImporting] = useState(false);
  const calendar = useAsync(() => api.calendar(year), [year]);

  const years = useMemo(() => {
    const ys = new Set<number>();
    for (let y = thisYear - 5; y <= thisYear + 3; y++) ys.add(y);
    ys.add(year);
    return [...ys].sort((a, b) => a - b);
  }, [thisYear, year]);

  const importSchedule = async (values: { json: string }) => {
    const parsed = parseSchedule(values.json);
    if (!parsed.ok) throw new Error(parsed.message);
    await api.importSchedule(parsed.value);
    void message.success(`已导入 ${parsed.value.year} 年工作日安排`);
    if (parsed.value.year === year) calendar.reload();
    else setYear(parsed.value.year);
  };

  return (
    <>
      <PageHead
        title="工作日历"
        extra={
          can('calendar.import') ? (
            <Button type="primary" icon={<ImportOutlined />} onClick={() => setImporting(true)}>
              导入年度安排
            </Button>
          ) : undefined
        }
      />

      <Card className="zf-block">
        <div className="zf-toolbar">
          <Space.Compact>
            <Button icon={<LeftOutlined />} aria-label="上一年" onClick={() => setYear((y) => y - 1)} />
            <Select
              aria-label="年份"
              value={year}
              onChange={setYear}
              options={years.map((y) => ({ value: y, label: `${y} 年` }))}
              style={{ width: 110 }}
            />
            <Button icon={<RightOutlined />} aria-label="下一年" onClick={() => setYear((y) => y + 1)} />
          </Space.Compact>
          {year !== thisYear && <Button onClick={() => setYear(thisYear)}>回到今年</Button>}
        </div>

        {calendar.loading && !calendar.data ? (
          <Loading />
        ) : calendar.error ? (
          <LoadError error={calendar.error} onRetry={calendar.reload} />
        ) : calendar.data ? (
          <YearView cal={calendar.data} today={today} />
        ) : null}
      </Card>

      <DeadlineTool today={today} />

      {importing && (
        <FormModal<{ json: string }>
          title="导入年度安排"
          okText="导入"
          width={640}
          initialValues={{ json: template(thisYear + 1) }}
          fieldAliases={{ year: 'json', holidays: 'json', workdays: 'json', note: 'json' }}
          onSubmit={importSchedule}
          onClose={() => setImporting(false)}
        >
          {(form) => (
            <>
              <Typography.Paragraph type="secondary">
                按国务院办公厅发布的节假日安排填写：<Typography.Text code>holidays</Typography.Text>{' '}
                为放假日期（含周末），
                <Typography.Text code>workdays</Typography.Text> 为调休上班的周末日期，日期格式
                YYYY-MM-DD。导入后该年度即为“已确认”。
              </Typography.Paragraph>
              <Form.Item
                label="年度安排（JSON）"
                name="json"
                rules={[
                  { required: true, message: '请填写年度安排' },
                  {
                    validator: (_, value: string | undefined) => {
                      if (!value) return Promise.resolve();
                      const r = parseSchedule(value);
                      return r.ok ? Promise.resolve() : Promise.reject(new Error(r.message));
                    },
                  },
                ]}
              >
                <Input.TextArea rows={12} spellCheck={false} className="zf-textarea-json" />
              </Form.Item>
              <Upload
                accept=".json,application/json"
                showUploadList={false}
                beforeUpload={(file) => {
                  file.text().then(
                    (text) => {
                      form.setFieldValue('json', text);
                      void form.validateFields(['json']).catch(() => undefined);
                    },
                    (err: unknown) => void message.error(errorMessage(err)),
                  );
                  return false;
                }}
              >
                <Button icon={<UploadOutlined />}>从文件读取</Button>
              </Upload>
            </>
          )}
        </FormModal>
      )}
    </>
  );
}

function template(year: number): string {
  return JSON.stringify(
    {
      year,
      holidays: [`${year}-01-01`],
      workdays: [],
      note: `国务院办公厅关于${year}年部分节假日安排的通知`,
    },
    null,
    2,
  );
}

function YearView({ cal, today }: { cal: CalendarYear; today: string }) {
  const holidays = useMemo(() => new Set(cal.holidays), [cal.holidays]);
  const workdays = useMemo(() => new Set(cal.workdays), [cal.workdays]);

  return (
    <>
      {cal.confirmed ? (
        <Alert
          className="zf-block"
          type="success"
          showIcon
          title={
            <>
              {cal.year} 年 <Tag color="green">已确认</Tag>
              {cal.origin && <span>来源：{ORIGIN_LABELS[cal.origin]}</span>}
            </>
          }
          description={`本年度法定节假日 ${cal.holidays.length} 天、调休上班日 ${cal.workdays.length} 天，工作日期限按此计算。`}
        />
      ) : (
        <Alert
          className="zf-block"
          type="warning"
          showIcon
          title={
            <>
              {cal.year} 年 <Tag color="orange">未确认</Tag>
            </>
          }
          description="尚无该年度的官方节假日安排：工作日只排除周六、周日，未计入法定节假日和调休，按此算出的期限须人工核对。国务院办公厅发布安排后，请系统管理员导入。"
        />
      )}
      <div className="zf-legend zf-block">
        <span>
          <span className="zf-day zf-day-holiday" />
          法定节假日
        </span>
        <span>
          <span className="zf-day zf-day-workday" />
          调休上班日
        </span>
        <span>
          <span className="zf-day zf-day-weekend">六</span>
          周末
        </span>
      </div>
      <div className="zf-months">
        {Array.from({ length: 12 }, (_, i) => i + 1).map((month) => (
          <div className="zf-month" key={month}>
            <div className="zf-month-title">{month} 月</div>
            <table aria-label={`${cal.year}年${month}月`}>
              <thead>
                <tr>
                  {WEEK_HEAD.map((d) => (
                    <th key={d} scope="col">
                      {d}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {monthGrid(cal.year, month).map((week, w) => (
                  <tr key={w}>
                    {week.map((date, d) => (
                      <td key={d}>
                        {date && (
                          <Day
                            date={date}
                            holiday={holidays.has(date)}
                            workday={workdays.has(date)}
                            today={date === today}
                          />
                        )}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      </div>
    </>
  );
}

function Day({
  date,
  holiday,
  workday,
  today,
}: {
  date: string;
  holiday: boolean;
  workday: boolean;
  today: boolean;
}) {
  const kind = holiday ? '法定节假日' : workday ? '调休上班日' : isWeekend(date) ? '周末' : '工作日';
  const cls = holiday
    ? 'zf-day-holiday'
    : workday
      ? 'zf-day-workday'
      : isWeekend(date)
        ? 'zf-day-weekend'
        : '';
  return (
    <span
      className={`zf-day ${cls}${today ? ' zf-day-today' : ''}`}
      title={`${chineseDate(date)} ${chineseWeekday(date)} ${kind}`}
    >
      {Number(date.slice(8))}
    </span>
  );
}

interface DeadlineValues {
  date: string;
  days: number;
  kind: 'working' | 'natural';
}

function DeadlineTool({ today }: { today: string }) {
  const [form] = Form.useForm<DeadlineValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<{ asked: DeadlineValues; answer: DeadlineResult } | null>(null);

  const compute = async (v: DeadlineValues) => {
    setBusy(true);
    setError(null);
    try {
      const r = await api.deadline(v.date, v.days, v.kind);
      setResult({ asked: v, answer: r });
    } catch (err) {
      setResult(null);
      if (!showFieldError(form, err)) setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title="计算期限">
      <Form<DeadlineValues>
        form={form}
        layout="inline"
        initialValues={{ date: today, days: 15, kind: 'working' }}
        onFinish={(v) => void compute(v)}
      >
        <Form.Item label="起算日" name="date" rules={[{ required: true, message: '请选择日期' }]}>
          <DateField />
        </Form.Item>
        <Form.Item label="期限" name="days" rules={[{ required: true, message: '请输入天数' }]}>
          <InputNumber min={0} max={3650} precision={0} />
        </Form.Item>
        <Form.Item name="kind">
          <Select
            aria-label="天数类型"
            style={{ width: 100 }}
            options={[
              { value: 'working', label: '工作日' },
              { value: 'natural', label: '自然日' },
            ]}
          />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            计算
          </Button>
        </Form.Item>
      </Form>
      {error && <Alert className="zf-form-alert zf-gap-top" type="error" showIcon title={error} />}
      {result && (
        <Alert
          className="zf-gap-top"
          type={result.answer.confirmed ? 'info' : 'warning'}
          showIcon
          title={
            <span aria-live="polite">
              自 {chineseDate(result.asked.date)} 起 {result.asked.days} 个
              {result.asked.kind === 'working' ? '工作日' : '自然日'}，期限届满日：
              <strong>
                {chineseDate(result.answer.date)}（{chineseWeekday(result.answer.date)}）
              </strong>{' '}
              {result.answer.confirmed ? <Tag color="green">已确认</Tag> : <Tag color="orange">未确认</Tag>}
            </span>
          }
          description={
            result.answer.confirmed
              ? '计算所涉年度均有官方节假日安排。'
              : '计算涉及尚无官方安排的年度，该部分只排除了周末，结果须在安排发布后复核。'
          }
        />
      )}
    </Card>
  );
}
