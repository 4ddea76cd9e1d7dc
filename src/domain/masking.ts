/**
 * The public text of a decision (PUB-11): personal data masked before anything is published.
 *
 * A natural person's name becomes surname + 某 (欧阳娜娜 → 欧阳某); ID numbers, phone numbers, bank
 * accounts, home addresses and health data are removed and replaced by {@link MASK_PLACEHOLDER}.
 * Organisations are named. What is masked comes from two sources:
 * - what the case knows: every natural person (parties, witnesses, interviewees, legal
 *   representatives) with their ID number, phone and address, and strings the preparer added;
 * - patterns in the text: ID numbers, mobile and landline numbers, runs of 12–19 digits (bank
 *   accounts), health clauses after cue phrases, home-address clauses after cue words, and names
 *   introduced by cue words (证人张三).
 *
 * The result lists every change with offsets into the original text, so the workbench can show
 * original and masked side by side. Masking is idempotent: masking the output changes nothing.
 * When a pattern is unsure it errs towards masking: the preparer reviews and may add more, but
 * cannot un-mask what the patterns took.
 */
import { checkCreditCode, checkResidentId, COMPOUND_SURNAMES as COMPOUND, maskPersonName } from './identity';

export { COMPOUND_SURNAMES, maskPersonName } from './identity';

/** What a removed item becomes in the public text. */
export const MASK_PLACEHOLDER = '［已隐去］';

export const MASK_KINDS = [
  'personName', // a known person's name → surname + 某
  'cuedName', // a name introduced by a cue word in free text → surname + 某
  'idNumber',
  'phone',
  'bankAccount',
  'address',
  'health',
  'extra', // a string the preparer chose to mask
] as const;
export type MaskKind = (typeof MASK_KINDS)[number];

export const MASK_KIND_LABELS: Record<MaskKind, string> = {
  personName: '姓名',
  cuedName: '文中提及的姓名',
  idNumber: '身份证号码',
  phone: '电话号码',
  bankAccount: '银行账号',
  address: '住址',
  health: '健康信息',
  extra: '补充隐去内容',
};

export interface KnownPerson {
  name: string;
  idNumber?: string;
  phone?: string;
  address?: string;
}
export interface KnownOrganisation {
  name: string;
  creditCode?: string;
}
export interface KnownPersonalData {
  /** Every natural person the case knows. */
  persons: KnownPerson[];
  /** Organisations: named in public, so their names and credit codes are never masked. */
  organisations?: KnownOrganisation[];
  /** Further strings the preparer chose to mask (removed). */
  extra?: string[];
}

export interface MaskChange {
  /** Offsets into the original text (UTF-16 code units), end exclusive. */
  start: number;
  end: number;
  original: string;
  replacement: string;
  kind: MaskKind;
}
export interface MaskResult {
  text: string;
  /** Sorted by start, non-overlapping. */
  changes: MaskChange[];
}

/** Words that introduce a natural person's name in free text (longer first where one contains another). */
export const NAME_CUES: readonly string[] = [
  '委托代理人', '法定代表人', '被询问人', '被检查人', '现场负责人', '负责人', '联系人', '见证人',
  '当事人', '代理人', '经办人', '证人',
]; // prettier-ignore

/** Phrases after which the rest of the clause is health data. */
export const HEALTH_CUES: readonly string[] = [
  '病历', '诊断为', '诊断证明', '确诊', '患有', '患病', '病情', '病史', '住院治疗', '身体状况', '残疾等级',
  '精神疾病', '怀孕', '体检结果',
]; // prettier-ignore

/** Words after which the rest of the clause is a home address. */
export const ADDRESS_CUES: readonly string[] = [
  '家庭住址', '户籍地址', '户籍地', '现住址', '居住地', '住址', '家住', '现住',
]; // prettier-ignore

/** Common surnames: a cue word followed by one of these (or a compound surname) starts a name. */
const SURNAMES = new Set([
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁',
  ...'任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴',
  ...'莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪',
  ...'梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简',
  ...'车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄',
  ...'丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区',
  ...'郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍',
  ...'辜羊乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於居揭干但尉冶斯元束檀衣信展',
  ...'阴昝智幸奉植衡富尧闭由',
]);

/** What commonly follows a cue word without being a name (当事人陈述、申辩 …). */
const NOT_NAME_PREFIXES: readonly string[] = [
  '陈述', '申辩', '应当', '应予', '于', '未', '已', '称', '提出', '有', '逾期', '签', '违反', '经', '要求',
  '认为', '依法', '享有', '收到', '名称', '姓名', '信息', '身份', '住', '单位', '工作', '委托', '代表', '签名',
  '签字', '情况', '明确', '明知', '承诺', '申请', '不服', '主动', '同意', '确认', '承认', '无', '存在', '实施',
  '整改', '改正', '缴纳', '履行', '及时', '一方', '方面', '员', '人员', '都', '全部', '强调', '安排', '同',
]; // prettier-ignore

/** Words that may directly follow a name (证人李四称 …), so the name ends before them. */
const AFTER_NAME: readonly string[] = [
  '称', '证实', '证明', '陈述', '表示', '说', '于', '在', '系', '是', '等', '的', '及', '和', '与', '到', '对',
  '向', '将', '已', '未', '签', '所', '因', '自', '为', '作', '现', '经', '均', '同', '也', '当', '男', '女',
  '先生', '女士', '同志', '身份', '联系', '电话', '住', '户籍', '出生', '提供', '承认', '确认', '拒绝', '陪同',
  '按', '并', '即', '亦', '从', '一同', '到场', '担任', '签字', '签名', '在场', '出具', '反映', '介绍', '交代',
  '讲', '告知', '提交', '持有', '负责', '以', '就',
]; // prettier-ignore

/** Organisation words: a cue followed by a run containing one of these names an organisation. */
const ORG_SUFFIX =
  /公司|集团|中心|工厂|厂|商店|店|商行|经营部|事务所|合作社|协会|学校|医院|酒店|宾馆|单位|委员会|办公室|局|站|馆|部/u;

const HAN = /\p{Script=Han}/u;
const CLAUSE_END = /[，,。；;！!？?\n\r]/u;

interface Candidate {
  start: number;
  end: number;
  kind: MaskKind;
  replacement: string;
}

/** Kinds replaced by the placeholder; the others (names) by surname + 某. */
const REMOVED: ReadonlySet<MaskKind> = new Set([
  'idNumber',
  'phone',
  'bankAccount',
  'address',
  'health',
  'extra',
]);

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function* occurrences(text: string, needle: string): Generator<number> {
  if (needle.length === 0) return;
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1)) yield i;
}

function removal(start: number, end: number, kind: MaskKind): Candidate {
  return { start, end, kind, replacement: MASK_PLACEHOLDER };
}

// --- numbers -----------------------------------------------------------------------------------

const ID_18 = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/gu;
const ID_15 = /(?<![0-9A-Za-z])\d{15}(?![0-9A-Za-z])/gu;
const MOBILE = /(?<![0-9A-Za-z])(?:(?:\+|＋)?86[\s-]?)?1[3-9]\d(?:[\s-]?\d){8}(?![0-9A-Za-z])/gu;
/** Area code in brackets or followed by a dash or space; 7–8 digit local number, maybe grouped; extension. */
const LANDLINE =
  /(?<![0-9A-Za-z])(?:[(（]0\d{2,3}[)）][\s-]?|0\d{2,3}[\s-])[1-9]\d{2,3}[\s-]?\d{4}(?:(?:-|转|#|分机)\d{1,6})?(?![0-9A-Za-z])/gu;
/** 12–19 digits, contiguous or in groups of four separated by single spaces. */
const BANK = /(?<![0-9A-Za-z])(?:\d{12,19}|\d{4}(?: \d{4}){2,3}(?: \d{1,4})?)(?![0-9A-Za-z])/gu;

function numberCandidates(text: string, codes: ReadonlySet<string>): Candidate[] {
  const out: Candidate[] = [];
  for (const m of text.matchAll(ID_18)) {
    const s = m[0].toUpperCase();
    // A credit code of digits alone looks like an ID number: keep it when the case names it, or
    // when it is a valid credit code and not a valid ID number.
    if (codes.has(s)) continue;
    if (!checkResidentId(s).ok && checkCreditCode(s).ok) continue;
    out.push(removal(m.index, m.index + m[0].length, 'idNumber'));
  }
  for (const m of text.matchAll(ID_15)) out.push(removal(m.index, m.index + m[0].length, 'idNumber'));
  for (const re of [MOBILE, LANDLINE])
    for (const m of text.matchAll(re)) out.push(removal(m.index, m.index + m[0].length, 'phone'));
  for (const m of text.matchAll(BANK)) {
    if (codes.has(m[0])) continue;
    out.push(removal(m.index, m.index + m[0].length, 'bankAccount'));
  }
  return out;
}

/** A known number found in any spacing: each digit may be followed by a space or dash. */
function knownNumberCandidates(text: string, value: string, kind: MaskKind): Candidate[] {
  const chars = [...value.replace(/[\s-]/g, '')];
  if (chars.length < 6) return [];
  const re = new RegExp(`(?<![0-9A-Za-z])${chars.map(escapeRegExp).join('[\\s-]?')}(?![0-9A-Za-z])`, 'giu');
  return [...text.matchAll(re)].map((m) => removal(m.index, m.index + m[0].length, kind));
}

// --- clauses after cue phrases -----------------------------------------------------------------

function clauseEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && !CLAUSE_END.test(text[i] ?? '')) i++;
  return i;
}

function healthCandidates(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const cue of HEALTH_CUES)
    for (const i of occurrences(text, cue)) out.push(removal(i, clauseEnd(text, i + cue.length), 'health'));
  return out;
}

/** The clause after 住址 (after an optional colon) is removed; the cue word stays. */
function addressCueCandidates(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const cue of ADDRESS_CUES)
    for (const i of occurrences(text, cue)) {
      let start = i + cue.length;
      while (/[：:\s]/u.test(text[start] ?? '')) start++;
      const end = clauseEnd(text, start);
      if (end > start) out.push(removal(start, end, 'address'));
    }
  return out;
}

/** A known address, and also its part below the district (华新镇华志路123号) when written alone. */
function knownAddressCandidates(text: string, address: string): Candidate[] {
  const a = address.trim();
  if ([...a].length < 4) return [];
  const variants = new Set([a]);
  const below = /^(?:.{1,8}?(?:省|自治区|市))?(?:.{1,8}?(?:市|州|盟))?(?:.{1,8}?(?:区|县|旗))(.+)$/u.exec(
    a,
  )?.[1];
  if (below && [...below].length >= 4) variants.add(below);
  return [...variants].flatMap((v) =>
    [...occurrences(text, v)].map((i) => removal(i, i + v.length, 'address')),
  );
}

// --- names -------------------------------------------------------------------------------------

function knownNameCandidates(text: string, name: string): Candidate[] {
  const n = name.trim();
  if ([...n].length < 2) return [];
  const replacement = maskPersonName(n);
  if (replacement === n) return [];
  return [...occurrences(text, n)].map((i) => ({
    start: i,
    end: i + n.length,
    kind: 'personName',
    replacement,
  }));
}

function isBoundary(text: string, at: number, removalStarts: ReadonlySet<number>): boolean {
  const c = text[at];
  if (removalStarts.has(at)) return true;
  if (c === undefined || !HAN.test(c)) return true;
  return AFTER_NAME.some((w) => text.startsWith(w, at));
}

/**
 * A name after a cue word: a known surname (or compound surname) and 1–3 more Han characters; the
 * shortest such run that ends at a plausible boundary (punctuation, a digit, a word like 称 or 于).
 * With no boundary, the longest run (3 characters, 4 with a compound surname) is masked: better a
 * character too many than part of a name left. Where something removed follows (李雷患有…), the
 * name ends there. Already-masked names (张某) are left alone.
 */
function cuedNameCandidates(text: string, removalStarts: ReadonlySet<number>): Candidate[] {
  const out: Candidate[] = [];
  const cue = new RegExp(`(?:${NAME_CUES.map(escapeRegExp).join('|')})[：:]?\\s?`, 'gu');
  for (const m of text.matchAll(cue)) {
    const at = m.index + m[0].length;
    if (NOT_NAME_PREFIXES.some((p) => text.startsWith(p, at))) continue;
    const compound = COMPOUND.some((s) => text.startsWith(s, at));
    const surnameLen = compound ? 2 : 1;
    if (!compound && !SURNAMES.has(text[at] ?? '')) continue;
    let run = 0;
    while (at + run < text.length && HAN.test(text[at + run] ?? '')) run++;
    const givenMax = Math.min(compound ? 2 : 3, run - surnameLen);
    if (givenMax < 1) continue;
    if (text[at + surnameLen] === '某') continue;
    const clause = text.slice(at, at + run);
    let len = 0;
    for (let g = 1; g <= givenMax; g++) {
      if (isBoundary(text, at + surnameLen + g, removalStarts)) {
        len = surnameLen + g;
        break;
      }
    }
    if (len === 0) {
      if (ORG_SUFFIX.test(clause)) continue;
      len = surnameLen + Math.min(givenMax, 2);
    }
    const name = text.slice(at, at + len);
    out.push({ start: at, end: at + len, kind: 'cuedName', replacement: maskPersonName(name) });
  }
  return out;
}

// --- resolution --------------------------------------------------------------------------------

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start < b.end && b.start < a.end;

/**
 * Removals win over names; overlapping removals merge into one (so a phone inside an address
 * clause does not shorten the address's removal); names overlapping each other: the longer one,
 * a known person before a cued one. Nothing inside a known organisation's name or code is masked
 * except the preparer's own additions.
 */
function resolve(
  text: string,
  candidates: Candidate[],
  protectedSpans: { start: number; end: number }[],
): MaskChange[] {
  const inside = (c: Candidate) => protectedSpans.some((p) => c.start >= p.start && c.end <= p.end);
  const removals = candidates
    .filter((c) => REMOVED.has(c.kind) && (c.kind === 'extra' || !inside(c)))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Candidate[] = [];
  for (const c of removals) {
    const last = merged.at(-1);
    if (last && c.start < last.end) {
      if (c.end > last.end) {
        if (c.end - c.start > last.end - last.start) last.kind = c.kind;
        last.end = c.end;
      }
    } else merged.push({ ...c });
  }
  const names = candidates
    .filter((c) => !REMOVED.has(c.kind))
    .filter((c) => !merged.some((r) => overlaps(r, c)) && !protectedSpans.some((p) => overlaps(p, c)))
    .sort((a, b) => b.end - b.start - (a.end - a.start) || (a.kind === 'personName' ? -1 : 1));
  const chosen: Candidate[] = [];
  for (const c of names) if (!chosen.some((k) => overlaps(k, c))) chosen.push(c);
  return [...merged, ...chosen]
    .sort((a, b) => a.start - b.start)
    .map((c) => ({ ...c, original: text.slice(c.start, c.end) }))
    .filter((c) => c.original !== c.replacement);
}

/** Masks personal data in a text for publication (PUB-11). */
export function maskForPublication(text: string, known: KnownPersonalData): MaskResult {
  const orgs = known.organisations ?? [];
  const codes = new Set(orgs.flatMap((o) => (o.creditCode ? [o.creditCode.trim().toUpperCase()] : [])));
  const protectedSpans = orgs
    .flatMap((o) => [o.name.trim(), o.creditCode?.trim() ?? ''])
    .filter((s) => s.length >= 2)
    .flatMap((s) => [...occurrences(text, s)].map((i) => ({ start: i, end: i + s.length })));
  const candidates: Candidate[] = [
    ...numberCandidates(text, codes),
    ...healthCandidates(text),
    ...addressCueCandidates(text),
  ];
  for (const p of known.persons) {
    if (p.idNumber) candidates.push(...knownNumberCandidates(text, p.idNumber, 'idNumber'));
    if (p.phone) candidates.push(...knownNumberCandidates(text, p.phone, 'phone'));
    if (p.address) candidates.push(...knownAddressCandidates(text, p.address));
  }
  for (const e of known.extra ?? []) {
    const s = e.trim();
    if (s.length > 0 && s !== MASK_PLACEHOLDER)
      candidates.push(...[...occurrences(text, s)].map((i) => removal(i, i + s.length, 'extra')));
  }
  const removalStarts = new Set(candidates.map((c) => c.start));
  candidates.push(...cuedNameCandidates(text, removalStarts));
  for (const p of known.persons) candidates.push(...knownNameCandidates(text, p.name));
  const changes = resolve(text, candidates, protectedSpans);
  let out = '';
  let at = 0;
  for (const c of changes) {
    out += text.slice(at, c.start) + c.replacement;
    at = c.end;
  }
  return { text: out + text.slice(at), changes };
}

/** A party as published: a natural person as surname + 某; an organisation in full with its credit code. */
export function publicPartyName(party: {
  kind: 'person' | 'organisation';
  name: string;
  creditCode?: string | null;
}): string {
  if (party.kind === 'person') return maskPersonName(party.name);
  const code = party.creditCode?.trim();
  return code ? `${party.name.trim()}（统一社会信用代码：${code}）` : party.name.trim();
}
