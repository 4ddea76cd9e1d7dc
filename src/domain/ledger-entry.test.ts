import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  entryBytes,
  entryLeafHash,
  isActionName,
  leafHash,
  type LedgerEntry,
} from './ledger-entry';

describe('ledger entry bytes', () => {
  it('PLT-04 canonical JSON follows RFC 8785 (sorted keys, ES number forms, minimal escapes)', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], c: { z: 1e21, y: 0.000001, x: -0 } })).toBe(
      '{"a":[true,null,"x"],"b":1,"c":{"x":0,"y":0.000001,"z":1e+21}}',
    );
    // RFC 8785 §3.2.3 sorts by UTF-16 code units; CJK after ASCII.
    expect(canonicalJson({ 名称: '执法科', name: 'x', '\u20ac': 1, '\r': 2 })).toBe(
      '{"\\r":2,"name":"x","€":1,"名称":"执法科"}',
    );
  });

  it('PLT-04 leaf hash is SHA-256(0x00 ‖ bytes) as in RFC 6962', () => {
    // RFC 6962 test vector: the empty leaf.
    expect(leafHash(new Uint8Array())).toBe(
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    );
    const b = Buffer.from('abc');
    expect(leafHash(b)).toBe(
      createHash('sha256')
        .update(Buffer.concat([Buffer.from([0]), b]))
        .digest('hex'),
    );
  });

  it('PLT-04 the hash covers sequence, time, actor, action, subject and data', () => {
    const e: LedgerEntry = {
      seq: 7,
      recordedAt: '2026-11-25T02:00:00.000Z',
      actor: { type: 'user', id: 'u' },
      action: 'officer.created@1',
      subject: { type: 'officer', id: 'o' },
      data: { name: '张三' },
    };
    expect(entryBytes(e).toString()).toBe(
      '{"action":"officer.created@1","actor":{"id":"u","type":"user"},"at":"2026-11-25T02:00:00.000Z","data":{"name":"张三"},"seq":7,"subject":{"id":"o","type":"officer"},"v":1}',
    );
    const h = entryLeafHash(e);
    for (const changed of [
      { ...e, seq: 8 },
      { ...e, recordedAt: '2026-11-25T02:00:00.001Z' },
      { ...e, actor: { type: 'user' as const, id: 'v' } },
      { ...e, action: 'officer.updated@1' as const },
      { ...e, subject: { type: 'officer', id: 'p' } },
      { ...e, data: { name: '张四' } },
    ]) {
      expect(entryLeafHash(changed)).not.toBe(h);
    }
  });

  it('PLT-04 the entry leaf hash is the RFC 6962 leaf hash of the entry bytes, for any text', () => {
    const e: LedgerEntry = {
      seq: 1,
      recordedAt: '2026-11-25T02:00:00.000Z',
      actor: { type: 'system', id: 's' },
      action: 'officer.created@1',
      subject: { type: 'officer', id: 'o' },
      data: null,
    };
    for (const data of [null, { name: '张三😀', note: 'a\u0000b\n"' }, ['\ud800', { '\udc00': 1e21 }], '']) {
      const entry = { ...e, data };
      expect(entryLeafHash(entry)).toBe(leafHash(entryBytes(entry)));
    }
  });

  it('PLT-04 action names are typed and versioned', () => {
    expect(isActionName('officer.created@1')).toBe(true);
    expect(isActionName('auth.login-failed@2')).toBe(true);
    expect(isActionName('officer.created')).toBe(false);
    expect(isActionName('Officer.created@0')).toBe(false);
  });
});
