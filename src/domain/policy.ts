/**
 * Who may do what (PLT-03). The one place where authorisation is decided; routes name an action,
 * the HTTP layer asks `can`, and the workbench shows what `permissionsOf` returns.
 */
export const ROLES = ['officer', 'reviewer', 'recordsKeeper', 'leader', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  officer: '执法人员',
  reviewer: '法制审核人员',
  recordsKeeper: '综合科（档案与装备）',
  leader: '办领导',
  supervisor: '监督人员',
  admin: '系统管理员',
};

const ALL_STAFF: readonly Role[] = ROLES;

/** Each action and the roles that may perform it. */
export const POLICY = {
  'org.read': ALL_STAFF,
  'org.write': ['admin'],
  'user.read': ['admin'],
  'user.write': ['admin'],
  'token.manage': ['admin'],
  'calendar.read': ALL_STAFF,
  'calendar.import': ['admin'],
  'ledger.read': ['supervisor', 'admin'],
  'checkpoint.sign': ['supervisor', 'admin'],
  'record.create': ['officer', 'recordsKeeper', 'admin'],
  'record.read': ALL_STAFF,
  'retrieval.read': ['supervisor', 'admin'],
  // Parties are shown masked to all staff; seeing personal data in full is a logged disclosure.
  'party.read': ALL_STAFF,
  'party.create': ['officer'],
  // Finding a party by ID number (PLT-08): those who file cases; name must match, logged, limited.
  'party.lookup': ['officer', 'leader'],
  'party.disclose': ['officer', 'reviewer', 'leader'],
  'powerItem.read': ALL_STAFF,
  'powerItem.write': ['admin'],
  'case.read': ALL_STAFF,
  // Filing, steps, records and transitions are done by officers (行政处罚法 art. 42); a leader
  // may also file a case for a unit. Which cases each may touch: `case-access.ts` (PLT-07).
  'case.file': ['officer', 'leader'],
  'case.act': ['officer'],
  // Longer decision periods need the approval of the agency's head (行政处罚法 art. 60).
  'case.approveExtension': ['leader'],
  // The responsible person decides (行政处罚法 art. 57): leaders approve filings, decisions and closings.
  'case.approve': ['leader'],
  // Legal review (法制审核, issue 13): reviewers of the review unit review; leaders and reviewers
  // may add categories 6/7; leaders decide extensions and remaining objections and hold the 案审会.
  'legalReview.read': ['reviewer', 'leader'],
  'legalReview.review': ['reviewer'],
  'legalReview.classify': ['reviewer', 'leader'],
  'legalReview.decide': ['leader'],
  // REC-12: 综合科 keeps the equipment.
  'recorder.read': ALL_STAFF,
  'recorder.manage': ['recordsKeeper', 'admin'],
  // REC-11: failures to record and attempts to alter records, for those who supervise.
  'flag.read': ['supervisor', 'leader'],
  // Supervisors look into each flag and mark it handled with a note (ledgered).
  'flag.handle': ['supervisor'],
  'alert.read': ALL_STAFF,
  // The 待办 home page: what each role has to do (services/todo-service.ts): legal reviewers the
  // reviews assigned to them; the administrator has no enforcement work to do.
  'todo.read': ['officer', 'reviewer', 'recordsKeeper', 'leader', 'supervisor'],
  'settings.read': ALL_STAFF,
  'settings.write': ['admin'],
  // REC-02: documents are drafted and issued by officers; templates are data the administrator edits.
  'document.read': ALL_STAFF,
  'document.write': ['officer'],
  'documentTemplate.write': ['admin'],
  // REC-08, REC-12: 综合科 checks and accepts case files; archived files are read by all staff,
  // exported (with a purpose, logged) by those who keep or oversee the archive.
  'caseFile.read': ALL_STAFF,
  'caseFile.accept': ['recordsKeeper'],
  'caseFile.export': ['recordsKeeper', 'leader', 'supervisor'],
  // REC-10: disposal is approved by the records keeper and a leader; holds by them or supervisors.
  'retention.read': ['recordsKeeper', 'leader', 'supervisor'],
  'retention.approve': ['recordsKeeper', 'leader'],
  'retention.settings': ['admin'],
  'legalHold.manage': ['recordsKeeper', 'leader', 'supervisor'],
  // Officers mark their evidence; the records keeper marks what caused a dispute.
  'record.mark': ['officer', 'recordsKeeper'],
  // PUB-03: the administrator configures the receiving platforms and looks after the dead-letter
  // list; the delivery status of a publication item is for those who prepare, publish and
  // oversee publications (the publication roles: officers prepare, leaders publish).
  'outbox.manage': ['admin'],
  'outbox.read': ['officer', 'leader', 'supervisor', 'admin'],
  // Publication of decisions (issue 14): officers prepare their unit's items (masking review,
  // entry and import of decisions made outside). Publishing and withdrawing is a leader's act by
  // default; the setting `publisher: 'handlingUnit'` gives it to the item's unit too, so both roles
  // may ask and services/publication-service.ts decides per item.
  'publication.read': ['officer', 'leader', 'supervisor'],
  'publication.prepare': ['officer', 'leader'],
  'publication.publish': ['officer', 'leader'],
  // The administrator runs the installation: scheduled jobs' last runs and failures in /healthz.
  'system.health': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof POLICY;
export const ACTIONS = Object.keys(POLICY) as Action[];

export function can(roles: readonly Role[], action: Action): boolean {
  const allowed: readonly Role[] = POLICY[action];
  return roles.some((r) => allowed.includes(r));
}

export function permissionsOf(roles: readonly Role[]): Action[] {
  return ACTIONS.filter((a) => can(roles, a));
}

export function isRole(s: string): s is Role {
  return (ROLES as readonly string[]).includes(s);
}

/** Protection classes of records (REC-09). */
export const PROTECTIONS = ['public', 'internal', 'tradeSecret', 'privacy', 'stateSecret'] as const;
export type Protection = (typeof PROTECTIONS)[number];
export const PROTECTION_LABELS: Record<Protection, string> = {
  public: '公开',
  internal: '内部',
  tradeSecret: '商业秘密',
  privacy: '个人隐私',
  stateSecret: '国家秘密',
};

/**
 * How restrictive each class is. A correction never lowers its record's protection (REC-07,
 * REC-09): replacing a 国家秘密 record with a public one would publish it by the back door.
 * 商业秘密 and 个人隐私 share a rank: their readers are the same.
 */
const PROTECTION_RANK: Record<Protection, number> = {
  public: 0,
  internal: 1,
  tradeSecret: 2,
  privacy: 2,
  stateSecret: 3,
};

export function lowersProtection(from: Protection, to: Protection): boolean {
  return PROTECTION_RANK[to] < PROTECTION_RANK[from];
}

/**
 * Who may see a record of a restricted class besides the case's own officers (REC-09): trade
 * secrets and privacy go to those who review, supervise and keep the archive; state secrets only
 * to the leaders.
 */
const RESTRICTED_READERS: Record<Exclude<Protection, 'public' | 'internal'>, readonly Role[]> = {
  tradeSecret: ['reviewer', 'recordsKeeper', 'leader', 'supervisor'],
  privacy: ['reviewer', 'recordsKeeper', 'leader', 'supervisor'],
  stateSecret: ['leader'],
};

export function canSeeRecord(
  roles: readonly Role[],
  protection: Protection,
  isCaseOfficer: boolean,
): boolean {
  if (protection === 'public' || protection === 'internal') return true;
  if (isCaseOfficer) return true;
  const readers = RESTRICTED_READERS[protection];
  return roles.some((r) => readers.includes(r));
}
