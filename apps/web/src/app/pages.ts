import { type ComponentType, createElement, lazy, useState } from 'react';

/**
 * A page loaded on demand (its own chunk), which can also be fetched ahead of a click. Once its code is
 * here it renders directly: a lazy component suspends on its first render even when its code has
 * already arrived, and React then holds the fallback for at least 300 ms before showing the page.
 */
function page(load: () => Promise<{ default: ComponentType }>) {
  let loaded: ComponentType | null = null;
  const preload = () =>
    load().then((module) => {
      loaded = module.default;
      return module;
    });
  const Lazy = lazy(preload);
  // biome-ignore lint/correctness/noComponentHookFactories: page() runs once per page when this module loads, so each Page keeps one identity
  function Page() {
    // Chosen once per mount, so a page shown through Lazy is never remounted when its code arrives.
    const [Direct] = useState(() => loaded);
    return createElement(Direct ?? Lazy);
  }
  return Object.assign(Page, { preload });
}

export const pages = {
  home: page(() => import('../features/home/HomePage')),
  tariffs: page(() => import('../features/tariffs/TariffsPage')),
  tariff: page(() => import('../features/tariffs/TariffPage')),
  internet: page(() => import('../features/internet/InternetPage')),
  services: page(() => import('../features/services/ServicesPage')),
  account: page(() => import('../features/account/AccountPage')),
  roaming: page(() => import('../features/roaming/RoamingPage')),
  bonus: page(() => import('../features/bonus/BonusPage')),
  settings: page(() => import('../features/settings/SettingsPage')),
  more: page(() => import('../features/more/MorePage')),
  signIn: page(() => import('../features/sign-in/SignInPage')),
  signInPassword: page(() => import('../features/sign-in/PasswordSignInPage')),
  forgotPassword: page(() => import('../features/sign-in/ForgotPasswordPage')),
  security: page(() => import('../features/security/SecurityPage')),
  numbers: page(() => import('../features/numbers/NumbersPage')),
  topUp: page(() => import('../features/top-up/TopUpPage')),
  topUpResult: page(() => import('../features/top-up/TopUpResultPage')),
  autoTopUp: page(() => import('../features/top-up/AutoTopUpPage')),
  payments: page(() => import('../features/top-up/PaymentHistoryPage')),
  voucher: page(() => import('../features/money-in/VoucherPage')),
  promisedPayment: page(() => import('../features/money-in/PromisedPaymentPage')),
  bills: page(() => import('../features/money-in/BillsPage')),
  bill: page(() => import('../features/money-in/BillPage')),
  notFound: page(() => import('../features/not-found/NotFoundPage')),
};
