import type { LocalizedText } from '@kabinet/contracts';
import { minorDigits } from '@kabinet/core';

/**
 * The demo operator's catalogue, written in roubles and converted to the configured currency with a
 * rough price level per currency (rounded to two significant digits), so that a demo in USD or IDR
 * shows plausible prices rather than converted kopecks.
 */
const PRICE_LEVEL_PER_RUB: Record<string, number> = {
  RUB: 1,
  USD: 0.0125,
  EUR: 0.011,
  GBP: 0.0095,
  IDR: 200,
  KZT: 6,
  INR: 1,
  TRY: 0.4,
};

function twoSignificant(value: number): number {
  if (value === 0) return 0;
  const magnitude = 10 ** (Math.floor(Math.log10(Math.abs(value))) - 1);
  return Math.round(value / magnitude) * magnitude;
}

export class DemoPrices {
  private readonly level: number;
  private readonly scale: number;
  constructor(readonly currency: string) {
    this.level = PRICE_LEVEL_PER_RUB[currency] ?? PRICE_LEVEL_PER_RUB.USD!;
    this.scale = 10 ** minorDigits(currency);
  }
  /** A price given in roubles, in minor units of the configured currency. */
  minor(rub: number): number {
    return Math.round(twoSignificant(rub * this.level) * this.scale);
  }
  /** An amount of money moved (not a list price), converted without rounding to a nice figure. */
  exactMinor(rub: number): number {
    return Math.round(rub * this.level * this.scale);
  }
  /** A unit price given in roubles, in micros of the configured currency's minor unit. */
  micros(rub: number): number {
    return Math.round(twoSignificant(rub * this.level) * this.scale * 1_000_000);
  }
}

const GB = 1_000_000_000;
const MIN = 60;

export interface DemoAllowance {
  unit: 'voice_seconds' | 'sms' | 'data_bytes';
  amount: number;
  scope: 'all' | 'on_net' | 'national';
}

export interface DemoPrice {
  usageType: 'voice' | 'sms' | 'mms' | 'data';
  destinationClass: 'on_net' | 'other_mobile' | 'landline' | 'international' | 'any';
  roamingZone: string | null;
  internationalZone: string | null;
  rub: number;
  per: 'minute' | 'message' | 'megabyte';
}

export interface DemoTariff {
  code: string;
  name: string;
  description: LocalizedText;
  paymentType: 'prepaid' | 'postpaid';
  feePeriod: 'month' | 'day';
  feeRub: number;
  voiceCharging: 'per_minute' | 'per_second_after_first_minute';
  voiceFreeSeconds: number;
  dataRoundingBytes: number;
  changeFeeRub: number;
  changeEffective: 'now' | 'next_period';
  allowances: DemoAllowance[];
  prices: DemoPrice[];
}

export const roamingZones: { code: string; name: LocalizedText; countries: string[] }[] = [
  {
    code: 'neighbours',
    name: { en: 'Neighbouring countries', ru: 'Ближнее зарубежье', id: 'Negara tetangga' },
    countries: ['KZ', 'BY', 'AM', 'GE', 'UZ', 'KG', 'AZ'],
  },
  {
    code: 'europe',
    name: { en: 'Europe', ru: 'Европа', id: 'Eropa' },
    countries: ['DE', 'FR', 'IT', 'ES', 'NL', 'FI', 'PL', 'GR', 'AT', 'CZ', 'PT', 'SE', 'GB'],
  },
  {
    code: 'world',
    name: { en: 'Rest of the world', ru: 'Остальной мир', id: 'Seluruh dunia' },
    countries: ['TR', 'AE', 'TH', 'VN', 'CN', 'ID', 'IN', 'EG', 'US'],
  },
];

/**
 * The demo operator numbers its own subscribers in +7 900 and +7 901 (on-net). Longest prefix wins, so
 * "+7900" beats "+79". Calls abroad are priced by international zone, which mirrors the roaming zones.
 */
export const numberPrefixes: {
  prefix: string;
  destinationClass: string;
  internationalZone: string | null;
  country: string | null;
}[] = [
  { prefix: '+7900', destinationClass: 'on_net', internationalZone: null, country: 'RU' },
  { prefix: '+7901', destinationClass: 'on_net', internationalZone: null, country: 'RU' },
  { prefix: '+79', destinationClass: 'other_mobile', internationalZone: null, country: 'RU' },
  { prefix: '+73', destinationClass: 'landline', internationalZone: null, country: 'RU' },
  { prefix: '+74', destinationClass: 'landline', internationalZone: null, country: 'RU' },
  { prefix: '+78', destinationClass: 'landline', internationalZone: null, country: 'RU' },
  { prefix: '+76', destinationClass: 'international', internationalZone: 'neighbours', country: 'KZ' },
  { prefix: '+77', destinationClass: 'international', internationalZone: 'neighbours', country: 'KZ' },
  ...(
    [
      ['+375', 'BY', 'neighbours'],
      ['+374', 'AM', 'neighbours'],
      ['+995', 'GE', 'neighbours'],
      ['+998', 'UZ', 'neighbours'],
      ['+996', 'KG', 'neighbours'],
      ['+994', 'AZ', 'neighbours'],
      ['+49', 'DE', 'europe'],
      ['+33', 'FR', 'europe'],
      ['+39', 'IT', 'europe'],
      ['+34', 'ES', 'europe'],
      ['+31', 'NL', 'europe'],
      ['+358', 'FI', 'europe'],
      ['+48', 'PL', 'europe'],
      ['+30', 'GR', 'europe'],
      ['+43', 'AT', 'europe'],
      ['+420', 'CZ', 'europe'],
      ['+351', 'PT', 'europe'],
      ['+46', 'SE', 'europe'],
      ['+44', 'GB', 'europe'],
      ['+1', 'US', 'world'],
      ['+90', 'TR', 'world'],
      ['+971', 'AE', 'world'],
      ['+66', 'TH', 'world'],
      ['+84', 'VN', 'world'],
      ['+86', 'CN', 'world'],
      ['+62', 'ID', 'world'],
      ['+91', 'IN', 'world'],
      ['+20', 'EG', 'world'],
    ] as const
  ).map(([prefix, country, zone]) => ({
    prefix,
    destinationClass: 'international',
    internationalZone: zone,
    country,
  })),
];

/** Per-unit prices beyond the bundles, at home and in each roaming zone; `level` scales the home prices. */
function unitPrices(level: number): DemoPrice[] {
  const home = (
    usageType: DemoPrice['usageType'],
    destinationClass: DemoPrice['destinationClass'],
    rub: number,
    per: DemoPrice['per'],
    internationalZone: string | null = null,
  ): DemoPrice => ({ usageType, destinationClass, roamingZone: null, internationalZone, rub, per });
  const roaming = (zone: string, voice: number, sms: number, data: number): DemoPrice[] => [
    {
      usageType: 'voice',
      destinationClass: 'any',
      roamingZone: zone,
      internationalZone: null,
      rub: voice,
      per: 'minute',
    },
    {
      usageType: 'sms',
      destinationClass: 'any',
      roamingZone: zone,
      internationalZone: null,
      rub: sms,
      per: 'message',
    },
    {
      usageType: 'data',
      destinationClass: 'any',
      roamingZone: zone,
      internationalZone: null,
      rub: data,
      per: 'megabyte',
    },
  ];
  return [
    home('voice', 'on_net', 1.5 * level, 'minute'),
    home('voice', 'other_mobile', 2.5 * level, 'minute'),
    home('voice', 'landline', 2.5 * level, 'minute'),
    home('voice', 'international', 25, 'minute', 'neighbours'),
    home('voice', 'international', 55, 'minute', 'europe'),
    home('voice', 'international', 75, 'minute', 'world'),
    home('sms', 'any', 2 * level, 'message'),
    home('sms', 'international', 6, 'message'),
    home('mms', 'any', 7, 'message'),
    home('data', 'any', 3 * level, 'megabyte'),
    ...roaming('neighbours', 35, 15, 30),
    ...roaming('europe', 79, 25, 150),
    ...roaming('world', 129, 29, 290),
  ];
}

/** Data is rounded up to whole 100 kB steps (decimal, like every data figure subscribers see). */
const KB100 = 100_000;

export const tariffs: DemoTariff[] = [
  {
    code: 'basic',
    name: 'Basic',
    description: {
      en: 'No monthly fee: pay only for what you use. Calls shorter than 3 seconds are free.',
      ru: 'Без абонентской платы: платите только за то, чем пользуетесь. Звонки короче 3 секунд бесплатны.',
      id: 'Tanpa biaya bulanan: bayar hanya yang Anda pakai. Panggilan di bawah 3 detik gratis.',
    },
    paymentType: 'prepaid',
    feePeriod: 'month',
    feeRub: 0,
    voiceCharging: 'per_second_after_first_minute',
    voiceFreeSeconds: 3,
    dataRoundingBytes: KB100,
    changeFeeRub: 0,
    changeEffective: 'now',
    allowances: [],
    prices: unitPrices(1.6),
  },
  {
    code: 'daily-go',
    name: 'Daily Go',
    description: {
      en: 'A small daily fee, charged only on days you need it: 1 GB and 30 minutes every day.',
      ru: 'Небольшая плата в день: 1 ГБ и 30 минут каждый день.',
      id: 'Biaya harian kecil: 1 GB dan 30 menit setiap hari.',
    },
    paymentType: 'prepaid',
    feePeriod: 'day',
    feeRub: 15,
    voiceCharging: 'per_minute',
    voiceFreeSeconds: 0,
    dataRoundingBytes: KB100,
    changeFeeRub: 0,
    changeEffective: 'now',
    allowances: [
      { unit: 'voice_seconds', amount: 30 * MIN, scope: 'national' },
      { unit: 'data_bytes', amount: 1 * GB, scope: 'all' },
    ],
    prices: unitPrices(1.2),
  },
  {
    code: 'smart-start',
    name: 'Smart Start',
    description: {
      en: 'Everything for every day: 300 minutes, 100 SMS and 10 GB a month.',
      ru: 'Всё на каждый день: 300 минут, 100 SMS и 10 ГБ в месяц.',
      id: 'Semua untuk sehari-hari: 300 menit, 100 SMS dan 10 GB per bulan.',
    },
    paymentType: 'prepaid',
    feePeriod: 'month',
    feeRub: 350,
    voiceCharging: 'per_minute',
    voiceFreeSeconds: 0,
    dataRoundingBytes: KB100,
    changeFeeRub: 0,
    changeEffective: 'now',
    allowances: [
      { unit: 'voice_seconds', amount: 300 * MIN, scope: 'national' },
      { unit: 'sms', amount: 100, scope: 'national' },
      { unit: 'data_bytes', amount: 10 * GB, scope: 'all' },
    ],
    prices: unitPrices(1),
  },
  {
    code: 'smart-plus',
    name: 'Smart Plus',
    description: {
      en: '800 minutes, 300 SMS and 35 GB a month, billed by the second after the first minute.',
      ru: '800 минут, 300 SMS и 35 ГБ в месяц, посекундная тарификация после первой минуты.',
      id: '800 menit, 300 SMS dan 35 GB per bulan, tarif per detik setelah menit pertama.',
    },
    paymentType: 'prepaid',
    feePeriod: 'month',
    feeRub: 650,
    voiceCharging: 'per_second_after_first_minute',
    voiceFreeSeconds: 0,
    dataRoundingBytes: KB100,
    changeFeeRub: 0,
    changeEffective: 'now',
    allowances: [
      { unit: 'voice_seconds', amount: 800 * MIN, scope: 'national' },
      { unit: 'sms', amount: 300, scope: 'national' },
      { unit: 'data_bytes', amount: 35 * GB, scope: 'all' },
    ],
    prices: unitPrices(1),
  },
  {
    code: 'max-unlimited',
    name: 'Max Unlimited',
    description: {
      en: 'Postpaid with a monthly bill: 2,000 minutes, 1,000 SMS and 100 GB. Changes apply from the next period.',
      ru: 'Постоплата с ежемесячным счётом: 2000 минут, 1000 SMS и 100 ГБ. Смена тарифа — со следующего периода.',
      id: 'Pascabayar dengan tagihan bulanan: 2.000 menit, 1.000 SMS dan 100 GB. Perubahan berlaku periode berikutnya.',
    },
    paymentType: 'postpaid',
    feePeriod: 'month',
    feeRub: 1200,
    voiceCharging: 'per_second_after_first_minute',
    voiceFreeSeconds: 0,
    dataRoundingBytes: KB100,
    changeFeeRub: 0,
    changeEffective: 'next_period',
    allowances: [
      { unit: 'voice_seconds', amount: 2000 * MIN, scope: 'national' },
      { unit: 'sms', amount: 1000, scope: 'national' },
      { unit: 'data_bytes', amount: 100 * GB, scope: 'all' },
    ],
    prices: unitPrices(0.8),
  },
  {
    code: 'business-pro',
    name: 'Business Pro',
    description: {
      en: 'For business: 5,000 minutes, 1,000 SMS and 200 GB, a monthly invoice and lower international rates.',
      ru: 'Для бизнеса: 5000 минут, 1000 SMS и 200 ГБ, ежемесячный счёт и сниженные международные тарифы.',
      id: 'Untuk bisnis: 5.000 menit, 1.000 SMS dan 200 GB, faktur bulanan dan tarif internasional lebih rendah.',
    },
    paymentType: 'postpaid',
    feePeriod: 'month',
    feeRub: 2500,
    voiceCharging: 'per_second_after_first_minute',
    voiceFreeSeconds: 0,
    dataRoundingBytes: KB100,
    changeFeeRub: 500,
    changeEffective: 'next_period',
    allowances: [
      { unit: 'voice_seconds', amount: 5000 * MIN, scope: 'all' },
      { unit: 'sms', amount: 1000, scope: 'national' },
      { unit: 'data_bytes', amount: 200 * GB, scope: 'all' },
    ],
    prices: unitPrices(0.7),
  },
];

export interface DemoService {
  code: string;
  kind: 'option' | 'content';
  category: string;
  name: LocalizedText;
  description: LocalizedText;
  feeType: 'one_time' | 'daily' | 'monthly';
  feeRub: number;
  provider: string | null;
  /** How the option changes rating, read by the rating engine (charging-core issue). */
  ratingEffect: Record<string, unknown> | null;
}

const option = (
  code: string,
  category: string,
  name: LocalizedText,
  description: LocalizedText,
  feeType: DemoService['feeType'],
  feeRub: number,
  ratingEffect: DemoService['ratingEffect'] = null,
): DemoService => ({
  code,
  kind: 'option',
  category,
  name,
  description,
  feeType,
  feeRub,
  provider: null,
  ratingEffect,
});

export const services: DemoService[] = [
  option(
    'unlimited-on-net',
    'calls',
    {
      en: 'Unlimited calls in network',
      ru: 'Безлимит внутри сети',
      id: 'Telepon tanpa batas sesama operator',
    },
    {
      en: 'Calls to numbers of our network do not use your minutes.',
      ru: 'Звонки на номера нашей сети не расходуют минуты.',
      id: 'Panggilan ke nomor jaringan kami tidak memotong menit Anda.',
    },
    'monthly',
    90,
    { unlimitedVoice: 'on_net' },
  ),
  option(
    'world-calls',
    'calls',
    { en: 'World calls −50%', ru: 'Звонки за рубеж −50%', id: 'Telepon internasional −50%' },
    {
      en: 'Half price on calls to other countries.',
      ru: 'Звонки в другие страны за полцены.',
      id: 'Setengah harga untuk panggilan ke luar negeri.',
    },
    'monthly',
    100,
    { discountPercent: { usageType: 'voice', destinationClass: 'international', percent: 50 } },
  ),
  option(
    'messengers',
    'internet',
    { en: 'Unlimited messengers', ru: 'Безлимитные мессенджеры', id: 'Messenger tanpa batas' },
    {
      en: 'Messaging apps do not use your internet allowance.',
      ru: 'Мессенджеры не расходуют интернет-трафик.',
      id: 'Aplikasi pesan tidak memotong kuota internet.',
    },
    'monthly',
    60,
    { zeroRatedRatingGroups: [10, 11] },
  ),
  option(
    'social',
    'internet',
    { en: 'Unlimited social networks', ru: 'Безлимитные соцсети', id: 'Media sosial tanpa batas' },
    {
      en: 'Social networks do not use your internet allowance.',
      ru: 'Соцсети не расходуют интернет-трафик.',
      id: 'Media sosial tidak memotong kuota internet.',
    },
    'monthly',
    120,
    { zeroRatedRatingGroups: [20, 21] },
  ),
  option(
    'video',
    'internet',
    { en: 'Unlimited video', ru: 'Безлимитное видео', id: 'Video tanpa batas' },
    {
      en: 'Video streaming does not use your internet allowance.',
      ru: 'Видео не расходует интернет-трафик.',
      id: 'Streaming video tidak memotong kuota internet.',
    },
    'monthly',
    200,
    { zeroRatedRatingGroups: [30] },
  ),
  option(
    'who-called',
    'convenience',
    { en: 'Who called', ru: 'Кто звонил', id: 'Siapa yang menelepon' },
    {
      en: 'An SMS about calls you missed while your phone was off.',
      ru: 'SMS о пропущенных звонках, пока телефон был выключен.',
      id: 'SMS tentang panggilan tak terjawab saat ponsel mati.',
    },
    'daily',
    2,
  ),
  option(
    'spam-shield',
    'convenience',
    { en: 'Spam call shield', ru: 'Защита от спама', id: 'Perisai panggilan spam' },
    {
      en: 'Marks and blocks spam and fraud calls.',
      ru: 'Помечает и блокирует спам и мошеннические звонки.',
      id: 'Menandai dan memblokir panggilan spam dan penipuan.',
    },
    'monthly',
    50,
  ),
  option(
    'voicemail',
    'convenience',
    { en: 'Voicemail', ru: 'Голосовая почта', id: 'Kotak suara' },
    {
      en: 'Callers can leave a message; listen to it as audio or read it as text.',
      ru: 'Вам могут оставить сообщение; слушайте или читайте его текстом.',
      id: 'Penelepon dapat meninggalkan pesan; dengarkan atau baca sebagai teks.',
    },
    'monthly',
    40,
  ),
  option(
    'hide-number',
    'convenience',
    { en: 'Hide my number', ru: 'Скрыть номер', id: 'Sembunyikan nomor saya' },
    {
      en: 'Your number is not shown to the people you call.',
      ru: 'Ваш номер не показывается тем, кому вы звоните.',
      id: 'Nomor Anda tidak ditampilkan ke orang yang Anda telepon.',
    },
    'daily',
    5,
  ),
  option(
    'ringback-tone',
    'convenience',
    { en: 'Ringback tone', ru: 'Мелодия вместо гудка', id: 'Nada sambung' },
    {
      en: 'Callers hear a melody of your choice instead of the ringing tone.',
      ru: 'Вместо гудков звонящие слышат выбранную вами мелодию.',
      id: 'Penelepon mendengar melodi pilihan Anda, bukan nada dering.',
    },
    'monthly',
    75,
  ),
  option(
    'number-change',
    'convenience',
    { en: 'Change my number', ru: 'Смена номера', id: 'Ganti nomor saya' },
    {
      en: 'Pick a new number and keep your tariff and balance.',
      ru: 'Выберите новый номер, тариф и баланс сохранятся.',
      id: 'Pilih nomor baru, tarif dan saldo tetap.',
    },
    'one_time',
    300,
  ),
  {
    code: 'content-music',
    kind: 'content',
    category: 'content',
    name: { en: 'MusicBox', ru: 'MusicBox', id: 'MusicBox' },
    description: {
      en: 'Music streaming subscription by SoundWave Media.',
      ru: 'Подписка на музыку от SoundWave Media.',
      id: 'Langganan musik dari SoundWave Media.',
    },
    feeType: 'daily',
    feeRub: 9,
    provider: 'SoundWave Media',
    ratingEffect: null,
  },
  {
    code: 'content-horoscope',
    kind: 'content',
    category: 'content',
    name: { en: 'Daily horoscope', ru: 'Гороскоп на каждый день', id: 'Horoskop harian' },
    description: {
      en: 'A horoscope by SMS every morning, by StarLine Content.',
      ru: 'Гороскоп по SMS каждое утро от StarLine Content.',
      id: 'Horoskop lewat SMS setiap pagi dari StarLine Content.',
    },
    feeType: 'daily',
    feeRub: 5,
    provider: 'StarLine Content',
    ratingEffect: null,
  },
  {
    code: 'content-games',
    kind: 'content',
    category: 'content',
    name: { en: 'Game Club', ru: 'Игровой клуб', id: 'Klub Game' },
    description: {
      en: 'A monthly catalogue of mobile games by PlayNest.',
      ru: 'Каталог мобильных игр от PlayNest.',
      id: 'Katalog game seluler bulanan dari PlayNest.',
    },
    feeType: 'monthly',
    feeRub: 199,
    provider: 'PlayNest',
    ratingEffect: null,
  },
];

export interface DemoPack {
  code: string;
  kind: 'internet' | 'voice' | 'roaming';
  name: LocalizedText;
  priceRub: number;
  validityDays: number;
  roamingZone: string | null;
  /** Only given as a loyalty reward, never sold. */
  rewardOnly: boolean;
  allowances: DemoAllowance[];
}

const internetPack = (
  code: string,
  gb: number,
  days: number,
  priceRub: number,
  rewardOnly = false,
): DemoPack => ({
  code,
  kind: 'internet',
  name: {
    en: `${gb} GB for ${days === 1 ? '1 day' : `${days} days`}`,
    ru: `${gb} ГБ на ${days === 1 ? '1 день' : `${days} дн.`}`,
    id: `${gb} GB untuk ${days} hari`,
  },
  priceRub,
  validityDays: days,
  roamingZone: null,
  rewardOnly,
  allowances: [{ unit: 'data_bytes', amount: gb * GB, scope: 'all' }],
});

export const packs: DemoPack[] = [
  internetPack('internet-3gb-1d', 3, 1, 60),
  internetPack('internet-1gb-7d', 1, 7, 100),
  internetPack('internet-5gb-30d', 5, 30, 250),
  internetPack('internet-15gb-30d', 15, 30, 450),
  internetPack('internet-50gb-30d', 50, 30, 900),
  internetPack('reward-internet-1gb', 1, 30, 0, true),
  internetPack('reward-internet-5gb', 5, 30, 0, true),
  {
    code: 'reward-minutes-100',
    kind: 'voice',
    name: { en: '100 minutes for 30 days', ru: '100 минут на 30 дн.', id: '100 menit untuk 30 hari' },
    priceRub: 0,
    validityDays: 30,
    roamingZone: null,
    rewardOnly: true,
    allowances: [{ unit: 'voice_seconds', amount: 100 * MIN, scope: 'national' }],
  },
  {
    code: 'roaming-neighbours-7d',
    kind: 'roaming',
    name: {
      en: 'Neighbours: 100 min + 2 GB',
      ru: 'Ближнее зарубежье: 100 мин + 2 ГБ',
      id: 'Tetangga: 100 mnt + 2 GB',
    },
    priceRub: 500,
    validityDays: 7,
    roamingZone: 'neighbours',
    rewardOnly: false,
    allowances: [
      { unit: 'voice_seconds', amount: 100 * MIN, scope: 'all' },
      { unit: 'data_bytes', amount: 2 * GB, scope: 'all' },
    ],
  },
  {
    code: 'roaming-europe-7d',
    kind: 'roaming',
    name: { en: 'Europe: 60 min + 3 GB', ru: 'Европа: 60 мин + 3 ГБ', id: 'Eropa: 60 mnt + 3 GB' },
    priceRub: 1500,
    validityDays: 7,
    roamingZone: 'europe',
    rewardOnly: false,
    allowances: [
      { unit: 'voice_seconds', amount: 60 * MIN, scope: 'all' },
      { unit: 'data_bytes', amount: 3 * GB, scope: 'all' },
    ],
  },
  {
    code: 'roaming-world-7d',
    kind: 'roaming',
    name: { en: 'World: 30 min + 1 GB', ru: 'Весь мир: 30 мин + 1 ГБ', id: 'Dunia: 30 mnt + 1 GB' },
    priceRub: 1990,
    validityDays: 7,
    roamingZone: 'world',
    rewardOnly: false,
    allowances: [
      { unit: 'voice_seconds', amount: 30 * MIN, scope: 'all' },
      { unit: 'data_bytes', amount: 1 * GB, scope: 'all' },
    ],
  },
];

export interface DemoReward {
  code: string;
  name: LocalizedText;
  description: LocalizedText;
  pointsCost: number;
  rewardType: 'pack' | 'partner_gift' | 'discount';
  pack: string | null;
  partner: string | null;
}

export const rewards: DemoReward[] = [
  {
    code: 'internet-1gb',
    name: { en: '1 GB of internet', ru: '1 ГБ интернета', id: '1 GB internet' },
    description: { en: 'Valid for 30 days.', ru: 'Действует 30 дней.', id: 'Berlaku 30 hari.' },
    pointsCost: 300,
    rewardType: 'pack',
    pack: 'reward-internet-1gb',
    partner: null,
  },
  {
    code: 'internet-5gb',
    name: { en: '5 GB of internet', ru: '5 ГБ интернета', id: '5 GB internet' },
    description: { en: 'Valid for 30 days.', ru: 'Действует 30 дней.', id: 'Berlaku 30 hari.' },
    pointsCost: 1200,
    rewardType: 'pack',
    pack: 'reward-internet-5gb',
    partner: null,
  },
  {
    code: 'minutes-100',
    name: { en: '100 minutes', ru: '100 минут', id: '100 menit' },
    description: {
      en: 'Calls within the country, valid for 30 days.',
      ru: 'Звонки по стране, действуют 30 дней.',
      id: 'Panggilan dalam negeri, berlaku 30 hari.',
    },
    pointsCost: 400,
    rewardType: 'pack',
    pack: 'reward-minutes-100',
    partner: null,
  },
  {
    code: 'coffee',
    name: { en: 'A coffee on us', ru: 'Кофе в подарок', id: 'Kopi gratis' },
    description: {
      en: 'Any medium drink at CoffeeLab cafés.',
      ru: 'Любой напиток среднего размера в кофейнях CoffeeLab.',
      id: 'Minuman ukuran sedang apa pun di kafe CoffeeLab.',
    },
    pointsCost: 500,
    rewardType: 'partner_gift',
    pack: null,
    partner: 'CoffeeLab',
  },
  {
    code: 'cinema',
    name: { en: 'Cinema ticket −30%', ru: 'Билет в кино −30%', id: 'Tiket bioskop −30%' },
    description: {
      en: 'A discount code for one ticket at CinemaPark.',
      ru: 'Промокод на один билет в CinemaPark.',
      id: 'Kode diskon untuk satu tiket di CinemaPark.',
    },
    pointsCost: 700,
    rewardType: 'discount',
    pack: null,
    partner: 'CinemaPark',
  },
  {
    code: 'taxi',
    name: { en: 'Taxi ride discount', ru: 'Скидка на такси', id: 'Diskon naik taksi' },
    description: {
      en: 'A discount on your next CityCab ride.',
      ru: 'Скидка на следующую поездку CityCab.',
      id: 'Diskon untuk perjalanan CityCab berikutnya.',
    },
    pointsCost: 800,
    rewardType: 'discount',
    pack: null,
    partner: 'CityCab',
  },
];
