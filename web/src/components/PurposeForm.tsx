import type { ReactNode } from 'react';
import { Form, Input, Typography } from 'antd';
import { PURPOSE_MAX_CHARS, purposeProblem } from '../files';
import { FormModal } from './FormModal';

export interface PurposeValues {
  purpose: string;
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
        {props.verb}“{props.subject}”前请填写调阅事由。事由将与您的姓名、调阅时间一并记入调阅记录。
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
        <Input.TextArea
          autoFocus
          rows={3}
          maxLength={PURPOSE_MAX_CHARS}
          showCount
          placeholder={props.placeholder ?? '如：案件法制审核需核对现场执法过程'}
        />
      </Form.Item>
    </FormModal>
  );
}
