/**
 * Five demo subscribers, each in a situation the self-care app must show well. Balances are stated as
 * the history of money movements that produced them (in roubles, scaled like the catalogue), so the
 * ledger explains every kopeck. Used units are how much of each tariff bundle is gone this period.
 */
export interface DemoLine {
  msisdn: string;
  tariff: string;
  status: 'active' | 'blocked_debt' | 'suspended';
  activatedDaysAgo: number;
  /** Share of each tariff bundle already used this period (0..1), by unit. */
  used: Partial<Record<'voice_seconds' | 'sms' | 'data_bytes', number>>;
  services: string[];
  packs: string[];
}

export interface DemoSubscriber {
  story: string;
  name: string;
  email: string;
  language: 'en' | 'ru' | 'id';
  paymentType: 'prepaid' | 'postpaid';
  creditLimitRub: number;
  /** Money movements, oldest first: positive top-ups, negative charges. */
  movements: { kind: 'top_up' | 'fee' | 'usage' | 'pack_purchase'; rub: number; daysAgo: number }[];
  /** Postpaid: the last issued bill. */
  bill?: {
    status: 'sent' | 'overdue';
    /** The period the bill covers, as days ago; its total is the charges within it. */
    periodStartDaysAgo: number;
    periodEndDaysAgo: number;
    dueInDays: number;
  };
  lines: DemoLine[];
}

export const demoSubscribers: DemoSubscriber[] = [
  {
    story: 'healthy balance, bundles partly used, a paid content subscription connected',
    name: 'Anna Petrova',
    email: 'anna.petrova@example.com',
    language: 'en',
    paymentType: 'prepaid',
    creditLimitRub: 0,
    movements: [
      { kind: 'top_up', rub: 1000, daysAgo: 40 },
      { kind: 'fee', rub: 650, daysAgo: 12 },
      { kind: 'top_up', rub: 1500, daysAgo: 10 },
      { kind: 'pack_purchase', rub: 250, daysAgo: 6 },
      { kind: 'usage', rub: 54.5, daysAgo: 3 },
      { kind: 'fee', rub: 300, daysAgo: 2 },
    ],
    lines: [
      {
        msisdn: '+79000000001',
        tariff: 'smart-plus',
        status: 'active',
        activatedDaysAgo: 400,
        used: { voice_seconds: 0.35, sms: 0.1, data_bytes: 0.42 },
        services: ['messengers', 'spam-shield', 'content-music'],
        packs: ['internet-5gb-30d'],
      },
    ],
  },
  {
    story: 'nearly empty balance and an almost used internet bundle',
    name: 'Boris Ivanov',
    email: 'boris.ivanov@example.com',
    language: 'ru',
    paymentType: 'prepaid',
    creditLimitRub: 0,
    movements: [
      { kind: 'top_up', rub: 400, daysAgo: 27 },
      { kind: 'fee', rub: 350, daysAgo: 26 },
      { kind: 'usage', rub: 37.6, daysAgo: 4 },
    ],
    lines: [
      {
        msisdn: '+79000000002',
        tariff: 'smart-start',
        status: 'active',
        activatedDaysAgo: 210,
        used: { voice_seconds: 0.91, sms: 0.6, data_bytes: 0.97 },
        services: ['who-called'],
        packs: [],
      },
    ],
  },
  {
    story: 'postpaid, blocked for debt: the last bill is overdue',
    name: 'Citra Lestari',
    email: 'citra.lestari@example.com',
    language: 'id',
    paymentType: 'postpaid',
    creditLimitRub: 1000,
    movements: [
      { kind: 'fee', rub: 1200, daysAgo: 55 },
      { kind: 'usage', rub: 180, daysAgo: 40 },
      { kind: 'fee', rub: 1200, daysAgo: 25 },
      { kind: 'usage', rub: 96, daysAgo: 20 },
    ],
    bill: { status: 'overdue', periodStartDaysAgo: 55, periodEndDaysAgo: 25, dueInDays: -5 },
    lines: [
      {
        msisdn: '+79000000003',
        tariff: 'max-unlimited',
        status: 'blocked_debt',
        activatedDaysAgo: 330,
        used: { voice_seconds: 0.2, sms: 0.05, data_bytes: 0.3 },
        services: ['video'],
        packs: [],
      },
    ],
  },
  {
    story: 'postpaid with an open bill that is not yet due',
    name: 'Dmitry Sokolov',
    email: 'dmitry.sokolov@example.com',
    language: 'ru',
    paymentType: 'postpaid',
    creditLimitRub: 5000,
    movements: [
      { kind: 'fee', rub: 2500, daysAgo: 65 },
      { kind: 'top_up', rub: 2500, daysAgo: 50 },
      { kind: 'fee', rub: 2500, daysAgo: 35 },
      { kind: 'usage', rub: 412.8, daysAgo: 12 },
    ],
    bill: { status: 'sent', periodStartDaysAgo: 35, periodEndDaysAgo: 5, dueInDays: 10 },
    lines: [
      {
        msisdn: '+79000000004',
        tariff: 'business-pro',
        status: 'active',
        activatedDaysAgo: 800,
        used: { voice_seconds: 0.12, sms: 0.02, data_bytes: 0.08 },
        services: ['world-calls', 'voicemail'],
        packs: [],
      },
    ],
  },
  {
    story: 'account owner with a second line for a family member',
    name: 'Elena Smirnova',
    email: 'elena.smirnova@example.com',
    language: 'en',
    paymentType: 'prepaid',
    creditLimitRub: 0,
    movements: [
      { kind: 'top_up', rub: 2000, daysAgo: 20 },
      { kind: 'fee', rub: 650, daysAgo: 18 },
      { kind: 'fee', rub: 350, daysAgo: 15 },
      { kind: 'usage', rub: 23, daysAgo: 1 },
    ],
    lines: [
      {
        msisdn: '+79000000005',
        tariff: 'smart-plus',
        status: 'active',
        activatedDaysAgo: 600,
        used: { voice_seconds: 0.5, sms: 0.3, data_bytes: 0.55 },
        services: ['unlimited-on-net'],
        packs: [],
      },
      {
        msisdn: '+79000000006',
        tariff: 'smart-start',
        status: 'active',
        activatedDaysAgo: 90,
        used: { voice_seconds: 0.15, sms: 0.4, data_bytes: 0.7 },
        services: ['social', 'content-games'],
        packs: [],
      },
    ],
  },
];
