/**
 * Penalty rules: discretion benchmarks (裁量基准) and the fine bands they allow, the limits of the
 * simplified procedure (行政处罚法 art. 51), the hearing thresholds (art. 63) and this office's
 * seed power items. Amounts are integer fen throughout.
 */
import { formatYuan } from './money';
import {
  SANCTION_KINDS,
  yuan,
  type ActType,
  type Fen,
  type PartyKind,
  type Sanction,
  type SanctionKind,
} from './case-types';

// ---------------------------------------------------------------------------------------------
// Discretion benchmark model: violation → legal basis → grade → conditions → standard
// ---------------------------------------------------------------------------------------------

export const GRADES = ['none', 'lenient', 'ordinary', 'severe'] as const;
export type Grade = (typeof GRADES)[number];
export const GRADE_LABELS: Record<Grade, string> = {
  none: '不予处罚',
  lenient: '从轻',
  ordinary: '一般',
  severe: '从重',
};

export interface FenBand {
  min: Fen;
  max: Fen;
}

/**
 * What a grade allows.
 * - `band`: a fine range per party kind; a party kind left out cannot be fined under this grade.
 * - `perUnit`: `perUnit` fen per `unit` (e.g. per m² of shortfall), at least `min` and at most
 *   `cap`: the ceiling for a case is min(cap, max(min, perUnit × units)). `partyKinds` limits it
 *   to some party kinds (default both).
 * - `none`: no fine (不予处罚, or a warning alone).
 */
export type FineStandard =
  | { kind: 'band'; person?: FenBand; organisation?: FenBand }
  | { kind: 'perUnit'; unit: string; perUnit: Fen; cap: Fen; min?: Fen; partyKinds?: PartyKind[] }
  | { kind: 'none' };

export interface BenchmarkGrade {
  grade: Grade;
  /** 适用情形, as published. */
  conditions: string;
  standard: FineStandard;
  /** Other sanctions that go with this grade (e.g. 警告), for display. */
  sanctions?: SanctionKind[];
}

export interface DiscretionBenchmark {
  violation: string;
  /** One entry per violation the item punishes; absent: `violation` split at its semicolons. */
  violations?: string[];
  basis: string;
  /** The statutory fine band per party kind (the law). When absent, the union of the grades'. */
  legal?: { person?: FenBand; organisation?: FenBand };
  grades: BenchmarkGrade[];
}

export interface FieldProblem {
  field: string;
  message: string;
}

const isFen = (n: unknown): n is Fen => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

function validateBand(band: FenBand, field: string, problems: FieldProblem[]): void {
  if (!isFen(band.min)) problems.push({ field: `${field}.min`, message: '金额应为非负整数（分）' });
  if (!isFen(band.max)) problems.push({ field: `${field}.max`, message: '金额应为非负整数（分）' });
  if (isFen(band.min) && isFen(band.max)) {
    if (band.max <= 0) problems.push({ field: `${field}.max`, message: '罚款上限应大于零' });
    if (band.min > band.max) problems.push({ field: `${field}.min`, message: '罚款下限不能高于上限' });
  }
}

function within(inner: FenBand, outer: FenBand): boolean {
  return inner.min >= outer.min && inner.max <= outer.max;
}

/** Problems with a benchmark, each naming its field; empty when it is sound. */
export function validateBenchmark(b: DiscretionBenchmark): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!b.violation.trim()) problems.push({ field: 'violation', message: '违法行为不能为空' });
  if (!b.basis.trim()) problems.push({ field: 'basis', message: '处罚依据不能为空' });
  if (b.legal) {
    for (const kind of ['person', 'organisation'] as const) {
      const band = b.legal[kind];
      if (band) validateBand(band, `legal.${kind}`, problems);
    }
  }
  if (b.grades.length === 0) problems.push({ field: 'grades', message: '裁量基准至少应有一个裁量等级' });
  b.grades.forEach((g, i) => {
    const at = `grades[${i}]`;
    if (!(GRADES as readonly string[]).includes(g.grade)) {
      problems.push({ field: `${at}.grade`, message: '裁量等级不正确' });
    }
    if (!g.conditions.trim()) problems.push({ field: `${at}.conditions`, message: '适用情形不能为空' });
    for (const s of g.sanctions ?? []) {
      if (!(SANCTION_KINDS as readonly string[]).includes(s)) {
        problems.push({ field: `${at}.sanctions`, message: `处罚种类“${s}”不正确` });
      }
    }
    const st = g.standard;
    if (g.grade === 'none' && st.kind !== 'none') {
      problems.push({ field: `${at}.standard`, message: '不予处罚的等级不能设定罚款' });
    }
    switch (st.kind) {
      case 'none':
        break;
      case 'band':
        if (!st.person && !st.organisation) {
          problems.push({
            field: `${at}.standard`,
            message: '罚款幅度至少应对自然人或法人、其他组织之一设定',
          });
        }
        for (const kind of ['person', 'organisation'] as const) {
          const band = st[kind];
          if (!band) continue;
          validateBand(band, `${at}.standard.${kind}`, problems);
          const legal = b.legal?.[kind];
          if (legal && isFen(band.min) && isFen(band.max) && !within(band, legal)) {
            problems.push({ field: `${at}.standard.${kind}`, message: '裁量幅度超出法定罚款幅度' });
          }
          if (b.legal && !legal) {
            problems.push({ field: `${at}.standard.${kind}`, message: '法定罚款幅度未对该类当事人设定罚款' });
          }
        }
        break;
      case 'perUnit': {
        if (!st.unit.trim()) problems.push({ field: `${at}.standard.unit`, message: '计量单位不能为空' });
        if (!isFen(st.perUnit) || st.perUnit <= 0) {
          problems.push({ field: `${at}.standard.perUnit`, message: '单价应为正整数（分）' });
        }
        if (!isFen(st.cap) || st.cap <= 0) {
          problems.push({ field: `${at}.standard.cap`, message: '罚款上限应为正整数（分）' });
        }
        if (st.min !== undefined) {
          if (!isFen(st.min))
            problems.push({ field: `${at}.standard.min`, message: '金额应为非负整数（分）' });
          else if (isFen(st.cap) && st.min > st.cap) {
            problems.push({ field: `${at}.standard.min`, message: '罚款下限不能高于上限' });
          }
        }
        if (st.partyKinds?.length === 0) {
          problems.push({ field: `${at}.standard.partyKinds`, message: '适用当事人类型不能为空' });
        }
        for (const kind of st.partyKinds ?? (['person', 'organisation'] as const)) {
          const legal = b.legal?.[kind];
          if (legal && isFen(st.cap) && st.cap > legal.max) {
            problems.push({ field: `${at}.standard.cap`, message: '裁量上限超出法定罚款幅度' });
          }
          if (legal && (st.min === undefined || isFen(st.min)) && (st.min ?? 0) < legal.min) {
            problems.push({ field: `${at}.standard.min`, message: '裁量下限低于法定罚款下限' });
          }
        }
        break;
      }
    }
  });
  return problems;
}

/** The band a grade's standard allows a party kind, before any per-unit computation; null when
 * the grade allows that party no fine. */
function gradeBand(st: FineStandard, partyKind: PartyKind): FenBand | null {
  switch (st.kind) {
    case 'none':
      return null;
    case 'band':
      return st[partyKind] ?? null;
    case 'perUnit':
      if (st.partyKinds && !st.partyKinds.includes(partyKind)) return null;
      return { min: st.min ?? 0, max: st.cap };
  }
}

/**
 * The statutory fine band of the power item for a party kind: `legal` when the benchmark states
 * it, otherwise the span of its grades (lowest minimum to highest maximum). Null when the party
 * kind cannot be fined at all.
 */
export function legalBand(benchmark: DiscretionBenchmark, partyKind: PartyKind): FenBand | null {
  if (benchmark.legal) return benchmark.legal[partyKind] ?? null;
  let band: FenBand | null = null;
  for (const g of benchmark.grades) {
    const b = gradeBand(g.standard, partyKind);
    if (!b) continue;
    band = band ? { min: Math.min(band.min, b.min), max: Math.max(band.max, b.max) } : { ...b };
  }
  return band;
}

const money = (fen: Fen): string => formatYuan(fen);
const bandText = (b: FenBand): string => `${money(b.min)}至${money(b.max)}`;

export type FineCheck =
  | { ok: true }
  | {
      ok: false;
      code: 'FINE_OUTSIDE_BAND' | 'FINE_INVALID' | 'GRADE_NOT_FOUND' | 'UNITS_REQUIRED';
      message: string;
      /** The band the fine had to fall in; null when none applies. */
      band: FenBand | null;
    };

/**
 * Checks a proposed fine (fen). 0 means no fine: accepted unless the given grade requires one
 * (whether the statute makes a fine mandatory is not judged here). Outside the power item's legal band it is refused;
 * with a grade it must also fall within that grade's band, and for a per-unit grade within
 * [min, min(cap, max(min, perUnit × units))]. A grade of kind `none` allows only 0.
 */
export function checkFine(
  benchmark: DiscretionBenchmark,
  partyKind: PartyKind,
  fine: Fen,
  opts: { grade?: Grade; units?: number } = {},
): FineCheck {
  if (!isFen(fine)) {
    return { ok: false, code: 'FINE_INVALID', message: '罚款金额应为非负整数（分）', band: null };
  }
  const party = partyKind === 'person' ? '自然人' : '法人或其他组织';
  const legal = legalBand(benchmark, partyKind);
  if (fine > 0) {
    if (!legal) {
      return { ok: false, code: 'FINE_OUTSIDE_BAND', message: `该事项对${party}不设罚款`, band: null };
    }
    if (fine < legal.min || fine > legal.max) {
      return {
        ok: false,
        code: 'FINE_OUTSIDE_BAND',
        message: `罚款${money(fine)}超出法定幅度（${party}：${bandText(legal)}）`,
        band: legal,
      };
    }
  }
  if (opts.grade === undefined) return { ok: true };

  const grades = benchmark.grades.filter((g) => g.grade === opts.grade);
  if (grades.length === 0) {
    return {
      ok: false,
      code: 'GRADE_NOT_FOUND',
      message: `裁量基准中没有“${GRADE_LABELS[opts.grade]}”等级`,
      band: null,
    };
  }
  // A grade may have several rows (different conditions); the fine must fit one of them.
  let last: FineCheck = { ok: true };
  for (const g of grades) {
    const r = checkGradeFine(g, partyKind, fine, opts.units, party);
    if (r.ok) return r;
    last = r;
  }
  return last;
}

function checkGradeFine(
  g: BenchmarkGrade,
  partyKind: PartyKind,
  fine: Fen,
  units: number | undefined,
  party: string,
): FineCheck {
  const label = GRADE_LABELS[g.grade];
  const st = g.standard;
  let band = gradeBand(st, partyKind);
  if (!band) {
    return fine === 0
      ? { ok: true }
      : { ok: false, code: 'FINE_OUTSIDE_BAND', message: `“${label}”等级对${party}不设罚款`, band: null };
  }
  if (st.kind === 'perUnit') {
    if (units === undefined || !Number.isFinite(units) || units < 0) {
      return {
        ok: false,
        code: 'UNITS_REQUIRED',
        message: `“${label}”等级按${st.unit}计罚，须填写数量（${st.unit}）`,
        band,
      };
    }
    const computed = Math.floor(st.perUnit * units);
    band = { min: band.min, max: Math.min(st.cap, Math.max(band.min, computed)) };
  }
  if (fine === 0 || fine < band.min || fine > band.max) {
    return {
      ok: false,
      code: 'FINE_OUTSIDE_BAND',
      message: `罚款${money(fine)}不在“${label}”等级的幅度内（${party}：${bandText(band)}）`,
      band,
    };
  }
  return { ok: true };
}

// ---------------------------------------------------------------------------------------------
// Simplified procedure (行政处罚法 art. 51)
// ---------------------------------------------------------------------------------------------

/** On-the-spot fines: up to ¥200 for a person, ¥3,000 for an organisation (inclusive). */
export const SIMPLIFIED_FINE_LIMITS: Record<PartyKind, Fen> = { person: yuan(200), organisation: yuan(3000) };

export function checkSimplified(
  partyKind: PartyKind,
  sanction: Sanction,
): { ok: true } | { ok: false; code: 'SIMPLIFIED_LIMIT_EXCEEDED'; message: string; field: string } {
  const fail = (message: string, field: string) =>
    ({ ok: false, code: 'SIMPLIFIED_LIMIT_EXCEEDED', message, field }) as const;
  const other = sanction.kinds.filter((k) => k !== 'warning' && k !== 'fine');
  if (other.length > 0) {
    return fail('简易程序只能给予警告或者罚款，不能适用于其他种类的处罚', 'kinds');
  }
  if (sanction.kinds.length === 0) return fail('简易程序应给予警告或者罚款', 'kinds');
  if (sanction.confiscated > 0) return fail('简易程序不能没收违法所得或者非法财物', 'confiscated');
  const limit = SIMPLIFIED_FINE_LIMITS[partyKind];
  if (sanction.fine > limit) {
    const who = partyKind === 'person' ? '公民' : '法人或者其他组织';
    return fail(`简易程序对${who}只能处以${money(limit)}以下罚款；超过的应适用普通程序`, 'fine');
  }
  return { ok: true };
}

// ---------------------------------------------------------------------------------------------
// Hearing (行政处罚法 art. 63); a penalty that qualifies is a major decision (REV-01 (1))
// ---------------------------------------------------------------------------------------------

/** 较大数额 thresholds (inclusive), set by local rule. */
export interface HearingThresholds {
  person: Fen;
  organisation: Fen;
  /** Value of confiscated gains/property. */
  confiscation: Fen;
}

/** Defaults: fines person ≥ ¥5,000, organisation ≥ ¥50,000 (DOMAIN.md); confiscation ≥ ¥50,000 is
 * this platform's choice — configurable per office, set it to the local rule. */
export const DEFAULT_HEARING_THRESHOLDS: HearingThresholds = {
  person: yuan(5000),
  organisation: yuan(50000),
  confiscation: yuan(50000),
};

/** Whether the party may request a hearing, with the reasons (Chinese). Qualifying = major. */
export function hearingQualifies(
  partyKind: PartyKind,
  sanction: Sanction,
  thresholds: HearingThresholds = DEFAULT_HEARING_THRESHOLDS,
): { qualifies: boolean; reasons: string[] } {
  const reasons: string[] = [];
  const fineThreshold = thresholds[partyKind];
  if (sanction.fine > 0 && sanction.fine >= fineThreshold) {
    const who = partyKind === 'person' ? '自然人' : '法人或其他组织';
    reasons.push(`较大数额罚款（${money(sanction.fine)}，${who}达到${money(fineThreshold)}）`);
  }
  if (sanction.confiscated > 0 && sanction.confiscated >= thresholds.confiscation) {
    reasons.push(`没收较大数额违法所得、较大价值非法财物（${money(sanction.confiscated)}）`);
  }
  const kinds = new Set(sanction.kinds);
  if (kinds.has('lowerQualification')) reasons.push('降低资质等级');
  if (kinds.has('revokeLicence')) reasons.push('吊销许可证件');
  if (kinds.has('suspension')) reasons.push('责令停产停业、责令关闭');
  if (kinds.has('restriction')) reasons.push('限制从业');
  return { qualifies: reasons.length > 0, reasons };
}

// ---------------------------------------------------------------------------------------------
// Seed power items of this office (青浦区民防办)
// ---------------------------------------------------------------------------------------------

/** Certificate domains (执法领域) in this office; power items and certificates use the same names. */
export const CERTIFICATE_DOMAINS = ['民防工程建设', '人防工程使用管理', '民防工程监理'] as const;
export type CertificateDomain = (typeof CERTIFICATE_DOMAINS)[number];

export interface PowerItemSeed {
  code: string;
  name: string;
  actType: ActType;
  basis: string[];
  domain: CertificateDomain;
  benchmark: DiscretionBenchmark;
}

const NO_FINE: FineStandard = { kind: 'none' };
const band = (minYuan: number, maxYuan: number): FenBand => ({ min: yuan(minYuan), max: yuan(maxYuan) });
const FIRST_MINOR = '初次违法且危害后果轻微并及时改正的（《中华人民共和国行政处罚法》第三十三条第一款）';

/** A benchmark for items that carry no fine (inspection, licensing, compulsion). */
const noFineBenchmark = (violation: string, basis: string, conditions: string): DiscretionBenchmark => ({
  violation,
  basis,
  grades: [{ grade: 'none', conditions, standard: NO_FINE }],
});

/*
 * The statutory bands (`legal`) are the law (DOMAIN.md, "Penalties in this office's field").
 * The grades, their conditions and their amounts are DEMO DATA: each office publishes its own
 * discretion benchmark and must replace them. Article texts name the article only where the
 * paragraph/item of 《上海市民防条例》第四十三条 has not been checked against the current text.
 */
export const SEED_POWER_ITEMS: readonly PowerItemSeed[] = [
  {
    code: 'QPMF-CF-001',
    name: '对少建防空地下室或者不缴、少缴民防工程建设费的行政处罚',
    actType: 'penalty',
    basis: ['《上海市民防条例》第四十三条'],
    domain: '民防工程建设',
    benchmark: {
      violation: '新建民用建筑少建防空地下室，或者不缴纳、少缴纳民防工程建设费',
      basis: '《上海市民防条例》第四十三条：给予警告，责令限期改正，处一万元以上十万元以下罚款',
      legal: { person: band(10_000, 100_000), organisation: band(10_000, 100_000) },
      grades: [
        {
          grade: 'lenient',
          conditions: '少建面积不足100平方米或者少缴费用不足10万元，且在责令期限内改正的',
          standard: { kind: 'band', person: band(10_000, 30_000), organisation: band(10_000, 30_000) },
          sanctions: ['warning', 'fine'],
        },
        {
          grade: 'ordinary',
          conditions: '少建面积100平方米以上，或者少缴费用10万元以上的：按少建面积每平方米200元计罚',
          standard: {
            kind: 'perUnit',
            unit: 'm²',
            perUnit: yuan(200),
            min: yuan(30_000),
            cap: yuan(100_000),
          },
          sanctions: ['warning', 'fine'],
        },
        {
          grade: 'severe',
          conditions: '逾期不改正，或者拒绝、阻碍检查的',
          standard: { kind: 'band', person: band(70_000, 100_000), organisation: band(70_000, 100_000) },
          sanctions: ['warning', 'fine'],
        },
      ],
    },
  },
  {
    code: 'QPMF-CF-002',
    name: '对出租、使用未经竣工验收或者验收不合格的民防工程的行政处罚',
    actType: 'penalty',
    basis: ['《上海市民防条例》第四十三条'],
    domain: '人防工程使用管理',
    benchmark: {
      violation: '出租、使用未经竣工验收或者竣工验收不合格的民防工程',
      basis: '《上海市民防条例》第四十三条：对个人处一千元以上五千元以下、对单位处一万元以上五万元以下罚款',
      legal: { person: band(1_000, 5_000), organisation: band(10_000, 50_000) },
      grades: [
        {
          grade: 'lenient',
          conditions: '使用面积不足500平方米，且在责令期限内改正的',
          standard: { kind: 'band', person: band(1_000, 2_000), organisation: band(10_000, 20_000) },
        },
        {
          grade: 'ordinary',
          conditions: '使用面积500平方米以上不足2000平方米的',
          standard: { kind: 'band', person: band(2_000, 4_000), organisation: band(20_000, 40_000) },
        },
        {
          grade: 'severe',
          conditions: '使用面积2000平方米以上，或者用于人员密集场所、逾期不改正的',
          standard: { kind: 'band', person: band(4_000, 5_000), organisation: band(40_000, 50_000) },
        },
      ],
    },
  },
  {
    code: 'QPMF-CF-003',
    name: '对民防工程平时使用未办理登记的行政处罚',
    actType: 'penalty',
    basis: ['《上海市民防条例》第四十三条'],
    domain: '人防工程使用管理',
    benchmark: {
      violation: '民防工程平时使用未按规定办理使用登记',
      basis: '《上海市民防条例》第四十三条：对个人处一百元以上一千元以下、对单位处五百元以上五千元以下罚款',
      legal: { person: band(100, 1_000), organisation: band(500, 5_000) },
      grades: [
        { grade: 'none', conditions: FIRST_MINOR, standard: NO_FINE },
        {
          grade: 'lenient',
          conditions: '使用期限不足3个月，且在责令期限内补办登记的',
          standard: { kind: 'band', person: band(100, 300), organisation: band(500, 1_500) },
        },
        {
          grade: 'ordinary',
          conditions: '使用期限3个月以上不足1年的',
          standard: { kind: 'band', person: band(300, 700), organisation: band(1_500, 3_500) },
        },
        {
          grade: 'severe',
          conditions: '使用期限1年以上，或者逾期不补办登记的',
          standard: { kind: 'band', person: band(700, 1_000), organisation: band(3_500, 5_000) },
        },
      ],
    },
  },
  {
    code: 'QPMF-CF-004',
    name: '对城市新建民用建筑不按规定修建防空地下室的行政处罚',
    actType: 'penalty',
    basis: ['《中华人民共和国人民防空法》第四十八条'],
    domain: '民防工程建设',
    benchmark: {
      violation: '城市新建民用建筑，违反国家有关规定不修建战时可用于防空的地下室',
      basis: '《中华人民共和国人民防空法》第四十八条：给予警告，责令限期修建，可以并处十万元以下罚款',
      legal: { person: band(0, 100_000), organisation: band(0, 100_000) },
      grades: [
        {
          grade: 'lenient',
          conditions: '应建面积不足500平方米，且在责令期限内开工修建的',
          standard: { kind: 'band', person: band(10_000, 30_000), organisation: band(10_000, 30_000) },
          sanctions: ['warning', 'fine'],
        },
        {
          grade: 'ordinary',
          conditions: '应建面积500平方米以上不足2000平方米的',
          standard: { kind: 'band', person: band(30_000, 70_000), organisation: band(30_000, 70_000) },
          sanctions: ['warning', 'fine'],
        },
        {
          grade: 'severe',
          conditions: '应建面积2000平方米以上，或者逾期不修建的',
          standard: { kind: 'band', person: band(70_000, 100_000), organisation: band(70_000, 100_000) },
          sanctions: ['warning', 'fine'],
        },
      ],
    },
  },
  {
    code: 'QPMF-CF-005',
    name: '对侵占、危害人民防空工程等行为的行政处罚',
    actType: 'penalty',
    basis: ['《中华人民共和国人民防空法》第四十九条'],
    domain: '人防工程使用管理',
    benchmark: {
      violation:
        '侵占人民防空工程；不按国家规定的防护标准和质量标准修建人民防空工程；改变主体结构、拆除设备设施或者以其他方法危害其安全和使用效能；拆除人民防空工程后拒不补建；占用人民防空通信专用频率、使用与防空警报相同的音响信号或者擅自拆除通信、警报设备设施；阻挠安装通信、警报设施拒不改正；向人民防空工程内排入废水、废气或者倾倒废弃物',
      basis:
        '《中华人民共和国人民防空法》第四十九条：给予警告，责令限期改正，可以对个人并处五千元以下、对单位并处一万元至五万元罚款',
      legal: { person: band(0, 5_000), organisation: band(10_000, 50_000) },
      grades: [
        { grade: 'none', conditions: FIRST_MINOR, standard: NO_FINE },
        {
          grade: 'lenient',
          conditions: '危害后果轻微，且在责令期限内改正的',
          standard: { kind: 'band', person: band(500, 2_000), organisation: band(10_000, 20_000) },
          sanctions: ['warning', 'fine'],
        },
        {
          grade: 'ordinary',
          conditions: '影响人民防空工程使用效能，但未危及主体结构安全的',
          standard: { kind: 'band', person: band(2_000, 4_000), organisation: band(20_000, 40_000) },
          sanctions: ['warning', 'fine'],
        },
        {
          grade: 'severe',
          conditions: '危及人民防空工程主体结构安全，或者逾期不改正的',
          standard: { kind: 'band', person: band(4_000, 5_000), organisation: band(40_000, 50_000) },
          sanctions: ['warning', 'fine'],
        },
      ],
    },
  },
  {
    code: 'QPMF-JC-001',
    name: '民防工程使用情况检查',
    actType: 'inspection',
    basis: ['《中华人民共和国人民防空法》第二十五条'],
    domain: '人防工程使用管理',
    benchmark: noFineBenchmark(
      '民防工程维护管理和平时使用情况',
      '《中华人民共和国人民防空法》第二十五条',
      '行政检查，不设罚款',
    ),
  },
  {
    code: 'QPMF-JC-002',
    name: '防空地下室建设情况检查',
    actType: 'inspection',
    basis: ['《中华人民共和国人民防空法》第二十二条'],
    domain: '民防工程建设',
    benchmark: noFineBenchmark(
      '城市新建民用建筑防空地下室修建情况',
      '《中华人民共和国人民防空法》第二十二条',
      '行政检查，不设罚款',
    ),
  },
  {
    code: 'QPMF-XK-001',
    name: '拆除人民防空工程审批',
    actType: 'licensing',
    basis: ['《中华人民共和国人民防空法》第二十八条'],
    domain: '人防工程使用管理',
    benchmark: noFineBenchmark(
      '确需拆除人民防空工程的，报经人民防空主管部门批准，并由拆除单位负责补建或者补偿',
      '《中华人民共和国人民防空法》第二十八条',
      '行政许可，不设罚款',
    ),
  },
  {
    // The fee is levied under the Shanghai rules on civil-defence works; the article is to be
    // confirmed against the current text before this item is published.
    code: 'QPMF-ZS-001',
    name: '民防工程建设费征收',
    actType: 'expropriation',
    basis: ['《上海市民防工程建设和使用管理办法》'],
    domain: '民防工程建设',
    benchmark: noFineBenchmark(
      '新建民用建筑按规定应建防空地下室而不能或者不宜修建的，缴纳民防工程建设费',
      '《上海市民防工程建设和使用管理办法》',
      '行政征收，不设罚款',
    ),
  },
  {
    code: 'QPMF-QZ-001',
    name: '到期不缴纳罚款的加处罚款',
    actType: 'compulsion',
    basis: ['《中华人民共和国行政处罚法》第七十二条第一款第一项', '《中华人民共和国行政强制法》第四十五条'],
    domain: '人防工程使用管理',
    benchmark: noFineBenchmark(
      '当事人到期不缴纳罚款，每日按罚款数额的百分之三加处罚款，加处罚款的数额不得超出罚款的数额',
      '《中华人民共和国行政处罚法》第七十二条第一款第一项',
      '行政强制执行（执行罚），不另设罚款幅度',
    ),
  },
];
