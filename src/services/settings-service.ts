import { checkApprovalSettings, DEFAULT_APPROVALS, type ApprovalSettings } from '../domain/approvals';
import {
  checkLegalReviewPeriods,
  DEFAULT_LEGAL_REVIEW_PERIODS,
  type LegalReviewPeriodSettings,
} from '../domain/legal-review-deadlines';
import {
  checkMajorDecisionSettings,
  DEFAULT_MAJOR_DECISION_SETTINGS,
  type MajorDecisionSettings,
} from '../domain/major-decision';
import { DEFAULT_AV_RULES, validateAvRules, type AvRule } from '../domain/av-rules';
import { invalid } from '../domain/errors';
import { NO_PAYMENT_BANK, validatePaymentBank, type PaymentBank } from '../domain/documents';
import type { ActionName, Actor } from '../domain/ledger-entry';
import { checkRetentionSettings, DEFAULT_RETENTION, type RetentionSettings } from '../domain/retention';
import * as settingRepo from '../repositories/setting-repository';
import type { Executor } from '../storage/database';
import { newId, type Deps, type Tx } from './deps';
import { appendEntry } from './ledger';
import {
  DEFAULT_PUBLICATION_SETTINGS,
  PUBLISHERS,
  type PublicationSettings,
  type Publisher,
} from '../domain/publication-rules';
/**
 * Versioned settings: saving one appends a `settings` row and its ledger entry in one transaction;
 * the newest row of a key is in force, and the default applies until a first save.
 */
async function current<T>(ex: Executor, key: string, read: (stored: T | undefined) => T): Promise<T> {
  const row = await settingRepo.currentSetting(ex, key);
  return read(row ? (JSON.parse(row.value) as T) : undefined);
}

async function save(
  deps: Deps,
  actor: Actor,
  key: string,
  value: unknown,
  action: ActionName,
  data: Record<string, unknown>,
): Promise<void> {
  await deps.db.transaction().execute((trx) => saveIn(trx, deps, actor, key, value, action, data));
}

async function saveIn(
  trx: Tx,
  deps: Pick<Deps, 'clock'>,
  actor: Actor,
  key: string,
  value: unknown,
  action: ActionName,
  data: Record<string, unknown>,
): Promise<void> {
  const id = newId(deps.clock);
  await settingRepo.insertSetting(trx, {
    id,
    key,
    value: JSON.stringify(value),
    created_by: actor.id,
    created_at: deps.clock.now().toISOString(),
  });
  await appendEntry(trx, deps, actor, action, { type: 'setting', id }, data);
}

// ---- AV rules (REC-03) ----
const AV_RULES_KEY = 'avRules';

/** The AV rules in force: the newest saved table, or the default of REQUIREMENTS.md. */
export const avRules = (ex: Executor): Promise<AvRule[]> =>
  current<AvRule[]>(ex, AV_RULES_KEY, (stored) => stored ?? [...DEFAULT_AV_RULES]);

export async function saveAvRules(deps: Deps, actor: Actor, rules: AvRule[]): Promise<AvRule[]> {
  const first = validateAvRules(rules)[0];
  if (first) throw invalid('AV_RULES_INVALID', first.message, first.field);
  await save(deps, actor, AV_RULES_KEY, rules, 'settings.avRulesSaved@1', { rules });
  return rules;
}

// ---- retention (REC-10) ----
export const RETENTION_KEY = 'retention';

/** The retention settings in force; a saved row may predate a field, which then takes its default. */
export const retentionSettings = (ex: Executor): Promise<RetentionSettings> =>
  current<Partial<RetentionSettings>>(ex, RETENTION_KEY, (stored) =>
    stored ? { ...DEFAULT_RETENTION, ...stored } : DEFAULT_RETENTION,
  ) as Promise<RetentionSettings>;

export async function saveRetentionSettings(
  deps: Deps,
  actor: Actor,
  s: RetentionSettings,
): Promise<RetentionSettings> {
  const first = checkRetentionSettings(s)[0];
  if (first) throw invalid('RETENTION_SETTINGS_INVALID', first.message, first.field);
  await save(deps, actor, RETENTION_KEY, s, 'settings.retentionSaved@1', { settings: s });
  return s;
}

// ---- approvals by the responsible person (issue 12) ----
const APPROVALS_KEY = 'approvals';

/** The approvals each lifecycle needs: the newest saved table, lifecycles missing from it by default. */
export const approvalSettings = (ex: Executor): Promise<ApprovalSettings> =>
  current<ApprovalSettings>(ex, APPROVALS_KEY, (stored) => ({ ...DEFAULT_APPROVALS, ...stored }));

export async function saveApprovalSettings(
  deps: Deps,
  actor: Actor,
  s: ApprovalSettings,
): Promise<ApprovalSettings> {
  const first = checkApprovalSettings(s)[0];
  if (first) throw invalid('APPROVAL_SETTINGS_INVALID', first.message, first.field);
  await save(deps, actor, APPROVALS_KEY, s, 'settings.approvalsSaved@1', { settings: s });
  return s;
}

// ---- the account fines are paid into (指定银行, REC-02) ----
const PAYMENT_BANK_KEY = 'paymentBank';

/** The office's payment bank: empty until set, and then the decision leaves blanks to fill in. */
export const paymentBank = (ex: Executor): Promise<PaymentBank> =>
  current<Partial<PaymentBank>>(ex, PAYMENT_BANK_KEY, (stored) => ({
    ...NO_PAYMENT_BANK,
    ...stored,
  })) as Promise<PaymentBank>;

function checkedPaymentBank(b: PaymentBank): PaymentBank {
  const first = validatePaymentBank(b)[0];
  if (first) throw invalid('PAYMENT_BANK_INVALID', first.message, first.field);
  return {
    bankName: b.bankName.trim(),
    accountName: b.accountName.trim(),
    accountNumber: b.accountNumber.trim(),
  };
}

export async function savePaymentBank(deps: Deps, actor: Actor, b: PaymentBank): Promise<PaymentBank> {
  const value = checkedPaymentBank(b);
  await save(deps, actor, PAYMENT_BANK_KEY, value, 'settings.paymentBankSaved@1', { paymentBank: value });
  return value;
}

/** The same, inside the caller's transaction (the demo seed). */
export async function savePaymentBankIn(
  trx: Tx,
  deps: Pick<Deps, 'clock'>,
  actor: Actor,
  b: PaymentBank,
): Promise<void> {
  const value = checkedPaymentBank(b);
  await saveIn(trx, deps, actor, PAYMENT_BANK_KEY, value, 'settings.paymentBankSaved@1', {
    paymentBank: value,
  });
}

// ---- major decisions and legal-review periods (issue 13, REV-01/REV-05) ----
export const MAJOR_DECISIONS_KEY = 'majorDecisions';

/** Thresholds, the licence list and the review periods, as one versioned setting. */
export type MajorDecisionSettingsInForce = MajorDecisionSettings & {
  reviewPeriods: LegalReviewPeriodSettings;
};

/** The settings in force; a saved row may predate a field, which then takes its default. */
export const majorDecisionSettings = (ex: Executor): Promise<MajorDecisionSettingsInForce> =>
  current<Partial<MajorDecisionSettingsInForce>>(ex, MAJOR_DECISIONS_KEY, (stored) => ({
    ...DEFAULT_MAJOR_DECISION_SETTINGS,
    reviewPeriods: DEFAULT_LEGAL_REVIEW_PERIODS,
    ...stored,
  })) as Promise<MajorDecisionSettingsInForce>;

/** Checks, tidies (licence names trimmed) and saves a new version, ledgered in the same transaction. */
export async function saveMajorDecisionSettings(
  deps: Deps,
  actor: Actor,
  s: MajorDecisionSettingsInForce,
): Promise<MajorDecisionSettingsInForce> {
  const first =
    checkMajorDecisionSettings(s)[0] ??
    checkLegalReviewPeriods(s.reviewPeriods).map((p) => ({ ...p, field: `reviewPeriods.${p.field}` }))[0];
  if (first) throw invalid('MAJOR_DECISION_SETTINGS_INVALID', first.message, first.field);
  const value: MajorDecisionSettingsInForce = {
    thresholds: { ...s.thresholds },
    licenceKinds: s.licenceKinds.map((k) => k.trim()),
    reviewPeriods: { ...s.reviewPeriods },
  };
  await save(deps, actor, MAJOR_DECISIONS_KEY, value, 'settings.majorDecisionsSaved@1', { settings: value });
  return value;
}

// ---- publication of decisions (issue 14) ----
const PUBLICATION_KEY = 'publication';

/**
 * Which decisions are published, for how long, who publishes: the newest saved, else the defaults;
 * a saved row may predate a field (or hold a publisher no longer known), which then takes its default.
 */
export const publicationSettings = (ex: Executor): Promise<PublicationSettings> =>
  current<Partial<PublicationSettings>>(ex, PUBLICATION_KEY, (stored) => {
    const s = { ...DEFAULT_PUBLICATION_SETTINGS, ...stored };
    if (!PUBLISHERS.includes(s.publisher)) s.publisher = DEFAULT_PUBLICATION_SETTINGS.publisher;
    return s;
  }) as Promise<PublicationSettings>;

/**
 * Who publishes (PUB-11: a leader by default, or the handling unit): a new version of the
 * publication settings with only this changed, ledgered in the same transaction.
 */
export async function savePublisher(
  deps: Deps,
  actor: Actor,
  publisher: Publisher,
): Promise<{ publisher: Publisher }> {
  await deps.db.transaction().execute(async (trx) => {
    const row = await settingRepo.currentSetting(trx, PUBLICATION_KEY);
    const stored = row ? (JSON.parse(row.value) as Partial<PublicationSettings>) : {};
    await saveIn(trx, deps, actor, PUBLICATION_KEY, { ...stored, publisher }, 'settings.publicationSaved@1', {
      publisher,
    });
  });
  return { publisher };
}

export async function savePublicationSettings(
  deps: Deps,
  actor: Actor,
  s: PublicationSettings,
): Promise<PublicationSettings> {
  await save(deps, actor, PUBLICATION_KEY, s, 'settings.publicationSaved@1', { settings: s });
  return s;
}
