import type { IconName } from '../ui/Icon';
import { pages } from './pages';
import { paths } from './routes';

export type SectionId =
  | 'home'
  | 'tariffs'
  | 'internet'
  | 'services'
  | 'account'
  | 'roaming'
  | 'bonus'
  | 'settings';

export interface Section {
  id: SectionId;
  path: string;
  icon: IconName;
  preload: () => Promise<unknown>;
  /** Shown only to a signed-in subscriber (it is about their own line). */
  signedInOnly?: boolean;
}

/** The sections a person can open today, in menu order (the desktop sidebar shows them all). */
export const sections: Section[] = [
  { id: 'home', path: paths.home, icon: 'home', preload: pages.home.preload },
  { id: 'tariffs', path: paths.tariffs, icon: 'tariffs', preload: pages.tariffs.preload },
  { id: 'internet', path: paths.internet, icon: 'internet', preload: pages.internet.preload },
  { id: 'services', path: paths.services, icon: 'services', preload: pages.services.preload },
  { id: 'account', path: paths.account, icon: 'account', preload: pages.account.preload, signedInOnly: true },
  { id: 'roaming', path: paths.roaming, icon: 'roaming', preload: pages.roaming.preload },
  { id: 'bonus', path: paths.bonus, icon: 'bonus', preload: pages.bonus.preload },
  { id: 'settings', path: paths.settings, icon: 'settings', preload: pages.settings.preload },
];

/** The phone tab bar: the first four sections, the rest behind "More". */
export const tabSections = sections.slice(0, 4);
export const moreSections = sections.slice(4);

/** The sections for who is looking: visitors do not see the ones about a line of their own. */
export function visibleSections(list: Section[], signedIn: boolean): Section[] {
  return signedIn ? list : list.filter((section) => !section.signedInOnly);
}
