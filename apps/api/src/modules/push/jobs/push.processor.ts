import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { QueueName } from '../../../infra/queue/queue-name';
import { PushSender } from '../push-sender';
import { SEND_PUSH_JOB, type SendPushPayload } from './push-jobs';

/** The push queue: one message to one device per job, retried with backoff on network, 429 and 5xx. */
@Processor(QueueName.Push)
export class PushProcessor extends WorkerHost {
  constructor(private readonly sender: PushSender) {
    super();
  }

  async process(job: Job<SendPushPayload>): Promise<unknown> {
    if (job.name !== SEND_PUSH_JOB) throw new Error(`unknown job ${job.name}`);
    return { outcome: await this.sender.send(job.data.subscriptionId, job.data.message) };
  }
}
