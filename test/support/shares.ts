import { buildShareRedirectUrl, buildTrackedLink } from '@heimo/content';
import type { NetworkId } from '@heimo/domain';
import type { DataSource } from 'typeorm';
import type { Member } from '../../apps/api/src/modules/members/entities/member.entity';
import type { Pack } from '../../apps/api/src/modules/packs/entities/pack.entity';
import type { Share } from '../../apps/api/src/modules/sharing/entities/share.entity';
import { RollupService } from '../../apps/api/src/modules/sharing/rollup.service';
import { ShareCodeService } from '../../apps/api/src/modules/sharing/share-code.service';

export interface NewShare {
  readonly network?: NetworkId;
  readonly audienceSize?: number;
  readonly createdAt?: Date;
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
