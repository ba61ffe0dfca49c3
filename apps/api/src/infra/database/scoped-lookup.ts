import type {
  EntityManager,
  EntityTarget,
  FindOptionsRelations,
  FindOptionsSelect,
  FindOptionsWhere,
} from 'typeorm';

/** A row that belongs to one organisation. */
export interface OrganisationScoped {
  id: string;
  organisationId: string;
}

export interface ScopedLookupOptions<E> {
  /** Further conditions, e.g. the owning member for a caller's own rows. */
  readonly where?: FindOptionsWhere<E>;
  /** Only these columns (a plain find only). */
  readonly select?: FindOptionsSelect<E>;
  /** Many-to-one relations to load with it (a plain find only: a lock cannot take an outer join). */
  readonly relations?: FindOptionsRelations<E>;
}

/**
 * The organisation's row with this id, or the module's not-found error: a row of another
 * organisation is not found either, so ids never leak across organisations.
 */
export async function findScopedOr404<E extends OrganisationScoped>(
  manager: EntityManager,
  entity: EntityTarget<E>,
  organisationId: string,
  id: string,
  notFound: () => Error,
  options: ScopedLookupOptions<E> = {},
): Promise<E> {
  const row = await manager.getRepository(entity).findOne({
    where: scopedWhere(organisationId, id, options),
    ...(options.select ? { select: options.select } : {}),
    ...(options.relations ? { relations: options.relations } : {}),
  });
  if (!row) throw notFound();
  return row;
}

/**
 * Like `findScopedOr404`, holding the row until the transaction ends (`FOR UPDATE`, or `FOR SHARE`
 * with `mode: 'pessimistic_read'` when the row must only not change under the command). Call it
 * inside a transaction.
 */
export async function lockScopedOr404<E extends OrganisationScoped>(
  manager: EntityManager,
  entity: EntityTarget<E>,
  organisationId: string,
  id: string,
  notFound: () => Error,
  options: Pick<ScopedLookupOptions<E>, 'where'> & {
    readonly mode?: 'pessimistic_write' | 'pessimistic_read';
  } = {},
): Promise<E> {
  const row = await manager.getRepository(entity).findOne({
    where: scopedWhere(organisationId, id, options),
    lock: { mode: options.mode ?? 'pessimistic_write' },
  });
  if (!row) throw notFound();
  return row;
}

function scopedWhere<E extends OrganisationScoped>(
  organisationId: string,
  id: string,
  options: ScopedLookupOptions<E>,
): FindOptionsWhere<E> {
  return { ...options.where, organisationId, id } as FindOptionsWhere<E>;
}
