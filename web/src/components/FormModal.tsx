import { useState, type ReactNode } from 'react';
import { Alert, Form, Modal } from 'antd';
import type { FormInstance } from 'antd';
import { ApiError, errorMessage } from '../api';
import { formFieldFor } from '../format';

/** A (nested) form field: `['benchmark', 'grades', 0, 'conditions']`. */
type FieldPath = Array<string | number>;

/**
 * Puts a server error beside its field when the form has that field; returns whether it did.
 * `aliases` maps server field names to a form field holding them (a JSON text area, say); then the
 * server's path (`holidays[2]`) is kept in front of each problem so the user can find the entry.
 */
export function showFieldError(
  form: FormInstance,
  err: unknown,
  aliases: Record<string, string> = {},
  fieldPath?: (field: string) => FieldPath | null,
): boolean {
  if (!(err instanceof ApiError) || !err.field) return false;
  if (fieldPath && showAtPaths(form, err, fieldPath)) return true;
  const known = Object.keys(form.getFieldsValue() as Record<string, unknown>);
  const direct = formFieldFor(err.field, known);
  if (direct) {
    form.setFields([{ name: direct, errors: [err.message] }]);
    return true;
  }
  const head = /^[^[.]+/.exec(err.field)?.[0] ?? err.field;
  const aliased = aliases[err.field] ?? aliases[head];
  if (aliased && known.includes(aliased)) {
    form.setFields([{ name: aliased, errors: problemLines(err) }]);
    return true;
  }
  return false;
}

/**
 * Each problem the server lists (`details.problems`, else the one error) beside the field
 * `fieldPath` names for it (a nested one: `['benchmark', 'grades', 0, 'conditions']`); whether the
 * error's own field had one.
 */
function showAtPaths(
  form: FormInstance,
  err: ApiError,
  fieldPath: (field: string) => FieldPath | null,
): boolean {
  const listed = Array.isArray(err.details?.problems) ? (err.details.problems as unknown[]) : [];
  const problems = listed.flatMap((p) => {
    const { field, message } = (p ?? {}) as { field?: unknown; message?: unknown };
    return typeof field === 'string' && typeof message === 'string' ? [{ field, message }] : [];
  });
  if (problems.length === 0) problems.push({ field: err.field!, message: err.message });
  const byPath = new Map<string, { name: FieldPath; errors: string[] }>();
  for (const p of problems) {
    const name = fieldPath(p.field);
    if (name === null) continue;
    const key = JSON.stringify(name);
    const entry = byPath.get(key) ?? { name, errors: [] };
    entry.errors.push(p.message);
    byPath.set(key, entry);
  }
  if (!fieldPath(err.field!)) return false;
  form.setFields([...byPath.values()]);
  return true;
}

/** One line per problem when the server lists them (`details.problems`), else one line. */
export function problemLines(err: ApiError): string[] {
  const problems = err.details?.problems;
  if (Array.isArray(problems)) {
    const lines = problems.flatMap((p: unknown) => {
      if (typeof p !== 'object' || p === null) return [];
      const { field, message } = p as { field?: unknown; message?: unknown };
      return typeof message === 'string'
        ? [typeof field === 'string' ? `${field}：${message}` : message]
        : [];
    });
    if (lines.length > 0) return lines;
  }
  return [err.field ? `${err.field}：${err.message}` : err.message];
}

interface FormModalProps<V> {
  title: ReactNode;
  okText?: string;
  initialValues?: Partial<V>;
  /** Send the values; throw an ApiError to have it shown beside the field or at the top. */
  onSubmit: (values: V) => Promise<void>;
  onClose: () => void;
  /** Server field names that belong to a differently named form field (e.g. `holidays` → `json`). */
  fieldAliases?: Record<string, string>;
  /** The (nested) form field for a server field, or null when the form has none. */
  fieldPath?: (field: string) => FieldPath | null;
  width?: number;
  children: ReactNode | ((form: FormInstance<V>) => ReactNode);
  danger?: boolean;
}

/**
 * A modal holding one form. Render it only while open (`{editing && <FormModal …/>}`) so each
 * opening starts from its initial values.
 */
export function FormModal<V extends object>(props: FormModalProps<V>) {
  const [form] = Form.useForm<V>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    let values: V;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await props.onSubmit(values);
      props.onClose();
    } catch (err) {
      if (!showFieldError(form, err, props.fieldAliases, props.fieldPath)) setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={props.title}
      okText={props.okText ?? '保存'}
      cancelText="取消"
      okButtonProps={{ danger: props.danger ?? false }}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={props.onClose}
      width={props.width ?? 520}
      mask={{ closable: false }}
    >
      {error && <Alert className="zf-form-alert" type="error" showIcon title={error} />}
      <Form<V>
        form={form}
        layout="vertical"
        initialValues={props.initialValues}
        onFinish={() => void submit()}
        requiredMark
      >
        {typeof props.children === 'function' ? props.children(form) : props.children}
        {/* Enter in a text field submits. */}
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}
