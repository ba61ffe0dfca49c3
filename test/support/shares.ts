import { buildShareRedirectUrl, buildTrackedLink } from '@heimo/content';
import { decideShareCredit, type NetworkId } from '@heimo/domain';
import type { DataSource } from 'typeorm';
import type { Member } from '../../apps/api/src/modules/members/entities/member.entity';
import type { Pack } from '../../apps/api/src/modules/packs/entities/pack.entity';
import type { Share } from '../../apps/api/src/modules/sharing/entities/share.entity';
import { RollupService } from '../../apps/api/src/modules/sharing/rollup.service';
import { ShareCodeService } from '../../apps/api/src/modules/sharing/share-code.service';
import { ShareRepository } from '../../apps/api/src/modules/sharing/share/share.repository';
import { mergeSettings } from '../../apps/api/src/modules/organisations/organisation-settings.defaults';

export interface NewShare {
  readonly network?: NetworkId;
  readonly audienceSize?: number;
  readonly createdAt?: Date;
  /**
   * Decide the credit as the share command does (`decideShareCredit`: earlier shares of the pack on
   * the network, the member's credited shares on the share's local day, the organisation's cap).
   * Left out: credited, as before the credit rules, for tests about other things.
   */
  readonly credit?: boolean;
}

/**
 * A share straight in the database, made as the share command makes one: a new code, the redirect
 * URL with UTM parameters, the share's rollup (shares, reach, points) in the same transaction.
 */
export async function newShare(
  dataSource: DataSource,
  member: Pick<Member, 'id' | 'organisationId'>,
  pack: Pick<Pack, 'id' | 'slug' | 'destinationUrl'>,
  options: NewShare = {},
): Promise<Share> {
  const network = options.network ?? 'linkedin';
  return dataSource.transaction(async (manager) => {
    let credit: Pick<Share, 'credited' | 'uncreditedReason' | 'creditGroupId'> = {
      credited: true,
      uncreditedReason: null,
      creditGroupId: null,
    };
    if (options.credit) {
      const earlier = await new ShareRepository().earlierShares(
        manager,
        member.organisationId,
        member.id,
        pack.id,
        network,
      );
      const [{ today, settings }] = (await manager.query(
        `SELECT (SELECT count(*)::int FROM shares s
                  WHERE s.member_id = $2 AND s.credited
                    AND (s.created_at AT TIME ZONE o.timezone)::date = ($3::timestamptz AT TIME ZONE o.timezone)::date) AS today,
                o.settings
           FROM organisations o WHERE o.id = $1`,
        [member.organisationId, member.id, (options.createdAt ?? new Date()).toISOString()],
      )) as { today: number; settings: unknown }[];
      const decided = decideShareCredit({
        creditedBefore: earlier.creditedBefore,
        creditedToday: today,
        dailyCap: mergeSettings(settings).dailyCreditedShares,
      });
      credit = { ...decided, creditGroupId: earlier.creditGroupId };
    }
    const share = await new ShareCodeService().insertWithNewCode(manager, (code) => {
      const built = buildShareRedirectUrl({
        destination: pack.destinationUrl ?? 'https://example.com/',
        networkId: network,
        campaign: pack.slug,
        shareCode: code,
      });
      if (!built.ok) throw new Error(`bad destination: ${built.code}`);
      return {
        organisationId: member.organisationId,
        memberId: member.id,
        packId: pack.id,
        network,
        locale: 'en',
        text: `Worth a read ${buildTrackedLink('http://localhost:3000', code)}`,
        redirectUrl: built.url,
        audienceSize: options.audienceSize ?? 100,
        idempotencyKey: null,
        ...credit,
      };
    });
    if (options.createdAt) {
      await manager.query('UPDATE shares SET created_at = $2 WHERE id = $1', [share.id, options.createdAt]);
      share.createdAt = options.createdAt;
    }
    await new RollupService().recordShare(manager, share);
    return share;
  });
}
