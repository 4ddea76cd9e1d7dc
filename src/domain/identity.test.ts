import { describe, expect, it } from 'vitest';
import {
  checkCreditCode,
  checkPhone,
  checkResidentId,
  creditCodeCheckChar,
  maskAddress,
  maskIdNumber,
  maskPersonName,
  maskPhone,
  residentIdCheckChar,
} from './identity';

/*
 * Resident ID check character (GB 11643-1999, ISO 7064 MOD 11-2): multiply digit i (1…17) by
 * 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, sum, take Σ mod 11 and look it up in
 * 0→1 1→0 2→X 3→9 4→8 5→7 6→6 7→5 8→4 9→3 10→2.
 *
 * 11010519491231002X (the standard's sample):
 *   1·7+1·9+0·10+1·5+0·8+5·4+1·2+9·1+4·6+9·3+1·7+2·9+3·10+1·5+0·8+0·4+2·2
 *   = 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167; 167 mod 11 = 2 → X. Sequence 002: even → female.
 * 310118199001011231: 3·7+1·9+0+1·5+1·8+8·4+1·2+9·1+9·6+0+0+1·9+0+1·5+1·8+2·4+3·2
 *   = 21+9+0+5+8+32+2+9+54+0+0+9+0+5+8+8+6 = 176; 176 mod 11 = 0 → 1. Sequence 123: odd → male.
 * 440307198510234560: 4·7+4·9+0+3·5+0+7·4+1·2+9·1+8·6+5·3+1·7+0+2·10+3·5+4·8+5·4+6·2
 *   = 28+36+0+15+0+28+2+9+48+15+7+0+20+15+32+20+12 = 287; 287 mod 11 = 1 → 0. Sequence 456: female.
 * 110101198002290034 (29 February of a leap year): 1·7+1·9+0+1·5+0+1·4+1·2+9·1+8·6+0+0+2·9+2·10
 *   +9·5+0+0+3·2 = 7+9+5+4+2+9+48+18+20+45+6 = 173; 173 mod 11 = 8 → 4.
 */
describe('checkResidentId', () => {
  it.each([
    ['11010519491231002X', '1949-12-31', 'female'],
    ['310118199001011231', '1990-01-01', 'male'],
    ['440307198510234560', '1985-10-23', 'female'],
    ['110101198002290034', '1980-02-29', 'male'],
  ] as const)('accepts %s (born %s, %s)', (id, birthDate, sex) => {
    expect(checkResidentId(id)).toEqual({ ok: true, normalised: id, birthDate, sex });
  });

  it('accepts a lower-case x and normalises it', () => {
    expect(checkResidentId(' 11010519491231002x ')).toMatchObject({
      ok: true,
      normalised: '11010519491231002X',
    });
  });

  it('computes the check character', () => {
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
    expect(residentIdCheckChar('31011819900101123')).toBe('1');
  });

  it.each([
    ['11010519491231002', '18 位'],
    ['1101051949123100200', '18 位'],
    ['1101051949123100A2', '数字'],
    ['99010519491231002X', '地址码'],
    ['110105194902300024', '出生日期'], // 30 February
    ['110105189912310025', '出生日期'], // before 1900
    ['110105194913010026', '出生日期'], // month 13
    ['110105194912310021', '校验码'],
    ['310118199001011232', '校验码'],
  ])('refuses %s (%s)', (id, hint) => {
    const r = checkResidentId(id);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(hint);
  });
});

/*
 * Credit code check character (GB 32100-2015): characters have the values 0-9 → 0-9, A-H → 10-17,
 * J-N → 18-22, P-R → 23-25, T → 26, U → 27, W-Y → 28-30. Multiply by
 * 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28, sum, check value = 31 − Σ mod 31 (31 → 0).
 *
 * 91350100M000100Y43: 9·1+1·3+3·9+5·27+0+1·26+0+0+M(21)·20+0+0+0+1·8+0+0+Y(30)·30+4·28
 *   = 9+3+27+135+26+420+8+900+112 = 1640; 1640 mod 31 = 28; 31 − 28 = 3 → '3'.
 * 91110000600037341L: 9+3+9+27+6·20+3·8+7·24+3·10+4·30+1·28 = 538; 538 mod 31 = 11; 31 − 11 = 20 → L.
 * 12310118425026143P (a 事业单位 in 青浦): 1+6+27+27+0+26+16+136+80+58+125+0+16+144+10+120+84 = 876;
 *   876 mod 31 = 8; 31 − 8 = 23 → P.
 * 92310118MA1K00001E (an individual business): 9+6+27+27+0+26+16+136+420+290+25+K(19)·13+0+0+0+0+28
 *   = 1257; 1257 mod 31 = 17; 31 − 17 = 14 → E.
 */
describe('checkCreditCode', () => {
  it.each(['91350100M000100Y43', '91110000600037341L', '12310118425026143P', '92310118MA1K00001E'])(
    'accepts %s',
    (code) => {
      expect(checkCreditCode(code)).toEqual({ ok: true, normalised: code });
    },
  );

  it('accepts lower case and normalises it', () => {
    expect(checkCreditCode('91350100m000100y43')).toEqual({ ok: true, normalised: '91350100M000100Y43' });
  });

  it('computes the check character', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    expect(creditCodeCheckChar('91110000600037341')).toBe('L');
  });

  it.each([
    ['91350100M000100Y4', '18 位'],
    ['91350100M000100I43', '不允许的字符'],
    ['91350100M000100S43', '不允许的字符'],
    ['B1350100M000100Y43', '登记管理部门'],
    ['94350100M000100Y43', '机构类别'],
    ['Y2350100M000100Y43', '机构类别'],
    ['9135A100M000100Y43', '行政区划码'],
    ['91350100M000100Y44', '校验码'],
    ['91110000600037341M', '校验码'],
  ])('refuses %s (%s)', (code, hint) => {
    const r = checkCreditCode(code);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(hint);
  });
});

describe('checkPhone', () => {
  it.each([
    ['13812345678', 'mobile', '13812345678'],
    ['+86 138 1234 5678', 'mobile', '13812345678'],
    ['19912345678', 'mobile', '19912345678'],
    ['021-69712345', 'landline', '021-69712345'],
    ['02169712345', 'landline', '021-69712345'],
    ['010-8888888', 'landline', '010-8888888'],
    ['0512-65123456', 'landline', '0512-65123456'],
    ['051265123456', 'landline', '0512-65123456'],
    ['(021)69712345', 'landline', '021-69712345'],
    ['021-69712345-801', 'landline', '021-69712345-801'],
    ['021-69712345转801', 'landline', '021-69712345-801'],
  ] as const)('accepts %s as %s %s', (input, kind, normalised) => {
    expect(checkPhone(input)).toEqual({ ok: true, kind, normalised });
  });

  it.each(['12812345678', '1381234567', '138123456789', '21-69712345', '021-0971234', '', 'abc'])(
    'refuses %j',
    (input) => {
      expect(checkPhone(input)).toMatchObject({ ok: false, reason: expect.stringContaining('电话号码') });
    },
  );
});

describe('masks for the workbench', () => {
  it('maskIdNumber keeps the first 3 and last 4 characters, same length', () => {
    expect(maskIdNumber('310101199001011234')).toBe('310***********1234');
    expect(maskIdNumber('11010519491231002X')).toHaveLength(18);
    expect(maskIdNumber('1234567')).toBe('*******');
  });

  it('maskPhone keeps 3 + 4 digits of a mobile, area code + 2 digits of a landline', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('021-69712345')).toBe('021-******45');
    expect(maskPhone('0512-6512345')).toBe('0512-*****45');
    expect(maskPhone('021-69712345转801')).toBe('021-******45');
    expect(maskPhone('12-34 56')).toBe('**-** 56');
  });

  it.each([
    ['上海市青浦区华新镇某路1号', '上海市青浦区***'],
    ['上海市浦东新区张江镇某路2弄3号', '上海市浦东新区***'],
    ['上海青浦区华新镇', '上海青浦区***'],
    ['浙江省杭州市西湖区文三路1号', '浙江省杭州市西湖区***'],
    ['江苏省昆山市玉山镇某路', '江苏省昆山市***'],
    ['江苏省苏州市吴中区某路', '江苏省苏州市吴中区***'],
    ['广东省广州市天河区某路', '广东省广州市天河区***'],
    ['内蒙古自治区呼和浩特市新城区某街', '内蒙古自治区呼和浩特市新城区***'],
    ['云南省西双版纳傣族自治州景洪市某路', '云南省西双版纳傣族自治州景洪市***'],
    ['上海市某某路1号', '上海市***'],
    ['青浦区华新镇某路1号', '青浦区***'],
    ['华新镇某路1号', '***'],
    ['上海市青浦区', '上海市青浦区'],
  ])('maskAddress(%s) → %s', (address, masked) => {
    expect(maskAddress(address)).toBe(masked);
  });
});

describe('names on public pages', () => {
  it.each([
    ['张三', '张某'],
    ['王小明', '王某'],
    ['欧阳娜娜', '欧阳某'],
    ['诸葛亮', '诸葛某'],
    ['上官婉儿', '上官某'],
    ['东方明', '东方某'],
    ['欧阳', '欧某'],
    [' 李四 ', '李某'],
    ['', ''],
  ])('PUB-11 maskPersonName(%j) → %j', (name, masked) => {
    expect(maskPersonName(name)).toBe(masked);
  });
});
