/**
 * Closed lists the server schemas and the web app share. Kept apart from the zod schemas so the browser bundle can
 * import them without zod.
 */
export const OPERATOR_ROLES = [
  'importer',
  'exporter',
  'manufacturer',
  'forwarder',
  'customs_broker',
  'carrier',
  'warehouse',
  'marketplace',
  'ecommerce_seller',
  'fulfilment_centre',
  'express_carrier',
] as const;

export const VARIANTS = ['standard', 'sme', 'ecommerce'] as const;
