import type { Kysely, Selectable } from 'kysely';
import type { DB, OtpChallengesTable, SessionsTable } from '../schema';

/**
 * Persistence of sign-in: logins, sessions, one-time-code challenges, the sends rate limits count,
 * other numbers and the security log. Every state change that a race could double (a code try, a PIN
 * failure, consuming a code, revoking) is one conditional UPDATE.
 */

export type SessionRow = Selectable<SessionsTable> & { line_id: number };
export type ChallengeRow = Selectable<OtpChallengesTable>;

export interface LineForSignIn {
  id: number;
  msisdn: string;
  language: string;
}

/** The line behind a number and its owner's language (one query, the same for known and unknown numbers). */
export async function findLineForSignIn(db: Kysely<DB>, msisdn: string): Promise<LineForSignIn | undefined> {
  return db
    .selectFrom('lines')
    .innerJoin('accounts', 'accounts.id', 'lines.account_id')
    .innerJoin('customers', 'customers.id', 'accounts.customer_id')
    .select(['lines.id', 'lines.msisdn', 'customers.language'])
    .where('lines.msisdn', '=', msisdn)
    .where('lines.status', '!=', 'terminated')
    .executeTakeFirst();
}

/** The login of a line, created on its first sign-in. */
export async function ensureLogin(db: Kysely<DB>, lineId: number, now: string): Promise<number> {
  await db
    .insertInto('logins')
    .values({ line_id: lineId, created_at: now })
    .onConflict((oc) => oc.column('line_id').doNothing())
    .execute();
  const row = await db
    .selectFrom('logins')
    .select('id')
    .where('line_id', '=', lineId)
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findLogin(db: Kysely<DB>, loginId: number) {
  return db
    .selectFrom('logins')
    .innerJoin('lines', 'lines.id', 'logins.line_id')
    .select([
      'logins.id',
      'logins.line_id',
      'lines.msisdn',
      'logins.password_hash',
      'logins.password_failures',
      'logins.password_locked_until',
    ])
    .where('logins.id', '=', loginId)
    .executeTakeFirst();
}

export async function findLoginByLine(db: Kysely<DB>, lineId: number) {
  return db
    .selectFrom('logins')
    .select(['id', 'password_hash', 'password_failures', 'password_locked_until'])
    .where('line_id', '=', lineId)
    .executeTakeFirst();
}

export async function setPassword(db: Kysely<DB>, loginId: number, hash: string | null, now: string) {
  await db
    .updateTable('logins')
    .set({
      password_hash: hash,
      password_set_at: hash ? now : null,
      password_failures: 0,
      password_locked_until: null,
    })
    .where('id', '=', loginId)
    .execute();
}

/** Counts a wrong password; the Nth in a row locks password sign-in until `lockUntil`. Returns failures so far. */
export async function recordPasswordFailure(
  db: Kysely<DB>,
  loginId: number,
  maxFailures: number,
  lockUntil: string,
): Promise<number> {
  const row = await db
    .updateTable('logins')
    .set((eb) => ({ password_failures: eb('password_failures', '+', 1) }))
    .where('id', '=', loginId)
    .returning('password_failures')
    .executeTakeFirstOrThrow();
  if (row.password_failures >= maxFailures) {
    await db
      .updateTable('logins')
      .set({ password_failures: 0, password_locked_until: lockUntil })
      .where('id', '=', loginId)
      .execute();
  }
  return row.password_failures;
}

export async function clearPasswordFailures(db: Kysely<DB>, loginId: number) {
  await db
    .updateTable('logins')
    .set({ password_failures: 0, password_locked_until: null })
    .where('id', '=', loginId)
    .execute();
}

// --- sessions -------------------------------------------------------------------------------------

export async function insertSession(
  db: Kysely<DB>,
  row: Omit<Selectable<SessionsTable>, 'revoked_at' | 'revoked_reason' | 'pin_hash' | 'pin_failures'>,
) {
  await db.insertInto('sessions').values(row).execute();
}

export async function findSession(db: Kysely<DB>, id: string): Promise<SessionRow | undefined> {
  return db
    .selectFrom('sessions')
    .innerJoin('logins', 'logins.id', 'sessions.login_id')
    .selectAll('sessions')
    .select('logins.line_id')
    .where('sessions.id', '=', id)
    .executeTakeFirst();
}

export async function touchSession(db: Kysely<DB>, id: string, now: string) {
  await db.updateTable('sessions').set({ last_used_at: now }).where('id', '=', id).execute();
}

/** Ends one session; true when this call ended it (it was still live). */
/**
 * Ends one live session; with `ofLogin`, only if it belongs to that login (a subscriber signing out one
 * of their own devices). True when this call ended it.
 */
export async function revokeSession(
  db: Kysely<DB>,
  id: string,
  reason: string,
  now: string,
  ofLogin?: number,
): Promise<boolean> {
  let update = db
    .updateTable('sessions')
    .set({ revoked_at: now, revoked_reason: reason })
    .where('id', '=', id)
    .where('revoked_at', 'is', null);
  if (ofLogin !== undefined) update = update.where('login_id', '=', ofLogin);
  const result = await update.executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function revokeAllSessions(db: Kysely<DB>, loginId: number, reason: string, now: string) {
  await db
    .updateTable('sessions')
    .set({ revoked_at: now, revoked_reason: reason })
    .where('login_id', '=', loginId)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function listLiveSessions(db: Kysely<DB>, loginId: number, now: string) {
  return db
    .selectFrom('sessions')
    .select(['id', 'label', 'method', 'created_at', 'last_used_at', 'expires_at', 'pin_hash'])
    .where('login_id', '=', loginId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('last_used_at', 'desc')
    .execute();
}

export async function setSessionPin(db: Kysely<DB>, id: string, pinHash: string | null) {
  await db.updateTable('sessions').set({ pin_hash: pinHash, pin_failures: 0 }).where('id', '=', id).execute();
}

/** Counts a wrong PIN atomically; returns the failures so far (concurrent tries cannot both see "2"). */
export async function recordPinFailure(db: Kysely<DB>, id: string): Promise<number> {
  const row = await db
    .updateTable('sessions')
    .set((eb) => ({ pin_failures: eb('pin_failures', '+', 1) }))
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .returning('pin_failures')
    .executeTakeFirst();
  return row?.pin_failures ?? Number.MAX_SAFE_INTEGER;
}

export async function resetPinFailures(db: Kysely<DB>, id: string) {
  await db.updateTable('sessions').set({ pin_failures: 0 }).where('id', '=', id).execute();
}

// --- one-time codes --------------------------------------------------------------------------------

export async function insertChallenge(
  db: Kysely<DB>,
  row: Omit<ChallengeRow, 'attempts' | 'sends' | 'consumed_at'>,
) {
  await db.insertInto('otp_challenges').values(row).execute();
}

export async function findChallenge(db: Kysely<DB>, id: string): Promise<ChallengeRow | undefined> {
  return db.selectFrom('otp_challenges').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A new code for the same challenge: fresh hash, expiry and tries. */
export async function resendChallenge(
  db: Kysely<DB>,
  id: string,
  codeHash: string,
  now: string,
  expiresAt: string,
  resendBefore: string,
): Promise<boolean> {
  const result = await db
    .updateTable('otp_challenges')
    .set((eb) => ({
      code_hash: codeHash,
      attempts: 0,
      sends: eb('sends', '+', 1),
      last_sent_at: now,
      expires_at: expiresAt,
    }))
    .where('id', '=', id)
    .where('consumed_at', 'is', null)
    .where('last_sent_at', '<=', resendBefore)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Takes one try at a code: counts it first, and only while tries remain and the code is live, so a
 * burst of parallel guesses cannot exceed the limit. Returns the challenge after counting, or undefined.
 */
export async function takeChallengeTry(
  db: Kysely<DB>,
  id: string,
  maxTries: number,
  now: string,
): Promise<ChallengeRow | undefined> {
  return db
    .updateTable('otp_challenges')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .where('attempts', '<', maxTries)
    .where('consumed_at', 'is', null)
    .where('expires_at', '>', now)
    .returningAll()
    .executeTakeFirst();
}

/** Uses a code up; true for exactly one caller. */
export async function consumeChallenge(db: Kysely<DB>, id: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('otp_challenges')
    .set({ consumed_at: now })
    .where('id', '=', id)
    .where('consumed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function recordCodeSend(db: Kysely<DB>, msisdn: string, clientIp: string, at: string) {
  await db.insertInto('sms_code_sends').values({ msisdn, client_ip: clientIp, sent_at: at }).execute();
}

export async function countCodeSends(
  db: Kysely<DB>,
  since: string,
  by: { msisdn: string } | { clientIp: string },
): Promise<{ count: number; oldest: string | null }> {
  let query = db
    .selectFrom('sms_code_sends')
    .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.min('sent_at').as('oldest')])
    .where('sent_at', '>', since);
  query = 'msisdn' in by ? query.where('msisdn', '=', by.msisdn) : query.where('client_ip', '=', by.clientIp);
  const row = await query.executeTakeFirstOrThrow();
  return { count: Number(row.count), oldest: (row.oldest as string | null) ?? null };
}

// --- lines a login may manage ----------------------------------------------------------------------

export type LineRelation = 'own' | 'account' | 'added';

export interface ManagedLine {
  id: number;
  accountId: number;
  msisdn: string;
  tariffId: number;
  status: string;
  customerName: string;
  relation: LineRelation;
}

/**
 * Lines a login may see: its own, the numbers it proved control of, and every line of an account whose
 * owner line is one of those. `msisdn` narrows to one line (the per-request access check).
 */
export async function managedLines(
  db: Kysely<DB>,
  login: { id: number; lineId: number },
  msisdn?: string,
): Promise<ManagedLine[]> {
  const added = db.selectFrom('login_lines').select('line_id').where('login_id', '=', login.id);
  let query = db
    .selectFrom('lines')
    .innerJoin('accounts', 'accounts.id', 'lines.account_id')
    .innerJoin('customers', 'customers.id', 'accounts.customer_id')
    .select([
      'lines.id',
      'lines.account_id',
      'lines.msisdn',
      'lines.tariff_id',
      'lines.status',
      'customers.name',
    ])
    .where((eb) =>
      eb.or([
        eb('lines.id', '=', login.lineId),
        eb('lines.id', 'in', added),
        eb(
          'lines.account_id',
          'in',
          eb
            .selectFrom('accounts as owned')
            .select('owned.id')
            .where((o) =>
              o.or([o('owned.owner_line_id', '=', login.lineId), o('owned.owner_line_id', 'in', added)]),
            ),
        ),
      ]),
    )
    .orderBy('lines.id');
  if (msisdn !== undefined) query = query.where('lines.msisdn', '=', msisdn);
  const rows = await query.execute();
  const addedIds = new Set(
    (await db.selectFrom('login_lines').select('line_id').where('login_id', '=', login.id).execute()).map(
      (r) => r.line_id,
    ),
  );
  return rows.map((r) => ({
    id: r.id,
    accountId: r.account_id,
    msisdn: r.msisdn,
    tariffId: r.tariff_id,
    status: r.status,
    customerName: r.name,
    relation: r.id === login.lineId ? 'own' : addedIds.has(r.id) ? 'added' : 'account',
  }));
}

export async function addLoginLine(db: Kysely<DB>, loginId: number, lineId: number, now: string) {
  await db
    .insertInto('login_lines')
    .values({ login_id: loginId, line_id: lineId, added_at: now })
    .onConflict((oc) => oc.columns(['login_id', 'line_id']).doNothing())
    .execute();
}

export async function removeLoginLine(db: Kysely<DB>, loginId: number, msisdn: string): Promise<boolean> {
  const result = await db
    .deleteFrom('login_lines')
    .where('login_id', '=', loginId)
    .where('line_id', 'in', db.selectFrom('lines').select('id').where('msisdn', '=', msisdn))
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

// --- security log ----------------------------------------------------------------------------------

export async function recordSecurityEvent(
  db: Kysely<DB>,
  event: { loginId: number; kind: string; device: string | null; ip: string | null; at: string },
) {
  await db
    .insertInto('security_events')
    .values({ login_id: event.loginId, kind: event.kind, device: event.device, ip: event.ip, at: event.at })
    .execute();
}

export async function listSecurityEvents(db: Kysely<DB>, loginId: number, limit: number) {
  return db
    .selectFrom('security_events')
    .select(['id', 'kind', 'device', 'at'])
    .where('login_id', '=', loginId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

// --- external identities (OpenID Connect) ------------------------------------------------------------

export interface OidcFlow {
  state: string;
  intent: 'sign_in' | 'link';
  sessionId: string | null;
  codeVerifier: string;
  nonce: string;
  createdAt: string;
}

export async function insertOidcFlow(db: Kysely<DB>, flow: OidcFlow): Promise<void> {
  await db
    .insertInto('oidc_flows')
    .values({
      state: flow.state,
      intent: flow.intent,
      session_id: flow.sessionId,
      code_verifier: flow.codeVerifier,
      nonce: flow.nonce,
      created_at: flow.createdAt,
    })
    .execute();
}

/** Takes a waiting flow once: a replayed callback finds nothing. Flows older than `notBefore` are void. */
export async function takeOidcFlow(
  db: Kysely<DB>,
  state: string,
  notBefore: string,
): Promise<OidcFlow | undefined> {
  const row = await db.deleteFrom('oidc_flows').where('state', '=', state).returningAll().executeTakeFirst();
  await db.deleteFrom('oidc_flows').where('created_at', '<', notBefore).execute();
  if (!row || row.created_at < notBefore) return undefined;
  return {
    state: row.state,
    intent: row.intent === 'link' ? 'link' : 'sign_in',
    sessionId: row.session_id,
    codeVerifier: row.code_verifier,
    nonce: row.nonce,
    createdAt: row.created_at,
  };
}

export async function findLoginByIdentity(db: Kysely<DB>, issuer: string, subject: string) {
  return db
    .selectFrom('oidc_identities')
    .innerJoin('logins', 'logins.id', 'oidc_identities.login_id')
    .innerJoin('lines', 'lines.id', 'logins.line_id')
    .select(['logins.id', 'lines.status'])
    .where('oidc_identities.issuer', '=', issuer)
    .where('oidc_identities.subject', '=', subject)
    .executeTakeFirst();
}

/**
 * Links an identity to a login. The UNIQUE (issuer, subject) decides races: the answer is the login the
 * identity belongs to afterwards, which differs from `loginId` when someone else holds it.
 */
export async function linkIdentity(
  db: Kysely<DB>,
  identity: { loginId: number; issuer: string; subject: string; at: string },
): Promise<number> {
  await db
    .insertInto('oidc_identities')
    .values({
      login_id: identity.loginId,
      issuer: identity.issuer,
      subject: identity.subject,
      linked_at: identity.at,
    })
    .onConflict((oc) => oc.columns(['issuer', 'subject']).doNothing())
    .execute();
  const row = await db
    .selectFrom('oidc_identities')
    .select('login_id')
    .where('issuer', '=', identity.issuer)
    .where('subject', '=', identity.subject)
    .executeTakeFirstOrThrow();
  return row.login_id;
}

export async function listIdentities(db: Kysely<DB>, loginId: number) {
  return db
    .selectFrom('oidc_identities')
    .select(['id', 'issuer', 'linked_at'])
    .where('login_id', '=', loginId)
    .orderBy('id')
    .execute();
}

export async function unlinkIdentity(db: Kysely<DB>, loginId: number, id: number): Promise<boolean> {
  const result = await db
    .deleteFrom('oidc_identities')
    .where('id', '=', id)
    .where('login_id', '=', loginId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
