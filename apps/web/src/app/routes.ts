/** Every path of the app, in one place. Pages link with these builders, never with string literals. */
export const paths = {
  home: '/',
  tariffs: '/tariffs',
  tariff: '/tariffs/:code',
  internet: '/internet',
  services: '/services',
  roaming: '/roaming',
  bonus: '/bonus',
  settings: '/settings',
  more: '/more',
} as const;

export const to = {
  home: () => paths.home,
  tariffs: () => paths.tariffs,
  tariff: (code: string) => `/tariffs/${encodeURIComponent(code)}`,
  internet: () => paths.internet,
  services: () => paths.services,
  roaming: (country?: string) =>
    country ? `${paths.roaming}?${new URLSearchParams({ country })}` : paths.roaming,
  bonus: () => paths.bonus,
  settings: () => paths.settings,
  more: () => paths.more,
};
