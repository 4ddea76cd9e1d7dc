/** Minimal, safe HTML building for the server-rendered portal: every value is escaped. */
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

type Part = string | number | Html | null | undefined | false | Part[];

function render(p: Part): string {
  if (p === null || p === undefined || p === false) return '';
  if (p instanceof Html) return p.value;
  if (Array.isArray(p)) return p.map(render).join('');
  return escapeHtml(String(p));
}

/** Tagged template: interpolated values are escaped unless they are already `Html`. */
export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += render(v) + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

/**
 * A portal page. `large` is the 适老化 large-text mode (a query flag the decision pages carry in
 * their links, since there is no script to remember it); `sizeToggle` is the link that switches it.
 */
export function page(opts: {
  title: string;
  agencyName: string;
  body: Html;
  large?: boolean;
  sizeToggle?: string;
}): string {
  return html`<!doctype html>
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${opts.title} - ${opts.agencyName}</title>
        <link rel="stylesheet" href="/portal.css" />
      </head>
      <body${opts.large ? html` class="large"` : ''}>
        <a class="skip" href="#main">跳到主要内容</a>
        <header class="site">
          <div class="wrap">
            <a href="/" class="brand">${opts.agencyName}</a><span class="sub">行政执法公示</span>
            ${
              opts.sizeToggle
                ? html`<a class="size" href="${opts.sizeToggle}">${opts.large ? '标准字号' : '大字模式'}</a>`
                : ''
            }
          </div>
        </header>
        <main id="main" class="wrap">${opts.body}</main>
        <footer class="site"><div class="wrap">${opts.agencyName} · 行政执法公示平台</div></footer>
      </body>
    </html>`.value;
}
