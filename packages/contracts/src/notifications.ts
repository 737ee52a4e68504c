import { type Static, Type } from 'typebox';

const topics = {
  low_balance: Type.Boolean({ description: 'The balance is low or used up' }),
  bundle_almost_used: Type.Boolean({ description: 'A bundle is 90 % used or used up' }),
  payment_due: Type.Boolean({ description: 'A bill or a promised payment is due' }),
  service_changes: Type.Boolean({ description: 'A tariff or service was changed on the line' }),
  offers: Type.Boolean({ description: 'Offers and promotions (off until chosen)' }),
};

/** Which SMS notifications the line receives. */
export const NotificationPreferences = Type.Object(topics);
export type NotificationPreferences = Static<typeof NotificationPreferences>;

/** Change some topics; the ones left out keep their value. */
export const NotificationPreferencesUpdate = Type.Partial(Type.Object(topics), {
  additionalProperties: false,
  minProperties: 1,
});
export type NotificationPreferencesUpdate = Static<typeof NotificationPreferencesUpdate>;
