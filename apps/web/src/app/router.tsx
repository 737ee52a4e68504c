import { createBrowserRouter } from 'react-router';
import { Layout } from './Layout';
import { pages } from './pages';
import { RouteError } from './RouteError';
import { paths } from './routes';

export const router = createBrowserRouter([
  {
    path: paths.home,
    element: <Layout />,
    // A failure outside the pages (the shell itself): a full-screen message.
    errorElement: <RouteError standalone />,
    children: [
      {
        // A failure inside a page (or its chunk failing to load) keeps the navigation usable.
        errorElement: <RouteError />,
        children: [
          { index: true, element: <pages.home /> },
          { path: paths.tariffs, element: <pages.tariffs /> },
          { path: paths.tariff, element: <pages.tariff /> },
          { path: paths.internet, element: <pages.internet /> },
          { path: paths.services, element: <pages.services /> },
          { path: paths.account, element: <pages.account /> },
          { path: paths.roaming, element: <pages.roaming /> },
          { path: paths.bonus, element: <pages.bonus /> },
          { path: paths.settings, element: <pages.settings /> },
          { path: paths.more, element: <pages.more /> },
          { path: paths.signIn, element: <pages.signIn /> },
          { path: paths.signInPassword, element: <pages.signInPassword /> },
          { path: paths.forgotPassword, element: <pages.forgotPassword /> },
          { path: paths.security, element: <pages.security /> },
          { path: paths.numbers, element: <pages.numbers /> },
          { path: paths.topUp, element: <pages.topUp /> },
          { path: paths.topUpResult, element: <pages.topUpResult /> },
          { path: paths.autoTopUp, element: <pages.autoTopUp /> },
          { path: paths.payments, element: <pages.payments /> },
          { path: paths.voucher, element: <pages.voucher /> },
          { path: paths.promisedPayment, element: <pages.promisedPayment /> },
          { path: paths.bills, element: <pages.bills /> },
          { path: paths.bill, element: <pages.bill /> },
          { path: '*', element: <pages.notFound /> },
        ],
      },
    ],
  },
]);
