import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { residentIdCheckChar } from './identity';
import {
  MASK_PLACEHOLDER as X,
  maskForPublication,
  maskPersonName,
  publicPartyName,
  type KnownPersonalData,
  type MaskResult,
} from './masking';

const ID_WITH_X = '31011819850612101X';
const ID_OTHER = '110105199001011005';
const CREDIT_CODE = '91310118MA1J12345N';

/** Applying the changes to the original gives the text: offsets are into the original. */
function replay(original: string, r: MaskResult): string {
  let out = '';
  let at = 0;
  for (const c of r.changes) {
    expect(c.start).toBeGreaterThanOrEqual(at);
    expect(original.slice(c.start, c.end)).toBe(c.original);
    out += original.slice(at, c.start) + c.replacement;
    at = c.end;
  }
  return out + original.slice(at);
}

const nobody: KnownPersonalData = { persons: [] };

describe('masking for publication', () => {
  it.each([
    ['张三', '张某'],
    ['欧阳娜娜', '欧阳某'],
    ['司马光明', '司马某'],
    ['诸葛亮', '诸葛某'],
    ['上官婉儿', '上官某'],
    ['东方明', '东方某'],
    ['皇甫嵩', '皇甫某'],
    ['尉迟恭', '尉迟某'],
    ['公孙胜', '公孙某'],
    ['慕容复', '慕容某'],
    ['令狐冲', '令狐某'],
    ['司徒雷登', '司徒某'],
    ['夏侯惇', '夏侯某'],
    ['王小明', '王某'],
  ])('PUB-11 a known person %s is published as %s wherever the name stands', (name, masked) => {
    const text = `当事人${name}，于2026年3月5日在现场。经查，${name}未按规定办理登记。`;
    const r = maskForPublication(text, { persons: [{ name }] });
    expect(r.text).toBe(`当事人${masked}，于2026年3月5日在现场。经查，${masked}未按规定办理登记。`);
    expect(r.changes.map((c) => c.kind)).toEqual(['personName', 'personName']);
    expect(maskPersonName(name)).toBe(masked);
  });

  it('PUB-11 a realistic penalty decision: the party, the witness and all their numbers', () => {
    const text = [
      '当事人：欧阳娜娜，女，身份证号码：31011819850612101x，住址：上海市青浦区华新镇华志路123弄4号502室，',
      '联系电话：138 1234 5678。',
      '经查，当事人于2026年3月5日擅自改变民防工程用途。证人李四称其曾见到当事人在现场，李四电话021-64123456。',
      '当事人通过其银行账户6222 0212 3456 7890 123缴纳保证金，其提交的病历显示患有高血压，请求从轻处罚。',
      '依据《上海市民防条例》第四十三条，决定罚款人民币50000元（伍万元整）。',
      '本机关文号：沪民防罚字〔2026〕第12号，决定日期2026-03-20。',
    ].join('\n');
    const r = maskForPublication(text, {
      persons: [
        {
          name: '欧阳娜娜',
          idNumber: ID_WITH_X,
          phone: '13812345678',
          address: '上海市青浦区华新镇华志路123弄4号502室',
        },
        { name: '李四', phone: '021-64123456' },
      ],
    });
    expect(r.text).toBe(
      [
        `当事人：欧阳某，女，身份证号码：${X}，住址：${X}，`,
        `联系电话：${X}。`,
        `经查，当事人于2026年3月5日擅自改变民防工程用途。证人李某称其曾见到当事人在现场，李某电话${X}。`,
        `当事人通过其银行账户${X}缴纳保证金，其提交的${X}，请求从轻处罚。`,
        '依据《上海市民防条例》第四十三条，决定罚款人民币50000元（伍万元整）。',
        '本机关文号：沪民防罚字〔2026〕第12号，决定日期2026-03-20。',
      ].join('\n'),
    );
    expect(replay(text, r)).toBe(r.text);
    expect(new Set(r.changes.map((c) => c.kind))).toEqual(
      new Set(['personName', 'idNumber', 'address', 'phone', 'bankAccount', 'health']),
    );
  });

  it('PUB-11 ID numbers found by pattern: 18 digits with X, 15-digit old ones; a credit code stays', () => {
    const text = `身份证${ID_WITH_X}，另一人${ID_OTHER}，旧证号310118850612101，单位代码${CREDIT_CODE}。`;
    const r = maskForPublication(text, nobody);
    expect(r.text).toBe(`身份证${X}，另一人${X}，旧证号${X}，单位代码${CREDIT_CODE}。`);
    expect(r.changes.every((c) => c.kind === 'idNumber')).toBe(true);
  });

  it.each([
    ['13812345678', '手机'],
    ['+86 138 1234 5678', '手机'],
    ['+86-13812345678', '手机'],
    ['138-1234-5678', '手机'],
    ['021-12345678', '固话'],
    ['(021)1234 5678', '固话'],
    ['（021）12345678', '固话'],
    ['0512-6543210', '固话'],
    ['021-64123456转801', '固话'],
    ['021 64123456', '固话'],
  ])('PUB-11 the phone number %s (%s) is removed without a known person', (phone) => {
    const r = maskForPublication(`联系方式：${phone}，工作日可联系。`, nobody);
    expect(r.text).toBe(`联系方式：${X}，工作日可联系。`);
    expect(r.changes).toHaveLength(1);
    expect(r.changes[0]?.kind).toBe('phone');
  });

  it.each([['6222021234567890123'], ['6222 0212 3456 7890'], ['622202123456'], ['6217 0000 1000 2000 123']])(
    'PUB-11 the bank account %s is removed',
    (account) => {
      const r = maskForPublication(`开户账号${account}。`, nobody);
      expect(r.text).toBe(`开户账号${X}。`);
      expect(r.changes[0]?.kind).toBe('bankAccount');
    },
  );

  it.each([
    ['罚款人民币50000元（伍万元整）'],
    ['罚款1,000,000.00元'],
    ['于2026年3月5日、2026-03-20、20260320'],
    ['沪民防罚字〔2026〕第12号'],
    ['青国动罚字〔2026〕第1234号'],
    ['依据《上海市民防条例》第四十三条第一款、第43条'],
    ['建筑面积12345.67平方米，应建防空地下室3000平方米'],
    ['统一社会信用代码91310118MA1J12345N'],
    ['当事人陈述、申辩的权利，当事人应当在收到本决定书之日起15日内缴纳罚款'],
    ['当事人对上述事实无异议，当事人未在规定期限内提出听证申请'],
    ['上海浦江置业有限公司的法定代表人未到场'],
  ])('PUB-11 %s is not masked', (text) => {
    const r = maskForPublication(text, nobody);
    expect(r.changes).toEqual([]);
    expect(r.text).toBe(text);
  });

  it.each([
    ['证人王小明称当日见到涉案车辆。', '证人王某称当日见到涉案车辆。'],
    ['被询问人：赵丽华，男，1975年生。', '被询问人：赵某，男，1975年生。'],
    ['法定代表人：钱国栋，联系人孙美玲（13912345678）。', `法定代表人：钱某，联系人孙某（${X}）。`],
    ['委托代理人周杰于2026年4月1日到场。', '委托代理人周某于2026年4月1日到场。'],
    ['现场负责人欧阳明月陪同检查。', '现场负责人欧阳某陪同检查。'],
    ['见证人林一签字确认。', '见证人林某签字确认。'],
  ])('PUB-11 a name introduced by a cue word: %s', (text, masked) => {
    const r = maskForPublication(text, nobody);
    expect(r.text).toBe(masked);
    expect(r.changes.some((c) => c.kind === 'cuedName')).toBe(true);
  });

  it('PUB-11 an organisation is named with its credit code; its legal representative is masked', () => {
    expect(
      publicPartyName({ kind: 'organisation', name: '上海浦江置业有限公司', creditCode: CREDIT_CODE }),
    ).toBe(`上海浦江置业有限公司（统一社会信用代码：${CREDIT_CODE}）`);
    expect(publicPartyName({ kind: 'organisation', name: '青浦区某某商店' })).toBe('青浦区某某商店');
    expect(publicPartyName({ kind: 'person', name: '欧阳娜娜' })).toBe('欧阳某');
    expect(publicPartyName({ kind: 'person', name: '张三' })).toBe('张某');
    const text = `当事人上海浦江置业有限公司（统一社会信用代码${CREDIT_CODE}），法定代表人张伟。`;
    const r = maskForPublication(text, {
      persons: [{ name: '张伟', idNumber: ID_OTHER }],
      organisations: [{ name: '上海浦江置业有限公司', creditCode: CREDIT_CODE }],
    });
    expect(r.text).toBe(`当事人上海浦江置业有限公司（统一社会信用代码${CREDIT_CODE}），法定代表人张某。`);
  });

  it('PUB-11 a known person inside a known organisation name is not masked there; elsewhere it is', () => {
    const text = '当事人张三餐饮店，经营者张三称不知情。';
    const r = maskForPublication(text, {
      persons: [{ name: '张三' }],
      organisations: [{ name: '张三餐饮店' }],
    });
    expect(r.text).toBe('当事人张三餐饮店，经营者张某称不知情。');
  });

  it('PUB-11 a known address written without its city and district is removed too', () => {
    const r = maskForPublication('其居所位于华新镇华志路123弄4号，', {
      persons: [{ name: '张三', address: '上海市青浦区华新镇华志路123弄4号' }],
    });
    expect(r.text).toBe(`其居所位于${X}，`);
  });

  it('PUB-11 strings the preparer adds are removed as well', () => {
    const r = maskForPublication('当事人驾驶沪A12345号车辆进入民防工程。', {
      persons: [],
      extra: ['沪A12345'],
    });
    expect(r.text).toBe(`当事人驾驶${X}号车辆进入民防工程。`);
    expect(r.changes).toEqual([{ start: 5, end: 12, original: '沪A12345', replacement: X, kind: 'extra' }]);
  });

  it('PUB-11 a phone number inside an address clause: one removal covering both', () => {
    const r = maskForPublication('住址：上海市青浦区华新镇1号13812345678室；', nobody);
    expect(r.text).toBe(`住址：${X}；`);
    expect(r.changes).toHaveLength(1);
  });

  it('PUB-11 masking twice changes nothing more (idempotent)', () => {
    const known: KnownPersonalData = {
      persons: [
        {
          name: '欧阳娜娜',
          idNumber: ID_WITH_X,
          phone: '13812345678',
          address: '上海市青浦区华新镇华志路123弄4号',
        },
        { name: '王小明' },
      ],
      organisations: [{ name: '上海浦江置业有限公司', creditCode: CREDIT_CODE }],
      extra: ['沪A12345'],
    };
    const text =
      `当事人欧阳娜娜（身份证号${ID_WITH_X}，电话13812345678），住址：上海市青浦区华新镇华志路123弄4号；` +
      `证人王小明抵达现场，证人陈大文称见到沪A12345；被询问人李雷患有糖尿病，银行卡622202123456789。` +
      `上海浦江置业有限公司${CREDIT_CODE}。`;
    const once = maskForPublication(text, known);
    const twice = maskForPublication(once.text, known);
    expect(twice.changes).toEqual([]);
    expect(twice.text).toBe(once.text);
    expect(replay(text, once)).toBe(once.text);
  });

  it('PUB-11 property: no planted name, ID number or phone of a known person survives', () => {
    const surnames = ['张', '王', '李', '欧阳', '司马', '诸葛', '上官', '陈', '慕容', '周'];
    const givenChars = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰'];
    const name = fc
      .tuple(
        fc.constantFrom(...surnames),
        fc.array(fc.constantFrom(...givenChars), { minLength: 1, maxLength: 2 }),
      )
      .map(([s, g]) => s + g.join(''));
    const id = fc
      .tuple(
        fc.constantFrom('310118', '110105', '440305', '320102'),
        fc.date({ min: new Date('1940-01-01'), max: new Date('2008-12-31'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 999 }),
        fc.boolean(),
      )
      .map(([region, d, seq, lower]) => {
        const first17 =
          region + d.toISOString().slice(0, 10).replaceAll('-', '') + String(seq).padStart(3, '0');
        const full = first17 + residentIdCheckChar(first17);
        return lower ? full.toLowerCase() : full;
      });
    const mobile = fc
      .tuple(fc.constantFrom('13', '15', '17', '18', '19'), fc.stringMatching(/^\d{9}$/))
      .map(([p, r]) => p + r);
    const phoneStyle = fc.constantFrom(
      (p: string) => p,
      (p: string) => `${p.slice(0, 3)} ${p.slice(3, 7)} ${p.slice(7)}`,
      (p: string) => `${p.slice(0, 3)}-${p.slice(3, 7)}-${p.slice(7)}`,
      (p: string) => `+86${p}`,
    );
    const cue = fc.constantFrom('', '当事人', '证人', '经查，', '被询问人：', '，', '据');
    fc.assert(
      fc.property(name, id, mobile, phoneStyle, cue, cue, (n, idNo, phone, style, c1, c2) => {
        const text =
          `${c1}${n}（身份证号码${idNo}，联系电话${style(phone)}）于2026年3月5日违反《上海市民防条例》第四十三条。` +
          `${c2}${n}的电话为${phone}，罚款人民币10000元。`;
        const r = maskForPublication(text, { persons: [{ name: n, idNumber: idNo.toUpperCase(), phone }] });
        expect(r.text).not.toContain(n);
        expect(r.text.toUpperCase()).not.toContain(idNo.toUpperCase());
        expect(r.text.replace(/\D/g, '')).not.toContain(phone);
        expect(r.text).toContain(maskPersonName(n));
        expect(r.text).toContain('10000元');
        expect(replay(text, r)).toBe(r.text);
        expect(maskForPublication(r.text, { persons: [{ name: n, idNumber: idNo, phone }] }).changes).toEqual(
          [],
        );
      }),
      { numRuns: 300 },
    );
  });
});
