import { useState, type ReactNode } from 'react';
import { Form, Input, Select, Typography } from 'antd';
import { PURPOSE_MAX_CHARS, PURPOSE_PRESETS, purposeChoice, purposeProblem } from '../files';
import { FormModal } from './FormModal';

export interface PurposeValues {
  purpose: string;
}

const OTHER = 'other';

/**
 * The 调阅事由 as a choice of the usual reasons (本人承办案件、法制审核、案卷评查、归档、领导审阅) or
 * 其他 with the reason written out. Its value is the text the server stores, as before.
 */
function PurposeInput({
  id,
  value,
  onChange,
  placeholder,
}: {
  id?: string;
  value?: string;
  onChange?: (value: string) => void;
  placeholder?: string;
}) {
  const choice = purposeChoice(value);
  // 其他 stays chosen while its text is still empty.
  const [other, setOther] = useState(choice === OTHER);
  const shown = choice !== null && choice !== OTHER ? choice : choice === OTHER || other ? OTHER : undefined;
  return (
    <>
      <Select
        id={id}
        placeholder="请选择调阅事由"
        value={shown}
        autoFocus
        onChange={(v: string) => {
          setOther(v === OTHER);
          onChange?.(v === OTHER ? '' : v);
        }}
        options={[
          ...PURPOSE_PRESETS.map((p) => ({ value: p, label: p })),
          { value: OTHER, label: '其他（请填写）' },
        ]}
      />
      {shown === OTHER && (
        <Input.TextArea
          className="zf-gap-top-s"
          aria-label="其他调阅事由"
          autoFocus
          rows={3}
          maxLength={PURPOSE_MAX_CHARS}
          showCount
          value={value ?? ''}
          onChange={(e) => onChange?.(e.target.value)}
          placeholder={placeholder ?? '如：案件法制审核需核对现场执法过程'}
        />
      )}
    </>
  );
}

/**
 * Asks for the 调阅事由 before a record's bytes are read (查看, 下载, 导出): it is logged with the
 * reader's name and the time. A refusal from the server is shown in the form.
 */
export function PurposeForm(props: {
  /** 查看 / 下载 / 导出 */
  verb: string;
  /** What is read, as the sentence names it. */
  subject: string;
  onSubmit: (values: PurposeValues) => Promise<void>;
  onClose: () => void;
  placeholder?: string;
  /** Extra text under the explanation (e.g. what a package holds). */
  extra?: ReactNode;
  initialPurpose?: string;
}) {
  return (
    <FormModal<PurposeValues>
      title={`调阅事由（${props.verb}）`}
      okText={props.verb}
      initialValues={props.initialPurpose ? { purpose: props.initialPurpose } : undefined}
      onSubmit={props.onSubmit}
      onClose={props.onClose}
    >
      <Typography.Paragraph type="secondary">
        {props.verb}“{props.subject}”前请选择或填写调阅事由。事由将与您的姓名、调阅时间一并记入调阅记录。
      </Typography.Paragraph>
      {props.extra}
      <Form.Item
        label="调阅事由"
        name="purpose"
        rules={[
          {
            validator: (_, value: string | undefined) => {
              const problem = purposeProblem(value ?? '');
              return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
            },
          },
        ]}
        required
      >
        <PurposeInput {...(props.placeholder && { placeholder: props.placeholder })} />
      </Form.Item>
    </FormModal>
  );
}
