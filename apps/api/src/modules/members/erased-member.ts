/** What erasing a member leaves in their row: the id stays, the name and address do not. */
export const ERASED_NAME = 'Erased member';
export const erasedEmail = (memberId: string) => `erased-${memberId}@invalid`;

/** SQL that is true when the members row under `alias` has been erased (see `erasedEmail`). */
export const erasedMemberSql = (alias: string) => `(${alias}.email = 'erased-' || ${alias}.id || '@invalid')`;
