import { consentPurposeIds, type ConsentPurpose } from '@tongban/engine';

/** What the consent screens offer: the registry's purposes (the engine's) and the data categories a consent may cover (as the server's schema). */
export const consentPurposes: readonly ConsentPurpose[] = consentPurposeIds;
export type { ConsentPurpose };
/** Personal-data categories a consent names (the `x-pii` tags that matter to residents). */
export const consentCategories = ['name', 'phone', 'id-number', 'address', 'gps', 'health', 'special-identity', 'minor'] as const;
/** Roles that keep the consent registry (as the server's `manage Consent` rule). */
export const consentRoles = ['county-admin', 'township-reviewer', 'community-secretary', 'community-officer', 'call-operator', 'referral-officer'];
