import { apiErrorFrom, ApiError } from './api';
import { fileNameFromDisposition } from './files';

/**
 * Downloads a same-origin file through fetch, so that a refusal arrives as the server's ApiError
 * (shown in the form that asked, e.g. 403 PACKAGE_RESTRICTED) instead of a broken download; the
 * bytes are then handed to the browser as a file. `onProgress` gets the bytes received so far and
 * the total when the server gave one.
 */
export async function downloadFile(
  url: string,
  fallbackName: string,
  onProgress?: (received: number, total: number | null) => void,
): Promise<string> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'same-origin', cache: 'no-store' });
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试');
  }
  const path = url.split('?')[0] ?? url;
  if (!res.ok) throw apiErrorFrom(res.status, await res.text().catch(() => ''), path);
  const name = fileNameFromDisposition(res.headers.get('content-disposition')) ?? fallbackName;
  const length = Number(res.headers.get('content-length'));
  const total = Number.isFinite(length) && length > 0 ? length : null;
  let blob: Blob;
  if (res.body && onProgress) {
    const reader = res.body.getReader();
    const parts: BlobPart[] = [];
    let received = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      received += value.byteLength;
      onProgress(received, total);
    }
    blob = new Blob(parts, { type: res.headers.get('content-type') ?? 'application/octet-stream' });
  } else {
    blob = await res.blob();
  }
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Give the browser time to start saving before the object URL goes.
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
  return name;
}
