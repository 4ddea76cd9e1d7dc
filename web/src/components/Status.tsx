import type { ReactNode } from 'react';
import { Alert, Button, Empty, Spin } from 'antd';
import { errorMessage } from '../api';
import type { PagedState } from '../hooks';

export function Loading({ label = '加载中…' }: { label?: string }) {
  return (
    <div className="zf-center" role="status" aria-live="polite">
      <Spin description={label} size="large">
        <div className="zf-spin-space" />
      </Spin>
    </div>
  );
}

export function LoadError({
  error,
  onRetry,
  title = '加载失败',
}: {
  error: unknown;
  onRetry?: () => void;
  title?: string;
}) {
  return (
    <Alert
      type="error"
      showIcon
      title={title}
      description={errorMessage(error)}
      action={
        onRetry ? (
          <Button size="small" danger onClick={onRetry}>
            重试
          </Button>
        ) : undefined
      }
    />
  );
}

/** Under a cursor-paged list: the error of a failed next page (with retry), and 「加载更多」. */
export function LoadMore({
  list,
  size,
}: {
  list: Pick<PagedState<unknown>, 'error' | 'items' | 'hasMore' | 'loadMore' | 'loadingMore'>;
  size?: 'small';
}) {
  return (
    <>
      {Boolean(list.error) && list.items.length > 0 && (
        <LoadError error={list.error} onRetry={list.loadMore} title="加载更多失败" />
      )}
      {list.hasMore && (
        <div className="zf-more">
          <Button size={size} onClick={list.loadMore} loading={list.loadingMore}>
            加载更多
          </Button>
        </div>
      )}
    </>
  );
}

export function Nothing({ text }: { text: ReactNode }) {
  return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text} />;
}

/** A table's empty text: nothing while the first page loads (the table shows its own spinner). */
export function tableEmpty(loading: boolean, text: ReactNode) {
  return loading ? <div className="zf-table-loading" /> : <Nothing text={text} />;
}
