/**
 * Identity numbers, phone numbers and the masks applied to personal data (PUB-11): what the
 * workbench shows (partly masked) and what public pages show (names as 张某, nothing else).
 */
import { isIsoDate, type IsoDate } from './dates';

type Failure = { ok: false; reason: string };

// ---------------------------------------------------------------------------------------------
// 居民身份证号 (GB 11643-1999)
// ---------------------------------------------------------------------------------------------

/** Province-level codes (first two digits): mainland provinces, plus 81/82/83 for the residence
 * permits of Hong Kong, Macao and Taiwan residents, which use the same number format. */
const PROVINCE_CODES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43',
  '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82', '83',
]); // prettier-ignore

/** ISO 7064 MOD 11-2 weights: 2^(17−i) mod 11 for positions 1…17. */
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** Check character for each value of Σ mod 11. */
const ID_CHECK = '10X98765432';

/** The check character of the first 17 digits of a resident ID number. */
export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK[sum % 11] ?? '';
}

/**
 * Checks an 18-character 居民身份证号: 6-digit region (known province), a real birth date from
 * 1900-01-01 on, a 3-digit sequence (odd = male) and the MOD 11-2 check character. A lower-case x
 * is accepted; callers should store `normalised`.
 */
export function checkResidentId(
  s: string,
): { ok: true; normalised: string; birthDate: IsoDate; sex: 'male' | 'female' } | Failure {
  const id = s.trim().toUpperCase();
  if (id.length !== 18) return { ok: false, reason: '居民身份证号应为 18 位' };
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, reason: '居民身份证号前 17 位应为数字，末位为数字或 X' };
  if (!PROVINCE_CODES.has(id.slice(0, 2))) return { ok: false, reason: '居民身份证号的地址码不正确' };
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isIsoDate(birthDate) || birthDate < '1900-01-01') {
    return { ok: false, reason: '居民身份证号中的出生日期不正确' };
  }
  if (residentIdCheckChar(id) !== id[17]) return { ok: false, reason: '居民身份证号校验码不正确' };
  const sex = Number(id[16]) % 2 === 1 ? 'male' : 'female';
  return { ok: true, normalised: id, birthDate, sex };
}

// ---------------------------------------------------------------------------------------------
// 统一社会信用代码 (GB 32100-2015)
// ---------------------------------------------------------------------------------------------

/** The 31 characters of the code, in value order (no I, O, Z, S, V). */
const CREDIT_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/**
 * Registration authority (position 1) and the organisation types (position 2) it may issue, per
 * GB 32100-2015 and the codes added since (2 外交, 3 司法行政, 4 文化, 6 旅游, 7 宗教, 8 工会,
 * A 中央军委改革和编制办公室, N 农业农村).
 */
const CREDIT_AUTHORITY_TYPES: Record<string, string> = {
  '1': '1239', // 机构编制: 机关, 事业单位, 群众团体, 其他
  '2': '19', // 外交: 外国常驻新闻机构, 其他
  '3': '123459', // 司法行政: 律师执业机构, 公证处, 基层法律服务所, 司法鉴定机构, 仲裁委员会, 其他
  '4': '19', // 文化: 外国在华文化中心, 其他
  '5': '1239', // 民政: 社会团体, 民办非企业单位, 基金会, 其他
  '6': '129', // 旅游: 外国/港澳台旅游部门常驻代表机构, 其他
  '7': '129', // 宗教: 宗教活动场所, 宗教院校, 其他
  '8': '19', // 工会: 基层工会, 其他
  '9': '123', // 市场监管（工商）: 企业, 个体工商户, 农民专业合作社
  A: '19', // 中央军委改革和编制办公室: 军队事业单位, 其他
  N: '1239', // 农业农村: 组级/村级/乡镇级集体经济组织, 其他
  Y: '1', // 其他
};

/** The check character of the first 17 characters of a credit code. */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CHARSET.indexOf(first17[i] ?? '') * (CREDIT_WEIGHTS[i] ?? 0);
  return CREDIT_CHARSET[(31 - (sum % 31)) % 31] ?? '';
}

/**
 * Checks an 18-character 统一社会信用代码: charset, registration authority and type code, a
 * 6-digit region code, and the check character (31 − Σ mod 31, 31 → 0). Lower case is accepted.
 */
export function checkCreditCode(s: string): { ok: true; normalised: string } | Failure {
  const code = s.trim().toUpperCase();
  if (code.length !== 18) return { ok: false, reason: '统一社会信用代码应为 18 位' };
  if (![...code].every((c) => CREDIT_CHARSET.includes(c))) {
    return { ok: false, reason: '统一社会信用代码含有不允许的字符（不使用 I、O、Z、S、V）' };
  }
  const types = CREDIT_AUTHORITY_TYPES[code[0] ?? ''];
  if (types === undefined) return { ok: false, reason: '统一社会信用代码的登记管理部门代码不正确' };
  if (!types.includes(code[1] ?? '')) return { ok: false, reason: '统一社会信用代码的机构类别代码不正确' };
  if (!/^\d{6}$/.test(code.slice(2, 8)))
    return { ok: false, reason: '统一社会信用代码的登记管理机关行政区划码不正确' };
  if (creditCodeCheckChar(code) !== code[17]) return { ok: false, reason: '统一社会信用代码校验码不正确' };
  return { ok: true, normalised: code };
}

// ---------------------------------------------------------------------------------------------
// Phone numbers
// ---------------------------------------------------------------------------------------------

export type PhoneKind = 'mobile' | 'landline';

const MOBILE = /^(?:\+?86)?(1[3-9]\d{9})$/;
/** Area code (3 digits for 010 and 02x, 4 for the rest), optional dash, 7–8 digit local number
 * (never starting with 0 or 1), optional extension after -, 转, #, ext or 分机. */
const LANDLINE = /^\(?(0(?:10|2\d|[3-9]\d{2}))\)?-?([2-9]\d{6,7})(?:(?:-|转|#|ext\.?|分机)(\d{1,6}))?$/i;

/**
 * Checks a mainland mobile (1[3-9] + 9 digits, optional +86) or landline number. Spaces are
 * ignored. Normalised forms: `13812345678`, `021-12345678`, `021-12345678-801`.
 */
export function checkPhone(s: string): { ok: true; kind: PhoneKind; normalised: string } | Failure {
  const t = s.replace(/[\s\u3000]/g, '');
  const m = MOBILE.exec(t);
  if (m?.[1]) return { ok: true, kind: 'mobile', normalised: m[1] };
  const l = LANDLINE.exec(t);
  if (l?.[1] && l[2]) {
    const ext = l[3] ? `-${l[3]}` : '';
    return { ok: true, kind: 'landline', normalised: `${l[1]}-${l[2]}${ext}` };
  }
  return { ok: false, reason: '电话号码格式不正确（手机号 11 位，固定电话为区号加 7–8 位号码）' };
}

// ---------------------------------------------------------------------------------------------
// Masks
// ---------------------------------------------------------------------------------------------

/** Keeps the first 3 and last 4 characters, stars the rest, same length; all stars when short. */
export function maskIdNumber(s: string): string {
  const chars = [...s.trim()];
  if (chars.length <= 7) return '*'.repeat(chars.length);
  return chars.slice(0, 3).join('') + '*'.repeat(chars.length - 7) + chars.slice(-4).join('');
}

/** Mobile: `138****5678`. Landline: area code and last 2 digits (`021-******78`, extension
 * dropped). Anything unrecognised: every digit but the last 2 starred. */
export function maskPhone(s: string): string {
  const p = checkPhone(s);
  if (p.ok && p.kind === 'mobile') return `${p.normalised.slice(0, 3)}****${p.normalised.slice(7)}`;
  if (p.ok) {
    const [area = '', local = ''] = p.normalised.split('-');
    return `${area}-${'*'.repeat(local.length - 2)}${local.slice(-2)}`;
  }
  const digits = (s.match(/\d/g) ?? []).length;
  let seen = 0;
  return s.replace(/\d/g, (d) => (++seen > digits - 2 ? d : '*'));
}

const PROVINCE_LEVEL =
  '(?:(?:北京|天津|上海|重庆)市?|(?:河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|云南|陕西|甘肃|青海|台湾)省|内蒙古自治区|广西壮族自治区|西藏自治区|宁夏回族自治区|新疆维吾尔自治区|香港特别行政区|澳门特别行政区)';
/** A place name: a few characters that are not themselves level markers or street words. */
const PLACE = '[^省市区县旗盟路街道巷弄号村镇乡小\\d\\s]{1,7}?';
const PREFECTURE = `${PLACE}(?:市|自治州|地区|盟)`;
const COUNTY = `${PLACE}(?:区|县|市|旗)`;
const ADDRESS_LEVELS = new RegExp(`^(${PROVINCE_LEVEL})(${PREFECTURE})?(${COUNTY})?`);
const COUNTY_ONLY = new RegExp(`^(${COUNTY})`);

/**
 * Keeps the address down to the district/county level and stars the rest:
 * `上海市青浦区华新镇某路1号` → `上海市青浦区***`, `浙江省杭州市西湖区…` → `浙江省杭州市西湖区***`.
 * When no county-level name is found it keeps what it recognises (province, city); an address it
 * cannot read at all becomes `***`.
 */
export function maskAddress(s: string): string {
  const t = s.trim();
  const m = ADDRESS_LEVELS.exec(t);
  // A municipality (上海市) goes straight to its districts; a province has a prefecture level first.
  const kept = m ? m.slice(1).join('') : (COUNTY_ONLY.exec(t)?.[1] ?? '');
  return kept === t ? t : `${kept}***`;
}

/** Two-character surnames kept whole when masking names (欧阳娜娜 → 欧阳某). */
export const COMPOUND_SURNAMES: readonly string[] = [
  '欧阳', '司马', '诸葛', '上官', '东方', '皇甫', '尉迟', '公孙', '慕容', '令狐', '长孙', '宇文', '司徒',
  '夏侯', '端木', '独孤', '南宫', '西门', '轩辕', '澹台', '万俟', '闻人', '呼延', '百里', '东郭', '申屠',
  '公羊', '赫连', '拓跋', '钟离', '太史', '濮阳', '单于', '第五', '左丘', '司空', '梁丘', '淳于',
]; // prettier-ignore

/**
 * A natural person's name as published (PUB-11): surname + 某. 张三 → 张某, 欧阳修 → 欧阳某. A
 * two-character name is always read as surname + given name (欧阳 → 欧某).
 */
export function maskPersonName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  const first2 = chars.slice(0, 2).join('');
  const surname = chars.length >= 3 && COMPOUND_SURNAMES.includes(first2) ? first2 : (chars[0] ?? '');
  return `${surname}某`;
}
