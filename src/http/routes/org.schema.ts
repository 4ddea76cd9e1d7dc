import { Type, type Static } from 'typebox';
import { CERTIFICATE_STANDINGS, CERTIFICATE_STATES } from '../../domain/certificate';
import { Id, IsoDate, Limit, MultiLine, Name, Obj, OneOf, PartialObj, Text } from '../schemas';

export const AgencySchema = Obj({
  id: Id,
  name: Type.String(),
  shortName: Type.String(),
  address: Type.String(),
  phone: Type.String(),
});
export type Agency = Static<typeof AgencySchema>;
export const AgencyPatchSchema = PartialObj({
  name: Name(100),
  shortName: Name(20),
  address: Text(200),
  phone: Text(40),
});
export type AgencyPatch = Static<typeof AgencyPatchSchema>;

export const UnitSchema = Obj({
  id: Id,
  name: Type.String(),
  isLegalReview: Type.Boolean(),
  createdAt: Type.String(),
});
export type Unit = Static<typeof UnitSchema>;
export const UnitListSchema = Obj({ items: Type.Array(UnitSchema) });
export type UnitList = Static<typeof UnitListSchema>;
export const NewUnitSchema = Obj({ name: Name(50), isLegalReview: Type.Optional(Type.Boolean()) });
export type NewUnit = Static<typeof NewUnitSchema>;
export const UnitPatchSchema = PartialObj({ name: Name(50), isLegalReview: Type.Boolean() });
export type UnitPatch = Static<typeof UnitPatchSchema>;

export const CertificateSchema = Obj({
  id: Id,
  officerId: Id,
  number: Type.String(),
  domains: Type.Array(Type.String()),
  validFrom: Type.String(),
  validTo: Type.String(),
  state: OneOf(CERTIFICATE_STATES),
  /** Empty while the certificate has never been suspended or revoked. */
  stateReason: Type.String(),
  /** Its standing today: the state, and the dates. */
  standing: OneOf(CERTIFICATE_STANDINGS),
  standingLabel: Type.String(),
});
export type Certificate = Static<typeof CertificateSchema>;

const CertificateNumber = Type.String({ minLength: 4, maxLength: 32, pattern: '^[0-9A-Za-z-]+$' });
const Domains = Type.Array(Text(50), { minItems: 1, maxItems: 20, uniqueItems: true });
export const NewCertificateSchema = Obj({
  number: CertificateNumber,
  domains: Domains,
  validFrom: IsoDate,
  validTo: IsoDate,
});
export type NewCertificate = Static<typeof NewCertificateSchema>;
export const CertificatePatchSchema = PartialObj({ domains: Domains, validFrom: IsoDate, validTo: IsoDate });
export type CertificatePatch = Static<typeof CertificatePatchSchema>;
/** Suspending, reinstating or revoking a certificate needs a reason. */
export const CertificateReasonSchema = Obj({ reason: MultiLine(500) });

export const OfficerSchema = Obj({
  id: Id,
  name: Type.String(),
  unitId: Id,
  unitName: Type.String(),
  post: Type.String(),
  duties: Type.String(),
  hasPhoto: Type.Boolean(),
  certificates: Type.Array(CertificateSchema),
});
export type Officer = Static<typeof OfficerSchema>;
export const OfficerPageSchema = Obj({
  items: Type.Array(OfficerSchema),
  nextCursor: Type.Union([Id, Type.Null()]),
});
export type OfficerPage = Static<typeof OfficerPageSchema>;
export const OfficerQuerySchema = Obj({
  limit: Type.Optional(Limit),
  cursor: Type.Optional(Id),
  q: Type.Optional(Text(50, 0)),
  unitId: Type.Optional(Id),
});
export const NewOfficerSchema = Obj({
  name: Name(50),
  unitId: Id,
  post: Text(50),
  duties: Type.Optional(MultiLine(500, 0)),
});
export type NewOfficer = Static<typeof NewOfficerSchema>;
export const OfficerPatchSchema = PartialObj({
  name: Name(50),
  unitId: Id,
  post: Text(50),
  duties: MultiLine(500, 0),
});
export type OfficerPatch = Static<typeof OfficerPatchSchema>;
