/**
 * The consent purposes (the engine's vocabulary, shared with the definitions, the workbench and the
 * designer) and why a consent may not allow a processing.
 */
export { ConsentPurposes, consentPurposeIds, type ConsentPurpose } from '@tongban/engine';

/** Why a consent does not allow a processing (each a code of the runtime's error catalogue). */
export type ConsentProblem = 'consent.not-found' | 'consent.withdrawn' | 'consent.expired' | 'consent.purpose-mismatch' | 'consent.subject-mismatch';
