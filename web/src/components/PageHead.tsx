import type { ReactNode } from 'react';
import { Typography } from 'antd';

export function PageHead({ title, extra }: { title: ReactNode; extra?: ReactNode }) {
  return (
    <div className="zf-page-head">
      <Typography.Title level={4}>{title}</Typography.Title>
      {extra && <div>{extra}</div>}
    </div>
  );
}
