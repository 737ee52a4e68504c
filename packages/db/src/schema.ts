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
}

export interface LineServicesTable {
  id: Generated<number>;
  line_id: number;
  service_id: number;
  status: string;
  connected_at: string;
  disconnected_at: string | null;
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
}
