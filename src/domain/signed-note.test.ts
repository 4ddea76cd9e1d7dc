import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  ed25519Signer,
  ed25519Verifier,
  formatCheckpoint,
  openNote,
  parseCheckpoint,
  parsePrivateKeyString,
  parseVerifierKey,
  rawEd25519Public,
  signNote,
  verifierKeyString,
} from './signed-note';

describe('C2SP signed notes and checkpoints', () => {
  it('PLT-04 reproduces the signed-note reference example byte for byte', () => {
    // The example of the reference implementation (golang.org/x/mod/sumdb/note); Ed25519 is deterministic.
    const parsed = parsePrivateKeyString(
      'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz',
    )!;
    const signer = ed25519Signer(parsed.name, parsed.key);
    expect(Buffer.from(signer.keyId).toString('hex')).toBe('c74f20a3');
    const text =
      "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
    const note = signNote(text, [signer]);
    expect(note).toBe(
      `${text}\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`,
    );
    const vkey = verifierKeyString('PeterNeumann', rawEd25519Public(parsed.key));
    expect(vkey).toBe('PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW');
    expect(openNote(note, parseVerifierKey(vkey)!)).toBe(text);
  });

  it('PLT-04 a tampered text, signature or key is rejected', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const signer = ed25519Signer('zhifa.example/ledger', privateKey);
    const verifier = ed25519Verifier('zhifa.example/ledger', rawEd25519Public(publicKey));
    const note = signNote(
      formatCheckpoint({ origin: 'zhifa.example/ledger', size: 5, rootHash: new Uint8Array(32).fill(7) }),
      [signer],
    );
    expect(openNote(note, verifier)).not.toBeNull();
    expect(openNote(note.replace('\n5\n', '\n6\n'), verifier)).toBeNull();
    const sigAt = note.lastIndexOf(' ') + 10;
    expect(
      openNote(note.slice(0, sigAt) + (note[sigAt] === 'A' ? 'B' : 'A') + note.slice(sigAt + 1), verifier),
    ).toBeNull();
    const other = ed25519Verifier(
      'zhifa.example/ledger',
      rawEd25519Public(generateKeyPairSync('ed25519').publicKey),
    );
    expect(openNote(note, other)).toBeNull();
    expect(openNote('garbage', verifier)).toBeNull();
    expect(openNote(`${'x\n'.repeat(10)}\n— a b\n`, verifier)).toBeNull();
  });

  it('PLT-04 checkpoints round-trip and malformed ones are refused', () => {
    const c = { origin: 'zhifa.example/ledger', size: 42, rootHash: new Uint8Array(32).fill(1) };
    expect(parseCheckpoint(formatCheckpoint(c))).toEqual(c);
    expect(parseCheckpoint('o\n-1\nAAAA\n')).toBeNull();
    expect(parseCheckpoint('o\n01\n' + Buffer.alloc(32).toString('base64') + '\n')).toBeNull();
    expect(parseCheckpoint('o\n1\n' + Buffer.alloc(31).toString('base64') + '\n')).toBeNull();
  });
});
