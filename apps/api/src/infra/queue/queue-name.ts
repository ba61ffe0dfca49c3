/** Every queue, named once. One processor class per job lives in the owning module's jobs/ folder. */
export enum QueueName {
  Maintenance = 'maintenance',
}
