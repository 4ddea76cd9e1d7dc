import { Checkbox } from 'antd';
import type { GetProps } from 'antd';

type Props = GetProps<typeof Checkbox.Group> & { 'aria-required'?: unknown };

/**
 * antd's Checkbox.Group for a required form field. A required Form.Item gives its control
 * `aria-required`, which ARIA allows on no `group` (axe: aria-allowed-attr); the required mark
 * beside the label says it instead.
 */
export function CheckboxGroup({ 'aria-required': _required, ...props }: Props) {
  return <Checkbox.Group {...props} />;
}
