import type { ConsultationOutcome } from './consultation.engine';
import type {
  AddressedConsultationDto,
  ConsultationAddresseesDto,
  ConsultationDto,
  ConsultationSiteDto,
} from './consultation.schemas';
import type { AddressedConsultationRow, ConsultationRow } from './consultation.repository';

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** `office_name` is the office's name, or the agency's code when a partner agency is consulted. */
export function presentConsultation(
  row: ConsultationRow & { office_name?: string | null },
  outcome: ConsultationOutcome,
  isSilence: boolean,
): ConsultationDto {
  return {
    id: row.id,
    officeId: row.office_id,
    officeName: row.office_id ? (row.office_name ?? null) : null,
    agency: row.agency,
    addressee: row.office_id ? (row.office_name ?? null) : row.agency,
    question: row.question,
    dueDate: row.due_date,
    status: row.status,
    replyKind: row.reply_kind,
    replyText: row.reply_text,
    repliedAt: iso(row.replied_at),
    outcome,
    isSilence,
  };
}

/** A consultation as the consulted party reads it: the case in a few words, and what was asked of it. */
export function presentAddressedConsultation(
  row: AddressedConsultationRow,
  outcome: ConsultationOutcome,
  isSilence: boolean,
): AddressedConsultationDto {
  return {
    ...presentConsultation(row, outcome, isSilence),
    applicationId: row.application_id,
    applicationReference: row.application_reference,
    operatorName: row.operator_name,
    operatorTaxpayerId: row.operator_taxpayer_id,
    authorisationType: row.authorisation_type,
    askingOfficeName: row.asking_office_name,
    requestedAt: row.requested_at.toISOString(),
  };
}

/** A declared site of the case (its row), as the consulted party reads it. */
export function presentConsultationSite(row: ConsultationSiteDto): ConsultationSiteDto {
  return { id: row.id, kind: row.kind, name: row.name, address: row.address, activities: row.activities };
}

export function presentConsultationAddressees(addressees: {
  offices: ReadonlyArray<ConsultationAddresseesDto['offices'][number]>;
  agencies: ReadonlyArray<{ agency: string; officers: number }>;
}): ConsultationAddresseesDto {
  return {
    offices: addressees.offices.map((office) => ({
      id: office.id,
      code: office.code,
      name: office.name,
      kind: office.kind,
    })),
    agencies: addressees.agencies.map((row) => ({ code: row.agency, officers: row.officers })),
  };
}
