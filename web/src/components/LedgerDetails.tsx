import { Descriptions } from 'antd';
import type { LedgerDetail } from '../../../src/http/routes/ledger.schema';

/**
 * An entry's details as the server presents them (PLT-06): Chinese field names and values, never
 * raw JSON. The leaf hash lets a reader check the entry against a published checkpoint.
 */
export function LedgerDetails({ details, leafHash }: { details: LedgerDetail[]; leafHash: string }) {
  return (
    <div className="zf-ledger-details">
      {details.length > 0 ? (
        <Descriptions
          size="small"
          column={1}
          bordered
          items={details.map((d, i) => ({ key: i, label: d.label, children: d.value }))}
        />
      ) : (
        <div className="zf-muted">本条留痕没有其他内容。</div>
      )}
      <div className="zf-muted zf-gap-top-s">
        核验用哈希 <span className="zf-mono">{leafHash}</span>
      </div>
    </div>
  );
}
