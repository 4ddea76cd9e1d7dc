import { ID_TYPE_LABELS, type IdType, type PartyKind } from '../domain/case-types';
import { chargeText } from '../domain/violations';

/**
 * The party and the power item as every document names them: the party's masked identifiers, and
 * the case's charge (案由) — never the item's whole list of violations. One place for case
 * documents and the legal review's own documents.
 */
export function documentParty(party: {
  name: string;
  kind: string;
  id_type: string;
  id_masked: string;
  legal_representative: string;
  address_masked: string;
}) {
  return {
    name: party.name,
    kind: party.kind as PartyKind,
    idTypeLabel: ID_TYPE_LABELS[party.id_type as IdType],
    idNumber: party.id_masked,
    legalRepresentative: party.legal_representative,
    address: party.address_masked,
  };
}

export function documentPowerItem(
  item: { name: string; benchmark: string; basis: string },
  charged: readonly string[],
) {
  const benchmark = JSON.parse(item.benchmark) as { violation?: string };
  return {
    name: item.name,
    violation: charged.length > 0 ? chargeText([...charged]) : (benchmark.violation ?? item.name),
    basis: JSON.parse(item.basis) as string[],
  };
}
