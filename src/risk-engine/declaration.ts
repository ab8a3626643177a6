/**
 * A customs declaration as a single window sends it, aligned with the WCO Data Model at that level.
 * This is the contract between the risk engine, its rules, the server and the CSV readers.
 */

/** How a party is identified: national taxpayer id, an EORI-like trader number, a partner AEO number, or other. */
export type PartyIdScheme = 'tin' | 'eori' | 'aeo' | 'other';

export interface Party {
  scheme: PartyIdScheme;
  id: string;
  /** Country that issued the id (ISO 3166-1 alpha-2), where known. */
  country?: string;
  name?: string;
}

export interface GoodsItem {
  /** HS code as digits only; 6 digits or more (national subheadings). */
  hsCode: string;
  description?: string;
  /** ISO 3166-1 alpha-2. */
  originCountry?: string;
  /** ISO 3166-1 alpha-2. */
  departureCountry?: string;
  customsValue: number;
  /** ISO 4217. */
  currency: string;
  netMassKg?: number;
  quantity?: number;
  /** Duty rate in percent (8 means 8 %). */
  dutyRate?: number;
  /** Duty or tariff type code, e.g. an FTA preferential rate. */
  taxType?: string;
  preferenceClaimed?: boolean;
  /** How the origin is marked (dataset column "Country of Origin Indicator"). */
  originIndicator?: string;
  /** Permit or licence references presented with the item (e.g. a CITES permit number). */
  permits?: string[];
}

export interface Declaration {
  id: string;
  /** Date filed, YYYY-MM-DD. */
  date: string;
  office: string;
  /** Procedure / declaration type codes (dataset: process type, import type, import use, payment type). */
  processType?: string;
  importType?: string;
  importUse?: string;
  paymentType?: string;
  transportMode?: string;
  importer: Party;
  /** Exporter or overseas seller. */
  seller?: Party;
  /** Who filed it, e.g. a customs broker. */
  declarant?: Party;
  /** Carrier or express courier. */
  carrier?: Party;
  items: GoodsItem[];
}

/** Outcome labels from an inspection, as the training data carries them. */
export interface InspectionLabel {
  fraud: boolean;
  critical: boolean;
  /** Duty recovered by the inspection, in the declaration's currency, where known. */
  dutyRecovered?: number;
}

export interface LabelledDeclaration {
  declaration: Declaration;
  label: InspectionLabel;
}
