/**
 * A user's OIDC identity links (issuer/provider + subject) as admin service functions over the
 * caller's transaction: list, add, remove, for users in the admin's subtree (others are
 * `user.not-found`). A subject already linked to another user is refused, never moved silently
 * (taking over someone's sign-in is an explicit unlink first). Adds and removes are audited.
 */
import { ConflictError } from '../errors/DomainError.ts';
import { auditAdmin, type AdminTx } from './adminTx.ts';
import { loadUser } from './users.ts';

/** One link: the provider's name (as `TONGBAN_OIDC_PROVIDER`) and the subject (`sub`) it issues. */
export interface IdentityLink { provider: string; subject: string }

/** The user's links, by provider then subject. */
export async function listIdentityLinks(tx: AdminTx, userId: string): Promise<IdentityLink[]> {
  await loadUser(tx, userId);
  return (await tx.trx('identity_links').where({ user_id: userId }).orderBy(['provider', 'subject']).select('provider', 'subject')) as IdentityLink[];
}

/** Links a subject to the user (idempotent for the same user); a subject of another user is `user.identity-taken`. */
export async function addIdentityLink(tx: AdminTx, userId: string, link: IdentityLink): Promise<IdentityLink[]> {
  const user = await loadUser(tx, userId);
  const held = (await tx.trx('identity_links').where(link).first('user_id')) as { user_id: string } | undefined;
  if (held && held.user_id !== userId) throw new ConflictError('user.identity-taken', { path: '/subject', provider: link.provider });
  if (!held) {
    await tx.trx('identity_links').insert({ ...link, user_id: userId });
    await auditAdmin(tx, 'admin.user.link-identity', user.orgPath, { userId, provider: link.provider, subject: link.subject });
  }
  return listIdentityLinks(tx, userId);
}

/** Removes one of the user's links (idempotent: a link they do not hold changes nothing and is not audited). */
export async function removeIdentityLink(tx: AdminTx, userId: string, link: IdentityLink): Promise<IdentityLink[]> {
  const user = await loadUser(tx, userId);
  const n = Number(await tx.trx('identity_links').where({ ...link, user_id: userId }).delete());
  if (n) await auditAdmin(tx, 'admin.user.unlink-identity', user.orgPath, { userId, provider: link.provider, subject: link.subject });
  return listIdentityLinks(tx, userId);
}
