import type { Generated } from 'kysely';

/**
 * Row types of every table, shared by both engines. Conventions (see docs/ARCHITECTURE.md):
 * money in integer minor units; prices below a minor unit in micros (millionths of a minor unit);
 * instants as ISO-8601 UTC strings; calendar dates as 'YYYY-MM-DD'; localized text as JSON `{en,ru,id}`.
 */
export interface OperatorSettingsTable {
  id: number;
  name: string;
  currency: string;
  created_at: string;
}

export interface RoamingZonesTable {
  id: Generated<number>;
  code: string;
  name_i18n: string;
  sort_order: number;
}

export interface RoamingCountriesTable {
  country: string;
  zone_id: number;
}

export interface NumberPrefixesTable {
  prefix: string;
  destination_class: string;
  international_zone: string | null;
  country: string | null;
}

export interface TariffsTable {
  id: Generated<number>;
  code: string;
  name: string;
  description_i18n: string;
  payment_type: string;
  fee_period: string;
  fee_amount: number;
  voice_charging: string;
  voice_free_seconds: number;
  data_rounding_bytes: number;
  change_fee: number;
  change_effective: string;
  /** How a rated amount below one minor unit is rounded: 'up' (the default) or 'half_up'. */
  money_rounding: Generated<string>;
  status: string;
  sort_order: number;
  created_at: string;
}

export interface TariffAllowancesTable {
  id: Generated<number>;
  tariff_id: number;
  unit: string;
  amount: number;
  scope: string;
}

export interface TariffPricesTable {
  id: Generated<number>;
  tariff_id: number;
  usage_type: string;
  destination_class: string;
  roaming_zone_id: number | null;
  international_zone: string | null;
  price_micros: number;
  per: string;
}

export interface ServicesTable {
  id: Generated<number>;
  code: string;
  kind: string;
  category: string;
  name_i18n: string;
  description_i18n: string;
  fee_type: string;
  fee_amount: number;
  provider: string | null;
  rating_effect: string | null;
  status: string;
  sort_order: number;
}

export interface PacksTable {
  id: Generated<number>;
  code: string;
  kind: string;
  name_i18n: string;
  price: number;
  validity_days: number;
  roaming_zone_id: number | null;
  status: string;
  sort_order: number;
}

export interface PackAllowancesTable {
  id: Generated<number>;
  pack_id: number;
  unit: string;
  amount: number;
  scope: string;
}

export interface LoyaltyRewardsTable {
  id: Generated<number>;
  code: string;
  name_i18n: string;
  description_i18n: string;
  points_cost: number;
  reward_type: string;
  pack_id: number | null;
  partner: string | null;
  status: string;
  sort_order: number;
}

export interface CustomersTable {
  id: Generated<number>;
  name: string;
  email: string | null;
  language: string;
  created_at: string;
}

export interface AccountsTable {
  id: Generated<number>;
  customer_id: number;
  number: string;
  payment_type: string;
  balance: number;
  credit_limit: number;
  status: string;
  bill_cycle_day: number | null;
  /** The line whose subscriber owns the account and sees all its lines. */
  owner_line_id: number | null;
  created_at: string;
}

export interface LinesTable {
  id: Generated<number>;
  account_id: number;
  msisdn: string;
  iccid: string;
  imsi: string;
  tariff_id: number;
  status: string;
  status_changed_at: string;
  activated_at: string;
  created_at: string;
  /** Day of month the tariff fee falls due (monthly tariffs), in the billing time zone. */
  fee_anchor_day: number | null;
  /** Start of the next period whose fee is due; null for tariffs without a fee. */
  next_fee_at: string | null;
  /** 'active', or 'suspended' while a prepaid tariff fee is unpaid (no bundles until it is paid). */
  tariff_status: Generated<string>;
  /** A tariff change that takes effect at next_fee_at. */
  pending_tariff_id: number | null;
  /** The debt that limited or blocked the line: 'promised_payment' or 'bill'; null otherwise. */
  blocked_for: string | null;
}

export interface LineServicesTable {
  id: Generated<number>;
  line_id: number;
  service_id: number;
  status: string;
  connected_at: string;
  disconnected_at: string | null;
  next_fee_at: string | null;
  /** Day of month a monthly service fee falls due, in the billing time zone; null for other fees. */
  fee_anchor_day: number | null;
}

export interface BundlesTable {
  id: Generated<number>;
  line_id: number;
  source: string;
  tariff_id: number | null;
  pack_id: number | null;
  unit: string;
  scope: string;
  total: number;
  remaining: number;
  valid_from: string;
  expires_at: string;
  created_at: string;
  /** Roaming pack bundles apply only in their zone; home bundles (null) only at home. */
  roaming_zone_id: number | null;
}

export interface LedgerEntriesTable {
  id: Generated<number>;
  account_id: number;
  line_id: number | null;
  bundle_id: number | null;
  kind: string;
  unit: string;
  amount: number;
  balance_after: number;
  reference_type: string | null;
  reference_id: string | null;
  created_at: string;
}

export interface BillsTable {
  id: Generated<number>;
  account_id: number;
  number: string;
  period_start: string;
  period_end: string;
  issued_at: string;
  due_date: string;
  status: string;
  total_amount: number;
  paid_amount: number;
  created_at: string;
  /** Recurring and one-time fees of the period (before discount and tax). */
  fees_amount: Generated<number>;
  usage_amount: Generated<number>;
  /** Discounts of the period, as a positive amount subtracted. */
  discount_amount: Generated<number>;
  tax_amount: Generated<number>;
  /** 'inclusive' (tax is part of the fees) or 'exclusive' (added on top); null for bills from before 0009. */
  tax_mode: string | null;
  tax_rate_basis_points: number | null;
  settled_at: string | null;
}

export interface BillLinesTable {
  id: Generated<number>;
  bill_id: number;
  /** fee, usage, discount or tax. */
  kind: string;
  description: string;
  /** Signed minor units: a discount is negative. */
  amount: number;
  sort_order: number;
}

export interface BillPaymentsTable {
  id: Generated<number>;
  bill_id: number;
  amount: number;
  /** The payer's reference (bank transfer id, card payment id): UNIQUE, so a payment is recorded once. */
  reference: string;
  /** operator or card. */
  source: string;
  paid_at: string;
}

export interface DunningActionsTable {
  id: Generated<number>;
  bill_id: number;
  days_overdue: number;
  /** reminder, limit or block. */
  action: string;
  applied_at: string;
}

export interface VouchersTable {
  id: Generated<number>;
  /** HMAC-SHA256 of the normalised code under VOUCHER_SECRET; the code itself is never stored. */
  code_hash: string;
  batch: string;
  amount: number;
  /** active, redeemed. */
  status: string;
  expires_at: string | null;
  created_at: string;
  redeemed_at: string | null;
}

export interface VoucherRedemptionsTable {
  id: Generated<number>;
  voucher_id: number;
  line_id: number;
  account_id: number;
  amount: number;
  /** Part of the amount that went to repay a promised payment. */
  repaid_amount: number;
  redeemed_at: string;
}

export interface VoucherFailuresTable {
  id: Generated<number>;
  line_id: number;
  client_ip: string;
  at: string;
}

export interface PromisedPaymentsTable {
  id: Generated<number>;
  line_id: number;
  account_id: number;
  client_key: string;
  amount: number;
  fee_amount: number;
  /** What is still to be repaid from the next credits. */
  outstanding: number;
  /** open, overdue (term passed with money outstanding; the line is limited), repaid. */
  status: string;
  taken_at: string;
  due_at: string;
  repaid_at: string | null;
  overdue_at: string | null;
}

export interface UsageEventsTable {
  id: Generated<number>;
  /** The network's idempotency key: a repeat returns `result` and charges nothing. */
  event_id: string;
  msisdn: string;
  line_id: number | null;
  account_id: number | null;
  type: string;
  started_at: string;
  /** Seconds, messages or bytes as reported. */
  quantity: number;
  /** Units after the tariff's rounding step. */
  rated_units: number;
  other_party: string | null;
  destination_class: string | null;
  roaming_country: string | null;
  rating_group: number | null;
  status: string;
  reason: string | null;
  amount: number;
  bundle_units: number;
  /** The exact result returned the first time, as JSON. */
  result: string;
  received_at: string;
}

export interface FeeChargesTable {
  id: Generated<number>;
  line_id: number;
  subject: string;
  subject_id: number;
  period_start: string;
  period_end: string;
  amount: number;
  created_at: string;
}

export interface OrdersTable {
  id: Generated<number>;
  line_id: number;
  client_key: string;
  kind: string;
  subject_code: string;
  status: string;
  reason: string | null;
  price: number;
  effective_at: string;
  result: string;
  created_at: string;
}

export interface DB {
  operator_settings: OperatorSettingsTable;
  roaming_zones: RoamingZonesTable;
  roaming_countries: RoamingCountriesTable;
  number_prefixes: NumberPrefixesTable;
  tariffs: TariffsTable;
  tariff_allowances: TariffAllowancesTable;
  tariff_prices: TariffPricesTable;
  services: ServicesTable;
  packs: PacksTable;
  pack_allowances: PackAllowancesTable;
  loyalty_rewards: LoyaltyRewardsTable;
  customers: CustomersTable;
  accounts: AccountsTable;
  lines: LinesTable;
  line_services: LineServicesTable;
  bundles: BundlesTable;
  ledger_entries: LedgerEntriesTable;
  bills: BillsTable;
  bill_lines: BillLinesTable;
  bill_payments: BillPaymentsTable;
  dunning_actions: DunningActionsTable;
  vouchers: VouchersTable;
  voucher_redemptions: VoucherRedemptionsTable;
  voucher_failures: VoucherFailuresTable;
  promised_payments: PromisedPaymentsTable;
  usage_events: UsageEventsTable;
  fee_charges: FeeChargesTable;
  orders: OrdersTable;
  logins: LoginsTable;
  login_lines: LoginLinesTable;
  sessions: SessionsTable;
  otp_challenges: OtpChallengesTable;
  sms_code_sends: SmsCodeSendsTable;
  security_events: SecurityEventsTable;
  oidc_identities: OidcIdentitiesTable;
  oidc_flows: OidcFlowsTable;
  call_forwarding: CallForwardingTable;
  notification_preferences: NotificationPreferencesTable;
  details_mail_orders: DetailsMailOrdersTable;
  payment_cards: PaymentCardsTable;
  payments: PaymentsTable;
  auto_top_ups: AutoTopUpsTable;
  sandbox_charges: SandboxChargesTable;
}

/** A card the subscriber saved: the provider's token and what may be shown, never the number. */
export interface PaymentCardsTable {
  id: Generated<number>;
  account_id: number;
  provider: string;
  token: string;
  brand: string;
  last4: string;
  exp_month: number | null;
  exp_year: number | null;
  created_at: string;
  removed_at: string | null;
}

/** A card payment: a top-up or an auto top-up; pending until the provider's word makes it final. */
export interface PaymentsTable {
  id: Generated<number>;
  account_id: number;
  line_id: number | null;
  kind: string;
  idempotency_key: string;
  amount: number;
  currency: string;
  status: string;
  failure_reason: string | null;
  provider: string;
  provider_payment_id: string | null;
  redirect_url: string | null;
  card_id: number | null;
  save_card: Generated<number>;
  card_brand: string | null;
  card_last4: string | null;
  receipt_number: string | null;
  created_at: string;
  updated_at: string;
  succeeded_at: string | null;
  /** The postpaid bill this payment pays (migration 0011); null for a top-up. */
  bill_id: number | null;
}

/** Auto top-up settings of an account (1 = on). */
export interface AutoTopUpsTable {
  account_id: number;
  enabled: number;
  card_id: number | null;
  amount: number;
  threshold: number | null;
  monthly_day: number | null;
  daily_limit: number;
  monthly_limit: number;
  updated_at: string;
}

/** The built-in sandbox provider's own record of a charge (what a real provider keeps on its side). */
export interface SandboxChargesTable {
  id: string;
  payment_id: number;
  amount: number;
  currency: string;
  status: string;
  failure_reason: string | null;
  return_url: string;
  save_card: number;
  card_brand: string | null;
  card_last4: string | null;
  card_exp_month: number | null;
  card_exp_year: number | null;
  card_token: string | null;
  created_at: string;
  updated_at: string;
}

/** A subscriber's login: the number is the login; the password is optional. */
export interface LoginsTable {
  id: Generated<number>;
  line_id: number;
  password_hash: string | null;
  password_set_at: string | null;
  password_failures: Generated<number>;
  password_locked_until: string | null;
  created_at: string;
}

/** Other numbers a login manages after proving control of them with a code. */
export interface LoginLinesTable {
  id: Generated<number>;
  login_id: number;
  line_id: number;
  added_at: string;
}

/** A signed-in device. `id` is the SHA-256 of the cookie token, never the token itself. */
export interface SessionsTable {
  id: string;
  login_id: number;
  method: string;
  label: string;
  ip: string | null;
  created_at: string;
  last_used_at: string;
  expires_at: string;
  revoked_at: string | null;
  revoked_reason: string | null;
  pin_hash: string | null;
  pin_failures: Generated<number>;
}

export interface OtpChallengesTable {
  id: string;
  purpose: string;
  msisdn: string;
  /** Null for a number that is not ours: the challenge exists so the answer looks the same, but never verifies. */
  line_id: number | null;
  login_id: number | null;
  code_hash: string;
  attempts: Generated<number>;
  sends: Generated<number>;
  created_at: string;
  last_sent_at: string;
  expires_at: string;
  consumed_at: string | null;
}

export interface SmsCodeSendsTable {
  id: Generated<number>;
  msisdn: string;
  client_ip: string;
  sent_at: string;
}

export interface SecurityEventsTable {
  id: Generated<number>;
  login_id: number;
  kind: string;
  device: string | null;
  ip: string | null;
  at: string;
}

export interface OidcIdentitiesTable {
  id: Generated<number>;
  login_id: number;
  issuer: string;
  subject: string;
  linked_at: string;
}

/** An authorization request waiting for the provider's callback (PKCE verifier and nonce). */
export interface OidcFlowsTable {
  state: string;
  intent: string;
  session_id: string | null;
  code_verifier: string;
  nonce: string;
  created_at: string;
}

/** Call forwarding of a line: one row per condition that is on (migration 0010). */
export interface CallForwardingTable {
  id: Generated<number>;
  line_id: number;
  /** unconditional | busy | no_answer | unreachable */
  condition: string;
  target_msisdn: string;
  no_answer_seconds: number | null;
  updated_at: string;
}

/** A notification topic a line has chosen (migration 0010); topics without a row keep their default. */
export interface NotificationPreferencesTable {
  id: Generated<number>;
  line_id: number;
  topic: string;
  /** on | off */
  enabled: string;
  updated_at: string;
}

/** Itemized details ordered to e-mail (migration 0012); sent by the details-mail job. */
export interface DetailsMailOrdersTable {
  id: Generated<number>;
  line_id: number;
  client_key: string;
  recipient: string;
  period_from: string;
  period_to: string;
  detail_type: string | null;
  /** 'csv', 'pdf' or 'csv,pdf' */
  formats: string;
  lang: string;
  /** queued | sending | sent | failed */
  status: string;
  attempts: Generated<number>;
  next_attempt_at: string;
  failure: string | null;
  created_at: string;
  sent_at: string | null;
}
