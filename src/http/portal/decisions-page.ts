import { ACT_TYPE_LABELS, ACT_TYPES, PARTY_KIND_LABELS, PARTY_KINDS } from '../../domain/case-types';
import { chineseDate } from '../../domain/shanghai-time';
import { totalText, type DecisionTotal, type PublicDecision } from '../../domain/public-decision';
import { html, type Html } from './html';

/** The search as the visitor typed it: raw strings, echoed back into the form. */
export interface DecisionSearchForm {
  q: string;
  actType: string;
  unit: string;
  partyKind: string;
  from: string;
  to: string;
  large: boolean;
}

export interface DecisionListData {
  form: DecisionSearchForm;
  units: ReadonlyArray<{ id: string; name: string }>;
  /** null when the search was refused (see `problem`). */
  items: readonly PublicDecision[] | null;
  nextCursor: string | null;
  /** First page or a later one (for the "back to the first page" link). */
  paged: boolean;
  /** How many match, counted up to the cap (null when the search was refused). */
  total: DecisionTotal | null;
  problem: { field: string | undefined; message: string } | null;
}

/** The query string of a search, without empty values, plus `extra`; keys in a fixed order. */
export function searchQuery(form: DecisionSearchForm, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  for (const k of ['q', 'actType', 'unit', 'partyKind', 'from', 'to'] as const)
    if (form[k]) p.set(k, form[k]);
  if (form.large) p.set('large', '1');
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : '';
}

const option = (value: string, label: string, current: string) =>
  html`<option value="${value}" ${value === current ? html`selected` : ''}>${label}</option>`;

/** `aria-invalid` and the error's id for the field the refusal names. */
const invalidAttrs = (d: DecisionListData, field: string, hint?: string) => {
  const bad = d.problem?.field === field;
  const described = [hint, bad ? 'search-error' : undefined].filter(Boolean).join(' ');
  return html`${bad ? html`aria-invalid="true"` : ''} ${described ? html`aria-describedby="${described}"` : ''}`;
};

function searchForm(d: DecisionListData): Html {
  const f = d.form;
  return html`<form class="search" method="get" action="/decisions" role="search" aria-label="查询公示决定">
    ${d.problem ? html`<p class="error" id="search-error" role="alert">${d.problem.message}</p>` : ''}
    <div class="field wide">
      <label for="q">查询内容</label>
      <input
        type="search"
        id="q"
        name="q"
        value="${f.q}"
        maxlength="100"
        autocomplete="off"
        ${invalidAttrs(d, 'q', 'q-hint')}
      />
      <p class="hint" id="q-hint">可输入当事人名称、决定书文号或地点，至少两个字。</p>
    </div>
    <fieldset>
      <legend>筛选条件（可不填）</legend>
      <div class="field">
        <label for="actType">决定类别</label>
        <select id="actType" name="actType" ${invalidAttrs(d, 'actType')}>
          ${option('', '全部', f.actType)} ${ACT_TYPES.map((t) => option(t, ACT_TYPE_LABELS[t], f.actType))}
        </select>
      </div>
      <div class="field">
        <label for="unit">承办机构</label>
        <select id="unit" name="unit" ${invalidAttrs(d, 'unit')}>
          ${option('', '全部', f.unit)} ${d.units.map((u) => option(u.id, u.name, f.unit))}
        </select>
      </div>
      <div class="field">
        <label for="partyKind">当事人类别</label>
        <select id="partyKind" name="partyKind" ${invalidAttrs(d, 'partyKind')}>
          ${option('', '全部', f.partyKind)}
          ${PARTY_KINDS.map((k) => option(k, PARTY_KIND_LABELS[k], f.partyKind))}
        </select>
      </div>
      <div class="field">
        <label for="from">决定日期自</label>
        <input type="date" id="from" name="from" value="${f.from}" ${invalidAttrs(d, 'from')} />
      </div>
      <div class="field">
        <label for="to">决定日期至</label>
        <input type="date" id="to" name="to" value="${f.to}" ${invalidAttrs(d, 'to')} />
      </div>
    </fieldset>
    ${f.large ? html`<input type="hidden" name="large" value="1" />` : ''}
    <button type="submit">查询</button>
  </form>`;
}

function resultItem(d: PublicDecision, large: boolean): Html {
  const href = `/decisions/${d.id}${large ? '?large=1' : ''}`;
  const meta = html`<dl class="meta">
    <dt>决定类别</dt>
    <dd>${ACT_TYPE_LABELS[d.actType]}</dd>
    <dt>决定日期</dt>
    <dd>${chineseDate(d.decisionDate)}</dd>
    <dt>承办机构</dt>
    <dd>${d.unitName}</dd>
  </dl>`;
  if (d.withdrawn)
    return html`<li class="result withdrawn">
      <h3><a href="${href}">${title(d)}</a> <span class="badge">已撤回</span></h3>
      ${meta}
      <p>撤回原因：${d.withdrawalReason ?? ''}</p>
    </li>`;
  return html`<li class="result">
    <h3><a href="${href}">${title(d)}</a></h3>
    <p class="party">当事人：${d.partyName ?? ''}</p>
    ${meta}
    <p class="excerpt">${excerpt(d.result ?? '', 80)}</p>
  </li>`;
}

/** The 文号, or the act type and date for a decision published without one. */
export function title(d: PublicDecision): string {
  return d.documentNumber || `${ACT_TYPE_LABELS[d.actType]}决定（${chineseDate(d.decisionDate)}）`;
}

function excerpt(text: string, chars: number): string {
  const cs = [...text];
  return cs.length > chars ? `${cs.slice(0, chars).join('')}…` : text;
}

function results(d: DecisionListData): Html {
  if (d.items === null) return html``;
  const f = d.form;
  const searched = Boolean(f.q || f.actType || f.unit || f.partyKind || f.from || f.to);
  const list =
    d.items.length === 0
      ? html`<p role="status">${searched ? '没有找到符合条件的公示决定，请换一个查询内容或减少筛选条件。' : '目前没有正在公示的决定。'}</p>`
      : html`<p role="status">
            ${d.total ? html`找到 <span class="total">${totalText(d.total)}</span>，` : ''}以下按决定日期从新到旧排列${d.paged ? '（续页）' : ''}，每页 ${d.items.length} 条以内。
          </p>
          <ol class="results">
            ${d.items.map((i) => resultItem(i, f.large))}
          </ol>`;
  const nav =
    d.nextCursor || d.paged
      ? html`<nav class="pager" aria-label="翻页">
          ${d.paged ? html`<a href="/decisions${searchQuery(f)}">回到第一页</a>` : ''}
          ${
            d.nextCursor
              ? html`<a rel="next" href="/decisions${searchQuery(f, { cursor: d.nextCursor })}">下一页</a>`
              : ''
          }
        </nav>`
      : '';
  return html`<section aria-labelledby="results">
    <h2 id="results">${searched ? '查询结果' : '最新公示'}</h2>
    ${list} ${nav}
  </section>`;
}

function openData(f: DecisionListData['form']): Html {
  const q = searchQuery({ ...f, large: false });
  return html`<section aria-labelledby="open">
    <h2 id="open">开放数据</h2>
    <p>公示数据可以下载或订阅（按当前查询条件）：</p>
    <ul>
      <li><a href="/open/decisions.csv${q}">下载 CSV 表格</a>（可用 Excel 打开）</li>
      <li><a href="/open/decisions.json${q}">JSON 数据接口</a></li>
      <li><a href="/open/decisions.atom${q}">Atom 订阅</a></li>
      <li><a href="/open/catalog.jsonld">数据目录（DCAT）</a></li>
    </ul>
  </section>`;
}

/** 执法决定公示 (PUB-04): the search form, the page of results, and the open-data links. */
export function decisionListBody(d: DecisionListData): Html {
  return html`<h1>执法决定公示</h1>
    <p>
      本机关作出的行政执法决定依法向社会公示，涉及个人的信息已经脱敏处理。已撤回的决定显示撤回原因。每一条公示都记入留痕记录，可以核验公示内容与记录一致。
    </p>
    ${searchForm(d)} ${results(d)} ${openData(d.form)}`;
}
