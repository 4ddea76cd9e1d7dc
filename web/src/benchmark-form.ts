import { fenToYuan, yuanToFen } from './case-format';
import { SANCTION_KINDS, type PartyKind, type SanctionKind } from '../../src/domain/case-types';
import type { Grade } from '../../src/domain/penalty-rules';
import type { Benchmark, BenchmarkGrade, FenBand, FineStandard } from '../../src/http/routes/cases.schema';

/**
 * The discretion-benchmark editor's values: the benchmark's own shape (so the server's field
 * paths, `grades[1].standard.person.min`, name the form's fields), with every amount in yuan as
 * typed and the fine standard's fields side by side (the kind picks which count). This module is
 * the one place the editor converts yuan ↔ fen (through `yuanToFen`/`fenToYuan`).
 */
export interface YuanBand {
  min?: number | null;
  max?: number | null;
}
export interface StandardForm {
  kind: FineStandard['kind'];
  person?: YuanBand;
  organisation?: YuanBand;
  unit?: string;
  perUnit?: number | null;
  min?: number | null;
  cap?: number | null;
  partyKinds?: PartyKind[];
}
export interface GradeForm {
  grade: Grade;
  conditions: string;
  standard: StandardForm;
  /** 其他处罚种类: the kinds besides the fine (the fine is the standard). */
  sanctions?: SanctionKind[];
}
export interface BenchmarkForm {
  violation: string;
  basis: string;
  legal: { person?: YuanBand; organisation?: YuanBand };
  grades: GradeForm[];
}

const BOTH: PartyKind[] = ['person', 'organisation'];
const OTHER_SANCTIONS = SANCTION_KINDS.filter((k) => k !== 'fine');

/** The kinds of penalty offered beside the fine (其他处罚种类). */
export const otherSanctionKinds = (): readonly SanctionKind[] => OTHER_SANCTIONS;

const yuanBand = (b: FenBand | undefined): YuanBand =>
  b ? { min: fenToYuan(b.min), max: fenToYuan(b.max) } : { min: null, max: null };

/** A new grade as the editor offers it: 一般, a fine band. */
export function emptyGrade(): GradeForm {
  return {
    grade: 'ordinary',
    conditions: '',
    standard: { kind: 'band', person: {}, organisation: {}, partyKinds: BOTH },
    sanctions: [],
  };
}

/** A new benchmark: one grade, no statutory band yet. */
export function emptyBenchmarkForm(): BenchmarkForm {
  return { violation: '', basis: '', legal: { person: {}, organisation: {} }, grades: [emptyGrade()] };
}

export function benchmarkToForm(b: Benchmark): BenchmarkForm {
  return {
    violation: b.violation,
    basis: b.basis,
    legal: { person: yuanBand(b.legal?.person), organisation: yuanBand(b.legal?.organisation) },
    grades: b.grades.map((g): GradeForm => {
      const st = g.standard;
      const standard: StandardForm = { kind: st.kind, person: {}, organisation: {}, partyKinds: BOTH };
      if (st.kind === 'band') {
        standard.person = yuanBand(st.person);
        standard.organisation = yuanBand(st.organisation);
      } else if (st.kind === 'perUnit') {
        standard.unit = st.unit;
        standard.perUnit = fenToYuan(st.perUnit);
        standard.cap = fenToYuan(st.cap);
        standard.min = st.min === undefined ? null : fenToYuan(st.min);
        standard.partyKinds = st.partyKinds ?? BOTH;
      }
      return {
        grade: g.grade,
        conditions: g.conditions,
        standard,
        sanctions: (g.sanctions ?? []).filter((k) => k !== 'fine'),
      };
    }),
  };
}

/** Yuan as typed → fen; an empty or malformed amount (the form's rules catch it first) → NaN. */
const fen = (yuan: number | null | undefined): number => yuanToFen(yuan) ?? Number.NaN;
const isBlank = (v: number | null | undefined) => v === null || v === undefined;
/** A band with neither end typed is no band: that party kind is not fined. */
function fenBand(b: YuanBand | undefined): FenBand | undefined {
  if (!b || (isBlank(b.min) && isBlank(b.max))) return undefined;
  return { min: isBlank(b.min) ? 0 : fen(b.min), max: fen(b.max) };
}

function standardOf(s: StandardForm): FineStandard {
  switch (s.kind) {
    case 'none':
      return { kind: 'none' };
    case 'band': {
      const person = fenBand(s.person);
      const organisation = fenBand(s.organisation);
      return { kind: 'band', ...(person && { person }), ...(organisation && { organisation }) };
    }
    case 'perUnit': {
      const kinds = s.partyKinds ?? BOTH;
      return {
        kind: 'perUnit',
        unit: (s.unit ?? '').trim(),
        perUnit: fen(s.perUnit),
        cap: fen(s.cap),
        ...(!isBlank(s.min) && { min: fen(s.min) }),
        // Both kinds is the default, left unsaid.
        ...(!BOTH.every((k) => kinds.includes(k)) && { partyKinds: BOTH.filter((k) => kinds.includes(k)) }),
      };
    }
  }
}

export function formToBenchmark(f: BenchmarkForm): Benchmark {
  const person = fenBand(f.legal.person);
  const organisation = fenBand(f.legal.organisation);
  return {
    violation: f.violation.trim(),
    basis: f.basis.trim(),
    // No statutory band typed at all: the grades' span stands for it (as the server reads it).
    ...((person ?? organisation) && {
      legal: { ...(person && { person }), ...(organisation && { organisation }) },
    }),
    grades: f.grades.map((g): BenchmarkGrade => {
      const standard = standardOf(g.standard);
      const others = g.sanctions ?? [];
      // The fine is listed with the other kinds when the grade fines and lists any.
      const kinds = others.length > 0 && standard.kind !== 'none' ? [...others, 'fine'] : others;
      const sanctions = SANCTION_KINDS.filter((k) => kinds.includes(k));
      return {
        grade: g.grade,
        conditions: g.conditions.trim(),
        standard,
        ...(sanctions.length > 0 && { sanctions }),
      };
    }),
  };
}

/**
 * The form field where a server problem about the benchmark is shown: `benchmark.grades[1].standard.person.min`
 * → ['benchmark', 'grades', 1, 'standard', 'person', 'min']. A band's own problem (outside the
 * statutory band) goes to its lower end, whose field shows the band's messages; a standard's to
 * its kind; a list's (no grade at all) to the list.
 */
export function benchmarkFieldPath(field: string): Array<string | number> {
  const path: Array<string | number> = [];
  for (const m of field.matchAll(/([^.[\]]+)|\[(\d+)\]/g))
    path.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  const last = path[path.length - 1];
  if (last === 'person' || last === 'organisation') path.push('min');
  else if (last === 'standard') path.push('kind');
  return path;
}
