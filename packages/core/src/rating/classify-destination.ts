import type { Destination, DestinationClass, UsageType } from './types';

export interface NumberPlan {
  /** prefix ("+7900") → class and international zone. */
  prefixes: ReadonlyMap<string, { destinationClass: DestinationClass; internationalZone: string | null }>;
  /** ISO 3166 alpha-2 country → roaming zone code. */
  roamingZones: ReadonlyMap<string, string>;
  /** The operator's own country, where the subscriber is not roaming. */
  homeCountry: string;
}

export type Classification = { ok: true; destination: Destination } | { ok: false; reason: string };

const MAX_PREFIX = 16;

/** The longest matching prefix decides where a number belongs ("+7900" beats "+79"). */
export function matchPrefix(plan: NumberPlan, number: string) {
  for (let length = Math.min(MAX_PREFIX, number.length); length >= 2; length--) {
    const hit = plan.prefixes.get(number.slice(0, length));
    if (hit) return hit;
  }
  return undefined;
}

export function classifyDestination(
  plan: NumberPlan,
  type: UsageType,
  otherParty: string | null,
  roamingCountry: string | null,
): Classification {
  let roamingZone: string | null = null;
  if (roamingCountry && roamingCountry !== plan.homeCountry) {
    roamingZone = plan.roamingZones.get(roamingCountry) ?? null;
    if (!roamingZone) return { ok: false, reason: `no roaming in ${roamingCountry}` };
  }
  if (type === 'data')
    return { ok: true, destination: { destinationClass: 'any', internationalZone: null, roamingZone } };
  if (!otherParty) return { ok: false, reason: 'otherParty is required for voice, SMS and MMS' };
  const match = matchPrefix(plan, otherParty);
  if (!match) return { ok: false, reason: `no destination for ${otherParty.slice(0, 4)}…` };
  return {
    ok: true,
    destination: {
      destinationClass: match.destinationClass,
      internationalZone: match.internationalZone,
      roamingZone,
    },
  };
}
