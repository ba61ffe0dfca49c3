/** Every queue, named once. One processor class per job lives in the owning module's jobs/ folder. */
export enum QueueName {
  Maintenance = 'maintenance',
  /** Click-event partitions made ahead (sharing). */
  ClickMaintenance = 'click-maintenance',
  /** Unconfirmed fan sign-ups swept after 48 hours (people). */
  PeopleMaintenance = 'people-maintenance',
  Packs = 'packs',
  Feeds = 'feeds',
  /** E-mail: sending, digests, reminders and summaries (notifications). */
  Notifications = 'notifications',
  /** Webhook deliveries to organisations' endpoints (webhooks). */
  Webhooks = 'webhooks',
  /** Slack and Teams posts, and the tick that plans them (channels). */
  Channels = 'channels',
  /** Web Push messages to members' devices (push). */
  Push = 'push',
  /** Connected accounts: share verification, engagement, follower counts (connections). */
  Connections = 'connections',
}
