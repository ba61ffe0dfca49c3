import { getQueueToken } from '@nestjs/bullmq';
import { type Queue, QueueEvents } from 'bullmq';
import { QueueName } from '../../apps/api/src/infra/queue/queue-name';
import { redisOptionsFromUrl } from '../../apps/api/src/infra/queue/redis-options';
import { Session } from '../../apps/api/src/modules/auth/entities/session.entity';
import { PURGE_SESSIONS_JOB } from '../../apps/api/src/modules/auth/jobs/purge-sessions.job';
import { useTestServer } from '../support/use-test-server';
import { testRedisUrl } from '../support/test-env';

describe('the job queue', () => {
  const { server, ctx } = useTestServer({ workers: true });

  it('runs an enqueued job through Redis and its worker', async () => {
    const { org, advocate } = await ctx.newOrg();
    const sessions = server.dataSource.getRepository(Session);
    const old = new Date(Date.now() - 90 * 24 * 3600 * 1000);
    const ended = await sessions.save({
      organisationId: org.id,
      memberId: advocate.id,
      lastUsedAt: old,
      expiresAt: old,
      revokedAt: null,
      revokedReason: null,
    });
    const live = await sessions.save({
      organisationId: org.id,
      memberId: advocate.id,
      lastUsedAt: new Date(),
      expiresAt: new Date(Date.now() + 3600_000),
      revokedAt: null,
      revokedReason: null,
    });

    const queue = server.app.get<Queue>(getQueueToken(QueueName.Maintenance));
    const events = new QueueEvents(QueueName.Maintenance, {
      connection: redisOptionsFromUrl(testRedisUrl()),
      prefix: server.redisPrefix,
    });
    await events.waitUntilReady();
    try {
      const job = await queue.add(PURGE_SESSIONS_JOB, { graceDays: 30 });
      const result = (await job.waitUntilFinished(events, 15_000)) as { deleted: number };
      expect(result.deleted).toBeGreaterThanOrEqual(1);
    } finally {
      await events.close();
    }
    expect(await sessions.findOneBy({ id: ended.id })).toBeNull();
    expect(await sessions.findOneBy({ id: live.id })).not.toBeNull();
  });
});
