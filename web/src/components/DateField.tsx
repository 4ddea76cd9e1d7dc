import type { CSSProperties } from 'react';
import { DatePicker, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import {
  DATE_FORMATS,
  DATE_TIME_FORMAT,
  DATE_TIME_SECONDS_FORMAT,
  fromPicker,
  outsideDays,
  toPicker,
  UNCONFIRMED_DEADLINE_TEXT,
} from '../date-input';

interface FieldProps {
  /** `YYYY-MM-DD` (DateField) or `YYYY-MM-DDTHH:mm[:ss]` Beijing time (DateTimeField), as forms keep them. */
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  id?: string;
  'aria-label'?: string;
  placeholder?: string;
  style?: CSSProperties;
  disabled?: boolean;
  allowClear?: boolean;
  /** Earliest and latest day that may be picked (ISO dates), e.g. not after today. */
  min?: string;
  max?: string;
}

const disabler = (min?: string, max?: string) =>
  min === undefined && max === undefined ? undefined : (d: Dayjs) => outsideDays(d, min, max);

/**
 * A date in antd's zh_CN picker (2026-04-16; typed as 2026/4/16, 20260416 or 2026年4月16日 too).
 * Takes and gives the same `YYYY-MM-DD` string a native date input did, so a form keeps its rules.
 */
export function DateField({ value, onChange, min, max, style, ...rest }: FieldProps) {
  return (
    <DatePicker
      {...rest}
      style={{ width: 160, ...style }}
      format={DATE_FORMATS}
      value={toPicker(value)}
      disabledDate={disabler(min, max)}
      onChange={(d: Dayjs | null) => onChange?.(fromPicker(d, 'date'))}
    />
  );
}

/** A Beijing date and 24-hour time (2026-04-16 14:05[:09]) in antd's zh_CN picker. */
export function DateTimeField({
  value,
  onChange,
  min,
  max,
  style,
  seconds = false,
  ...rest
}: FieldProps & { seconds?: boolean }) {
  const format = seconds ? DATE_TIME_SECONDS_FORMAT : DATE_TIME_FORMAT;
  return (
    <DatePicker
      {...rest}
      style={{ width: seconds ? 210 : 190, ...style }}
      showTime={{ format: seconds ? 'HH:mm:ss' : 'HH:mm' }}
      format={format}
      value={toPicker(value)}
      disabledDate={disabler(min, max)}
      onChange={(d: Dayjs | null) => onChange?.(fromPicker(d, seconds ? 'second' : 'minute'))}
    />
  );
}

/** The 未确认 mark of a deadline, with what it means said in the line (not only on hover). */
export function UnconfirmedNote() {
  return (
    <span className="zf-unconfirmed">
      <Tag color="gold">未确认</Tag>
      <Typography.Text type="secondary">{UNCONFIRMED_DEADLINE_TEXT}</Typography.Text>
    </span>
  );
}
