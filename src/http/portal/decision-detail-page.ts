import { ACT_TYPE_LABELS, PARTY_KIND_LABELS } from '../../domain/case-types';
import { formatYuan } from '../../domain/money';
import type { PublicDecision } from '../../domain/public-decision';
import { chineseDate, chineseDateTime } from '../../domain/shanghai-time';
import { html, type Html } from './html';

export interface DecisionDetailData {
  decision: PublicDecision;
  agencyName: string;
  /** The latest signed checkpoint's size, or null while none is signed. */
  checkpointSize: number | null;
  large: boolean;
}

/** A multi-line text as paragraphs (the stored text keeps its line breaks). */
const paragraphs = (text: string | null) =>
  (text ?? '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .map((l) => html`<p>${l}</p>`);

function content(d: PublicDecision): Html {
  if (d.withdrawn)
    return html`<section aria-labelledby="withdrawn" class="card withdrawn">
      <h2 id="withdrawn">本决定已撤回</h2>
      <p>撤回原因：${d.withdrawalReason ?? ''}</p>
      ${d.withdrawnAt ? html`<p>撤回时间：${chineseDateTime(d.withdrawnAt)}（北京时间）</p>` : ''}
      <p>决定撤回后，原公示内容不再显示。</p>
    </section>`;
  return html`<section aria-labelledby="party">
      <h2 id="party">当事人</h2>
      <dl class="facts">
        <dt>名称</dt>
        <dd>${d.partyName ?? ''}</dd>
        <dt>类别</dt>
        <dd>${PARTY_KIND_LABELS[d.partyKind]}</dd>
        ${d.creditCode ? html`<dt>统一社会信用代码</dt><dd>${d.creditCode}</dd>` : ''}
        ${d.legalRepresentative ? html`<dt>法定代表人</dt><dd>${d.legalRepresentative}</dd>` : ''}
      </dl>
    </section>
    <section aria-labelledby="facts">
      <h2 id="facts">违法事实</h2>
      ${paragraphs(d.facts)}
    </section>
    <section aria-labelledby="basis">
      <h2 id="basis">决定依据</h2>
      ${paragraphs(d.basis)}
    </section>
    <section aria-labelledby="result">
      <h2 id="result">决定内容</h2>
      ${paragraphs(d.result)} ${d.fine !== null ? html`<p>罚款金额：${formatYuan(d.fine)}</p>` : ''}
    </section>`;
}

function ledger(x: DecisionDetailData): Html {
  const d = x.decision;
  const leafB64 = Buffer.from(d.leafHash, 'hex').toString('base64');
  const covered = x.checkpointSize !== null && x.checkpointSize >= d.ledgerSeq;
  return html`<section aria-labelledby="ledger">
    <h2 id="ledger">留痕核验</h2>
    <p>
      这条公示在发布时记入了本机关只能追加、不能修改的留痕记录。您可以核验这条留痕包含在本机关签名公布的检查点中，从而确认公示内容与记录一致、发布后没有被改动。
    </p>
    <dl class="facts">
      <dt>留痕序号</dt>
      <dd>第 ${d.ledgerSeq} 条</dd>
      <dt>留痕校验值</dt>
      <dd><code>${leafB64}</code></dd>
    </dl>
    ${
      covered
        ? html`<p><a href="/transparency?index=${d.ledgerSeq}">核验这条留痕是否包含在最新签名检查点中</a></p>
          <p>
            供程序核验：<a href="/transparency/proof/inclusion?index=${d.ledgerSeq - 1}&amp;size=${x.checkpointSize}"
              >包含证明</a
            >（RFC 9162，序号从 0 起），对照<a href="/transparency/checkpoint">最新签名检查点</a>。
          </p>`
        : html`<p role="status">
          这条留痕还没有纳入已签名的检查点。检查点定期签名，请稍后再来核验；也可以在<a href="/transparency"
            >留痕透明度</a
          >页面查看最新检查点。
        </p>`
    }
  </section>`;
}

/** One public decision (PUB-04): the masked content, or its withdrawal, and its ledger entry. */
export function decisionDetailBody(x: DecisionDetailData): Html {
  const d = x.decision;
  const back = `/decisions${x.large ? '?large=1' : ''}`;
  return html`<p class="crumbs"><a href="${back}">执法决定公示</a> › 决定详情</p>
    <h1>${ACT_TYPE_LABELS[d.actType]}决定 ${d.documentNumber}</h1>
    ${d.withdrawn ? html`<p class="badge">已撤回</p>` : ''} ${content(d)}
    <section aria-labelledby="about">
      <h2 id="about">决定信息</h2>
      <dl class="facts">
        <dt>决定书文号</dt>
        <dd>${d.documentNumber || '（未编文号）'}</dd>
        <dt>决定类别</dt>
        <dd>${ACT_TYPE_LABELS[d.actType]}</dd>
        <dt>决定日期</dt>
        <dd>${chineseDate(d.decisionDate)}</dd>
        <dt>执法机关</dt>
        <dd>${x.agencyName}</dd>
        <dt>承办机构</dt>
        <dd>${d.unitName}</dd>
        <dt>公示责任人</dt>
        <dd>${d.responsiblePerson}</dd>
        <dt>公示时间</dt>
        <dd>${chineseDateTime(d.publishedAt)}（北京时间）</dd>
        <dt>公示截止</dt>
        <dd>${chineseDate(d.displayEnd)}</dd>
      </dl>
    </section>
    ${ledger(x)}`;
}
