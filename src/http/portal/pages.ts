import fs from 'node:fs';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Config } from '../../config';
import { STANDING_LABELS } from '../../domain/certificate';
import { chineseDate } from '../../domain/dates';
import type { Deps } from '../../services/deps';
import * as org from '../../services/org-service';
import * as tr from '../../services/transparency-service';
import { verifyInclusion } from '../../domain/merkle';
import { html, page } from './html';
import { transparencyBody, type EntryCheck } from './transparency-page';
import { Text } from '../schemas';

const CSS = fs.readFileSync(new URL('./portal.css', import.meta.url), 'utf8');
const NumberParam = Type.Object({ number: Text(64) }, { additionalProperties: false });

/**
 * The public portal: server-rendered, works without JavaScript. It shows only what is meant to be
 * public — no internal ids beyond what a link needs, no personal data beyond an officer's public
 * certificate information (PUB-05, PUB-06).
 */
export const portalRoutes =
  (deps: Deps, config: Config, transparency: tr.Transparency): FastifyPluginAsync =>
  async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    const publicAccess = {
      access: 'public' as const,
      rateLimit: { max: config.rateLimit.publicPerMinute, timeWindow: 60_000 },
    };
    const send = (reply: FastifyReply, status: number, body: string) =>
      reply
        .status(status)
        .type('text/html; charset=utf-8')
        .header('cache-control', 'public, max-age=60')
        .send(body);

    app.get('/portal.css', { config: publicAccess, schema: { hide: true } }, (_req, reply) =>
      reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(CSS),
    );

    app.get('/', { config: publicAccess, schema: { hide: true } }, async (_req, reply) => {
      const agency = await org.currentAgency(deps);
      const units = await org.listUnits(deps);
      const body = html` <h1>${agency.name}</h1>
        <section aria-labelledby="about">
          <h2 id="about">执法主体信息</h2>
          <dl class="facts">
            <dt>名称</dt>
            <dd>${agency.name}</dd>
            <dt>地址</dt>
            <dd>${agency.address}</dd>
            <dt>联系电话</dt>
            <dd>${agency.phone}</dd>
          </dl>
        </section>
        <section aria-labelledby="units">
          <h2 id="units">内设科室</h2>
          <ul class="units">
            ${units.map((u) => html`<li>${u.name}${u.isLegalReview ? '（法制审核机构）' : ''}</li>`)}
          </ul>
        </section>
        <section aria-labelledby="ledger">
          <h2 id="ledger">执法全过程留痕</h2>
          <p>
            本机关的每一项执法操作都记入只能追加、不能修改的留痕记录，并定期签名公布检查点，接受社会监督。
            <a href="/transparency">查看留痕透明度并核验留痕</a>
          </p>
        </section>
        <section aria-labelledby="verify">
          <h2 id="verify">执法证件查询</h2>
          <p>执法人员执法时应出示执法证件。输入证件编号（或扫描证件上的二维码）核验证件是否有效。</p>
          <form class="verify" method="get" action="/verify/certificate">
            <label for="number"
              >执法证编号<input
                type="text"
                id="number"
                name="number"
                required
                maxlength="64"
                autocomplete="off"
                inputmode="numeric"
            /></label>
            <button type="submit">查询</button>
          </form>
        </section>`;
      return send(reply, 200, page({ title: '首页', agencyName: agency.name, body }));
    });

    app.get(
      '/verify/certificate',
      {
        config: publicAccess,
        schema: {
          hide: true,
          querystring: Type.Object({ number: Type.Optional(Text(64, 0)) }),
        },
      },
      (req, reply) => {
        const n = (req.query.number ?? '').trim();
        return reply.redirect(n ? `/verify/certificate/${encodeURIComponent(n)}` : '/#verify', 303);
      },
    );

    app.get(
      '/verify/certificate/:number',
      { config: publicAccess, schema: { hide: true, params: NumberParam } },
      async (req, reply) => {
        const agency = await org.currentAgency(deps);
        const v = await org.verifyCertificate(deps, req.params.number);
        if (!v) {
          const body = html`<h1>执法证件核验</h1>
            <div class="card">
              <p>证件编号：${req.params.number}</p>
              <p>
                核验结果：<span class="status status-notFound" role="status"
                  >${STANDING_LABELS.notFound}</span
                >
              </p>
              <p>本机关未登记该编号的执法证件。如有疑问，请拨打 ${agency.phone} 核实。</p>
            </div>`;
          return send(reply, 404, page({ title: '执法证件核验', agencyName: agency.name, body }));
        }
        const photo = v.hasPhoto
          ? html`<img
              src="/verify/certificate/${encodeURIComponent(v.number)}/photo"
              alt="${v.officerName}的照片"
            />`
          : html`<div class="nophoto" aria-label="未上传照片">暂无照片</div>`;
        const body = html`<h1>执法证件核验</h1>
          <div class="card cert">
            ${photo}
            <div>
              <p>
                核验结果：<span class="status status-${v.standing}" role="status">${v.standingLabel}</span>
              </p>
              <dl class="facts">
                <dt>姓名</dt>
                <dd>${v.officerName}</dd>
                <dt>证件编号</dt>
                <dd>${v.number}</dd>
                <dt>执法主体</dt>
                <dd>${agency.name}</dd>
                <dt>所在科室</dt>
                <dd>${v.unitName}</dd>
                <dt>执法领域</dt>
                <dd>${v.domains.join('、')}</dd>
                <dt>有效期</dt>
                <dd>${chineseDate(v.validFrom)} 至 ${chineseDate(v.validTo)}</dd>
              </dl>
            </div>
          </div>
          <p>如对执法人员身份有疑问，请拨打 ${agency.phone} 核实，或通过投诉举报渠道反映。</p>`;
        return send(reply, 200, page({ title: `执法证件核验 ${v.number}`, agencyName: agency.name, body }));
      },
    );

    app.get(
      '/transparency',
      {
        config: publicAccess,
        schema: {
          hide: true,
          querystring: Type.Object({ index: Type.Optional(Text(20, 0)) }),
        },
      },
      async (req, reply) => {
        const agency = await org.currentAgency(deps);
        const latest = (await tr.latestCheckpoint(deps)) ?? (await tr.makeCheckpoint(deps, transparency));
        let check: EntryCheck = { kind: 'none' };
        const raw = req.query.index?.trim();
        if (raw !== undefined && raw !== '') {
          const n = Number(raw);
          if (!/^\d+$/.test(raw) || n < 1 || n > latest.size) {
            check = { kind: 'outOfRange', size: latest.size };
          } else {
            const p = await tr.inclusion(deps, n - 1, latest.size);
            const included = verifyInclusion(
              n - 1,
              latest.size,
              new Uint8Array(Buffer.from(p.leafHash, 'base64')),
              p.proof.map((h) => new Uint8Array(Buffer.from(h, 'base64'))),
              new Uint8Array(Buffer.from(latest.rootHash, 'base64')),
            );
            check = {
              kind: 'checked',
              index: n,
              size: latest.size,
              included,
              leafHash: p.leafHash,
              proofLength: p.proof.length,
            };
          }
        }
        const body = transparencyBody({
          size: latest.size,
          rootHash: latest.rootHash,
          createdAt: latest.createdAt,
          note: latest.note,
          verifierKey: transparency.verifierKey,
          check,
        });
        return send(reply, 200, page({ title: '留痕透明度', agencyName: agency.name, body }));
      },
    );

    app.get(
      '/verify/certificate/:number/photo',
      { config: publicAccess, schema: { hide: true, params: NumberParam } },
      async (req, reply) => {
        const v = await org.verifyCertificate(deps, req.params.number);
        if (!v?.hasPhoto)
          return reply.status(404).send({ error: { code: 'PHOTO_NOT_FOUND', message: '未上传照片' } });
        const p = await org.officerPhoto(deps, v.officerId);
        return reply.type(p.mediaType).header('cache-control', 'public, max-age=300').send(p.content);
      },
    );
  };
