import { chineseDateTime } from '../../domain/shanghai-time';
import { html, type Html } from './html';

/** What the check of one entry found, when the visitor asked for one. */
export type EntryCheck =
  | { kind: 'none' }
  | { kind: 'outOfRange'; size: number }
  | {
      kind: 'checked';
      index: number;
      size: number;
      included: boolean;
      leafHash: string;
      proofLength: number;
    };

export interface TransparencyPageData {
  size: number;
  rootHash: string;
  createdAt: string;
  note: string;
  verifierKey: string;
  check: EntryCheck;
}

function checkResult(c: EntryCheck): Html {
  if (c.kind === 'none') return html``;
  if (c.kind === 'outOfRange')
    return html`<p class="card" role="status">请输入 1 至 ${c.size} 之间的留痕序号。</p>`;
  const verdict = c.included
    ? html`<strong class="status status-valid">包含在</strong>`
    : html`<strong class="status status-revoked">不包含在</strong>`;
  return html`<div class="card" role="status">
    <p>第 ${c.index} 条留痕${verdict}检查点（共 ${c.size} 条）中。</p>
    <p>
      ${
        c.included
          ? '这说明这条记录在检查点签名时就已存在，而且此后没有被改动。'
          : '这条记录与已签名的检查点对不上，请向本机关反映。'
      }
    </p>
    <dl class="facts">
      <dt>这条记录的校验值</dt>
      <dd><code>${c.leafHash}</code></dd>
      <dt>核验路径</dt>
      <dd>${c.proofLength} 个校验值</dd>
    </dl>
  </div>`;
}

/**
 * 留痕透明度 (PUB-04, PLT-04): what the ledger is and how the public can hold the office to it, in
 * plain Chinese, with times in Beijing time. The technical references are at the end, for those
 * who check by program.
 */
export function transparencyBody(d: TransparencyPageData): Html {
  return html`<h1>留痕透明度</h1>
    <p>
      本机关办理的每一件执法事项——立案、调查取证、告知、决定、送达、结案，以及每一份执法文书、照片和录音录像的上传与调阅——都按发生的先后记入“留痕记录”。留痕记录只能往后添加，不能修改，也不能删除。
    </p>
    <p>
      为了让大家能够监督这一点，本机关定期对“到目前为止共有多少条记录”和“由全部记录算出的校验值”加上电子签名，形成<strong>检查点</strong>，在本页公布。任何一条记录被改动、删除或者调换顺序，校验值都会随之改变，就和已经公布的检查点对不上了。
    </p>
    <section aria-labelledby="how">
      <h2 id="how">您可以怎样监督</h2>
      <ul>
        <li>保存本页公布的检查点（记录条数、校验值和签名）。</li>
        <li>以后再来查看时，新的检查点应当完整包含以前的全部记录；本机关无法对不同的人出示不同的记录，也无法事后悄悄改写。</li>
        <li>对某一条留痕有疑问时，可以在下方输入它的序号，核验它是否包含在最新的检查点中。</li>
      </ul>
    </section>
    <section aria-labelledby="cp">
      <h2 id="cp">最新检查点</h2>
      <dl class="facts">
        <dt>记录条数</dt>
        <dd>${d.size} 条</dd>
        <dt>签名时间</dt>
        <dd>${chineseDateTime(d.createdAt)}（北京时间）</dd>
        <dt>校验值</dt>
        <dd><code>${d.rootHash}</code></dd>
      </dl>
      <details>
        <summary>签名原文（供技术核验）</summary>
        <pre class="card">${d.note}</pre>
      </details>
    </section>
    <section aria-labelledby="inc">
      <h2 id="inc">核验一条留痕</h2>
      <form class="verify" method="get" action="/transparency">
        <label for="index"
          >留痕序号<input type="text" id="index" name="index" inputmode="numeric" maxlength="20" required
        /></label>
        <button type="submit">核验</button>
      </form>
      ${checkResult(d.check)}
    </section>
    <section aria-labelledby="key">
      <h2 id="key">本机关的签名公钥</h2>
      <p>用这把公钥可以确认检查点确实由本机关签发、签发后没有被改动：</p>
      <pre class="card">${d.verifierKey}</pre>
    </section>
    <section aria-labelledby="tech">
      <h2 id="tech">技术说明（供程序核验）</h2>
      <p>
        留痕记录按 RFC 6962 组成 Merkle 树，校验值即树的根哈希（SHA-256）；检查点采用 C2SP
        签名文本格式，签名算法为 Ed25519。以下地址供程序读取：
      </p>
      <ul>
        <li><a href="/transparency/checkpoint">最新检查点</a>（签名文本）</li>
        <li><a href="/transparency/checkpoints">历史检查点</a></li>
        <li><a href="/transparency/key">签名公钥</a></li>
        <li>
          包含证明：<code>/transparency/proof/inclusion?index=序号减一&amp;size=${d.size}</code>，按 RFC 9162
          第 2.1.3.2 节由这条记录的校验值和核验路径算出根哈希，与检查点比较
        </li>
        <li>一致性证明：<code>/transparency/proof/consistency?from=旧条数&amp;to=新条数</code></li>
      </ul>
    </section>`;
}
