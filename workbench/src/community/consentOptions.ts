/** What the consent screens offer: the registry's purposes and the data categories a consent may cover (as the server's schema). */
export const consentPurposes = ['sensor-monitoring', 'share-provider', 'share-hospital', 'door-access'] as const;
/** A consent purpose id. */
export type ConsentPurpose = (typeof consentPurposes)[number];
/** Personal-data categories a consent names (the `x-pii` tags that matter to residents). */
export const consentCategories = ['name', 'phone', 'id-number', 'address', 'gps', 'health', 'special-identity', 'minor'] as const;
/** Roles that keep the consent registry (as the server's `manage Consent` rule). */
export const consentRoles = ['county-admin', 'township-reviewer', 'community-secretary', 'community-officer', 'call-operator', 'referral-officer'];
