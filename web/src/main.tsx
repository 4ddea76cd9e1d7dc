import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { App } from './App';
import { THEME } from './theme';
import './date-input';
import './app.css';

/**
 * The server's CSP allows only styles carrying this response's nonce, which it writes into the
 * csp-nonce meta tag; antd's CSS-in-JS puts it on every style tag it inserts. Under the Vite dev
 * server the placeholder is left as it is and there is no CSP.
 */
function cspNonce(): string | undefined {
  const value = document.querySelector('meta[name="csp-nonce"]')?.getAttribute('content');
  return value && value !== '__CSP_NONCE__' ? value : undefined;
}

/**
 * antd's Table measures the scrollbar with a style tag of its own (rc-util getScrollBarSize) that
 * does not take the ConfigProvider nonce, and the CSP blocks it. Our bundle is the only script the
 * CSP lets run, so every style element it creates may carry the nonce; injected markup still may not.
 */
function stampStyleNonce(value: string): void {
  const proto = Document.prototype;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the right `this`
  const create = proto.createElement;
  proto.createElement = function (this: Document, tagName: string, options?: ElementCreationOptions) {
    const el = create.call(this, tagName, options);
    if (el instanceof HTMLStyleElement && !el.nonce) el.nonce = value;
    return el;
  };
}

const nonce = cspNonce();
if (nonce) stampStyleNonce(nonce);
const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');

createRoot(container).render(
  <StrictMode>
    <ConfigProvider
      locale={zhCN}
      csp={nonce ? { nonce } : {}}
      button={{ autoInsertSpace: false }}
      theme={THEME}
    >
      <AntApp>
        <App />
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
