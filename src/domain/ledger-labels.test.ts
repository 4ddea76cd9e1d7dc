import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isActionName } from './ledger-entry';
import {
  hasLedgerActionLabel,
  LEDGER_ACTION_LABELS,
  ledgerActionLabel,
  ledgerFieldSpec,
  ledgerSubjectLabel,
} from './ledger-labels';

const SRC = path.resolve(import.meta.dirname, '..');

function productFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return productFiles(p);
    return /\.ts$/.test(e.name) && !/\.test\.ts$/.test(e.name) ? [p] : [];
  });
}

/** The text of each `appendEntry(` call's arguments, balanced on brackets. */
function appendEntryCalls(text: string): string[][] {
  const calls: string[][] = [];
  for (let i = text.indexOf('appendEntry('); i >= 0; i = text.indexOf('appendEntry(', i + 1)) {
    let depth = 1;
    let cur = '';
    const args: string[] = [];
    for (let j = i + 'appendEntry('.length; j < text.length && depth > 0; j++) {
      const c = text[j]!;
      if ('([{'.includes(c)) depth++;
      if (')]}'.includes(c)) depth--;
      if (depth === 1 && c === ',') {
        args.push(cur.trim());
        cur = '';
      } else if (depth > 0) cur += c;
    }
    args.push(cur.trim());
    calls.push(args);
  }
  return calls;
}

const ACTION_LITERAL = /(['"`])([a-z][a-zA-Z-]*(?:\.[a-z][a-zA-Z-]*)+@[1-9]\d*)\1/g;

describe('ledger labels', () => {
  const files = productFiles(SRC).map((f) => ({
    f: path.relative(SRC, f),
    text: fs.readFileSync(f, 'utf8'),
  }));

  it('PLT-06 every action passed to appendEntry in src/ has a Chinese label', () => {
    const unlabelled: string[] = [];
    const dynamic: string[] = [];
    let calls = 0;
    for (const { f, text } of files) {
      if (f === path.join('services', 'ledger.ts')) continue; // the definition
      for (const args of appendEntryCalls(text)) {
        const action = args[3] ?? '';
        calls++;
        // A name built at run time could not be checked: write actions as whole literals.
        if (action.includes('${') || action.includes('+')) dynamic.push(`${f}: ${action}`);
        for (const m of action.matchAll(ACTION_LITERAL))
          if (!hasLedgerActionLabel(m[2]!)) unlabelled.push(`${f}: ${m[2]}`);
      }
    }
    expect(calls).toBeGreaterThan(50);
    expect(dynamic).toEqual([]);
    expect(unlabelled).toEqual([]);
  });

  it('PLT-06 every action-shaped literal in src/ (constants and callers that pass an action on) has a label', () => {
    const unlabelled = new Set<string>();
    let found = 0;
    for (const { f, text } of files) {
      if (f === path.join('domain', 'ledger-labels.ts')) continue;
      for (const m of text.matchAll(ACTION_LITERAL)) {
        found++;
        if (!hasLedgerActionLabel(m[2]!)) unlabelled.add(`${f}: ${m[2]}`);
      }
    }
    expect(found).toBeGreaterThan(50);
    expect([...unlabelled]).toEqual([]);
  });

  it('PLT-06 the catalogue has the actions other work adds, and labels are Chinese', () => {
    for (const a of [
      'approval.requested@1',
      'approval.decided@1',
      'case.performanceRecorded@1',
      'flag.handled@1',
    ])
      expect(hasLedgerActionLabel(a), a).toBe(true);
    for (const [action, label] of Object.entries(LEDGER_ACTION_LABELS)) {
      expect(isActionName(action), action).toBe(true);
      expect(label, action).toMatch(/^[\u4e00-\u9fff（）、 ]+$/);
    }
    expect(ledgerActionLabel('document.drafted@1')).toBe('起草文书');
    expect(ledgerActionLabel('case.transitioned@1')).toBe('案件流转');
    // Another version reads like the known one; an unknown action never shows its code.
    expect(ledgerActionLabel('auth.login-failed@2')).toBe('登录失败');
    expect(ledgerActionLabel('archive.sealed@2')).toBe('其他操作');
    expect(ledgerSubjectLabel('nothing')).toBe('其他');
  });

  it('PLT-06 a field reads by action first, then by subject type, then on its own', () => {
    expect(ledgerFieldSpec('case.transitioned@1', 'case', 'action')?.label).toBe('流转');
    expect(ledgerFieldSpec('step.recorded@1', 'step', 'kind')?.label).toBe('环节类别');
    expect(ledgerFieldSpec('record.created@1', 'record', 'kind')?.label).toBe('记录类别');
    expect(ledgerFieldSpec('x.y@1', 'x', 'state')?.as).toBe('omit');
    expect(ledgerFieldSpec('x.y@1', 'x', 'unheardOf')).toBeUndefined();
  });
});
