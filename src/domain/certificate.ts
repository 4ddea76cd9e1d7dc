import type { IsoDate } from './dates';

/** The status an officer's enforcement certificate has on a given day (PUB-06). */
export const CERTIFICATE_STATES = ['valid', 'suspended', 'revoked'] as const;
export type CertificateState = (typeof CERTIFICATE_STATES)[number];
export const CERTIFICATE_STANDINGS = ['valid', 'expired', 'notYetValid', 'suspended', 'revoked'] as const;
export type CertificateStanding = (typeof CERTIFICATE_STANDINGS)[number];

export const STANDING_LABELS: Record<CertificateStanding | 'notFound', string> = {
  valid: '有效',
  expired: '已过期',
  notYetValid: '尚未生效',
  suspended: '已暂停',
  revoked: '已吊销',
  notFound: '不存在',
};

/** Revocation and suspension outrank dates: a revoked certificate is revoked even if in date. */
export function certificateStanding(
  cert: { state: CertificateState; validFrom: IsoDate; validTo: IsoDate },
  today: IsoDate,
): CertificateStanding {
  switch (cert.state) {
    case 'revoked':
      return 'revoked';
    case 'suspended':
      return 'suspended';
    case 'valid':
      if (today < cert.validFrom) return 'notYetValid';
      if (today > cert.validTo) return 'expired';
      return 'valid';
  }
}

/** Which state changes an administrator may make, and what they lead to. */
export const CERTIFICATE_TRANSITIONS = {
  suspend: { from: ['valid'], to: 'suspended' },
  reinstate: { from: ['suspended'], to: 'valid' },
  revoke: { from: ['valid', 'suspended'], to: 'revoked' },
} as const satisfies Record<string, { from: readonly CertificateState[]; to: CertificateState }>;
export type CertificateTransition = keyof typeof CERTIFICATE_TRANSITIONS;
