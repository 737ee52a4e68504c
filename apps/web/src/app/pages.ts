import { type ComponentType, lazy } from 'react';

/** A page loaded on demand (its own chunk), which can also be fetched ahead of a click. */
function page(load: () => Promise<{ default: ComponentType }>) {
  return Object.assign(lazy(load), { preload: load });
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
