/**
 * What a subscriber may be told by SMS about their line, and what is on until they say otherwise:
 * everything about money and service is on by default (it protects them), marketing is off until they
 * opt in.
 */
export const notificationTopics = [
  'low_balance',
  'bundle_almost_used',
  'payment_due',
  'service_changes',
  'offers',
] as const;
export type NotificationTopic = (typeof notificationTopics)[number];

const defaults: Record<NotificationTopic, boolean> = {
  low_balance: true,
  bundle_almost_used: true,
  payment_due: true,
  service_changes: true,
  offers: false,
};

/** The effective preferences: what the line chose, and the default for every topic it never set. */
export function resolveNotificationPreferences(
  stored: readonly { topic: string; enabled: boolean }[],
): Record<NotificationTopic, boolean> {
  const out = { ...defaults };
  for (const row of stored) {
    if ((notificationTopics as readonly string[]).includes(row.topic)) {
      out[row.topic as NotificationTopic] = row.enabled;
    }
  }
  return out;
}
