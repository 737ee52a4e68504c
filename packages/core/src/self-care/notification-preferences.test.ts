import { describe, expect, it } from 'vitest';
import { resolveNotificationPreferences } from './notification-preferences';

describe('resolveNotificationPreferences', () => {
  it('has money and service alerts on and offers off until the line chooses', () => {
    expect(resolveNotificationPreferences([])).toEqual({
      low_balance: true,
      bundle_almost_used: true,
      payment_due: true,
      service_changes: true,
      offers: false,
    });
  });

  it('takes the stored choices over the defaults and ignores topics it does not know', () => {
    expect(
      resolveNotificationPreferences([
        { topic: 'low_balance', enabled: false },
        { topic: 'offers', enabled: true },
        { topic: 'horoscope', enabled: true },
      ]),
    ).toEqual({
      low_balance: false,
      bundle_almost_used: true,
      payment_due: true,
      service_changes: true,
      offers: true,
    });
  });
});
