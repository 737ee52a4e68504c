import { randomUUID } from 'node:crypto';
import {
  DomainError,
  isAcceptablePin,
  isSessionLive,
  normaliseMsisdn,
  SIGN_IN_RULES,
  type SmsSender,
  weakPasswordReason,
} from '@kabinet/core';
import {
  addLoginLine,
  type ChallengeRow,
  clearPasswordFailures,
  consumeChallenge,
  countCodeSends,
  type DB,
  ensureLogin,
  findChallenge,
  findLineForSignIn,
  findLogin,
  findLoginByLine,
  findSession,
  insertChallenge,
  insertSession,
  listLiveSessions,
  listSecurityEvents,
  type ManagedLine,
  managedLines,
  recordCodeSend,
  recordPasswordFailure,
  recordPinFailure,
  recordSecurityEvent,
  removeLoginLine,
  resendChallenge,
  resetPinFailures,
  revokeAllSessions,
  revokeSession,
  setPassword,
  setSessionPin,
  takeChallengeTry,
  touchSession,
} from '@kabinet/db';
import type { Kysely } from 'kysely';
import type { SignInConfig } from '../config';
import { type CodePurpose, codeSmsText } from './code-sms';
import { deviceLabel } from './device-label';
import {
  csrfTokenOf,
  dummySecretHash,
  hashOneTimeCode,
  hashSecret,
  newOneTimeCode,
  newToken,
  sameHash,
  sessionIdOf,
  verifySecret,
} from './secrets';

export interface ClientContext {
  ip: string;
  userAgent: string | undefined;
}

/** A live session, resolved from the cookie token. */
export interface CurrentSession {
  id: string;
  token: string;
  loginId: number;
  lineId: number;
  pinSet: boolean;
  label: string;
}

export interface SessionView {
  csrfToken: string;
  msisdn: string;
  customerName: string;
  language: string;
  pinSet: boolean;
  passwordSet: boolean;
  lines: { msisdn: string; customerName: string; relation: ManagedLine['relation'] }[];
}

export interface SignedIn {
  token: string;
  view: SessionView;
}

export interface ChallengeAnswer {
  challengeId: string;
  expiresInSeconds: number;
  resendInSeconds: number;
}

export type SignInMethod = 'code' | 'password' | 'network' | 'oidc';

export interface AuthServiceDeps {
  db: Kysely<DB>;
  sms: SmsSender;
  config: SignInConfig;
  homeCountry: string;
  operatorName: string;
  /** Host of the public site, for the WebOTP line of code messages. */
  publicHost: string;
  log: { warn(obj: object, msg: string): void };
  now?: () => Date;
}

const HOUR_MS = 3_600_000;

/**
 * Sign-in and device protection. Every rule the issue names lives here: codes (CSPRNG, hashed, 5
 * minutes, 5 tries, per-number and per-client limits, resend cooldown, identical answers for unknown
 * numbers), sessions (server-side, hashed ids, idle and absolute expiry, rotation), PIN (3 tries end the
 * session), password (argon2id, strength, lock-out), other numbers and the security log.
 */
export class AuthService {
  private readonly db: Kysely<DB>;
  private readonly now: () => Date;

  constructor(private readonly deps: AuthServiceDeps) {
    this.db = deps.db;
    this.now = deps.now ?? (() => new Date());
  }

  // --- one-time codes ----------------------------------------------------------------------------

  /**
   * Starts a code challenge. An unknown number gets a challenge too (that can never verify) and the
   * same answer, and the SMS is handed off without waiting, so neither body nor timing says whether the
   * number is ours.
   */
  async requestCode(
    input: { msisdn: string; purpose: CodePurpose; loginId?: number },
    client: ClientContext,
  ): Promise<ChallengeAnswer> {
    const msisdn = normaliseMsisdn(input.msisdn, this.deps.homeCountry);
    const now = this.now();
    await this.enforceSendLimits(msisdn, client.ip, now);
    const line = await findLineForSignIn(this.db, msisdn);
    const id = randomUUID();
    const code = newOneTimeCode(SIGN_IN_RULES.codeDigits);
    await insertChallenge(this.db, {
      id,
      purpose: input.purpose,
      msisdn,
      line_id: line?.id ?? null,
      login_id: input.loginId ?? null,
      code_hash: hashOneTimeCode(id, code),
      created_at: now.toISOString(),
      last_sent_at: now.toISOString(),
      expires_at: new Date(now.getTime() + SIGN_IN_RULES.codeTtlSeconds * 1000).toISOString(),
    });
    await recordCodeSend(this.db, msisdn, client.ip, now.toISOString());
    if (line) this.deliver(input.purpose, line, code, id);
    return this.answer(id);
  }

  async resendCode(challengeId: string, client: ClientContext): Promise<ChallengeAnswer> {
    const now = this.now();
    const challenge = await findChallenge(this.db, challengeId);
    if (
      !challenge ||
      challenge.consumed_at !== null ||
      Date.parse(challenge.created_at) < now.getTime() - HOUR_MS
    ) {
      throw codeExpired();
    }
    const waitMs = Date.parse(challenge.last_sent_at) + this.deps.config.resendSeconds * 1000 - now.getTime();
    if (waitMs > 0) throw resendTooSoon(waitMs);
    await this.enforceSendLimits(challenge.msisdn, client.ip, now);
    const code = newOneTimeCode(SIGN_IN_RULES.codeDigits);
    const resent = await resendChallenge(
      this.db,
      challengeId,
      hashOneTimeCode(challengeId, code),
      now.toISOString(),
      new Date(now.getTime() + SIGN_IN_RULES.codeTtlSeconds * 1000).toISOString(),
      new Date(now.getTime() - this.deps.config.resendSeconds * 1000).toISOString(),
    );
    if (!resent) throw resendTooSoon(this.deps.config.resendSeconds * 1000);
    await recordCodeSend(this.db, challenge.msisdn, client.ip, now.toISOString());
    const line = await findLineForSignIn(this.db, challenge.msisdn);
    if (line && challenge.line_id !== null)
      this.deliver(challenge.purpose as CodePurpose, line, code, challengeId);
    return this.answer(challengeId);
  }

  async verifySignInCode(
    challengeId: string,
    code: string,
    client: ClientContext,
    previousToken?: string,
  ): Promise<SignedIn> {
    const challenge = await this.takeCode(challengeId, code, 'sign_in');
    const loginId = await ensureLogin(this.db, challenge.line_id!, this.now().toISOString());
    return this.startSession(loginId, 'code', client, previousToken);
  }

  // --- password ----------------------------------------------------------------------------------

  async passwordSignIn(
    msisdnInput: string,
    password: string,
    client: ClientContext,
    previousToken?: string,
  ): Promise<SignedIn> {
    const msisdn = normaliseMsisdn(msisdnInput, this.deps.homeCountry);
    const now = this.now();
    const line = await findLineForSignIn(this.db, msisdn);
    const login = line ? await findLoginByLine(this.db, line.id) : undefined;
    if (login?.password_locked_until && Date.parse(login.password_locked_until) > now.getTime()) {
      throw new DomainError(
        'too_many_requests',
        'Too many wrong passwords. Sign in with an SMS code, or try the password again later.',
        { retryAfterSeconds: Math.ceil((Date.parse(login.password_locked_until) - now.getTime()) / 1000) },
      );
    }
    // Verify against something even without a stored password, so timing does not tell which numbers have one.
    const matches = await verifySecret(login?.password_hash ?? (await dummySecretHash()), password);
    if (!login?.password_hash || !matches) {
      if (login?.password_hash) {
        const lockUntil = new Date(now.getTime() + SIGN_IN_RULES.passwordLockMinutes * 60_000).toISOString();
        await recordPasswordFailure(this.db, login.id, SIGN_IN_RULES.passwordMaxFailures, lockUntil);
      }
      throw new DomainError('wrong_credentials', 'The number or the password is wrong.');
    }
    await clearPasswordFailures(this.db, login.id);
    return this.startSession(login.id, 'password', client, previousToken);
  }

  async resetPassword(
    challengeId: string,
    code: string,
    password: string,
    client: ClientContext,
    previousToken?: string,
  ): Promise<SignedIn> {
    // Judge the new password before the code is spent, so a weak choice does not cost a code.
    const pending = await findChallenge(this.db, challengeId);
    if (pending) this.assertStrongPassword(password, pending.msisdn);
    const challenge = await this.takeCode(challengeId, code, 'password_reset');
    const now = this.now().toISOString();
    const loginId = await ensureLogin(this.db, challenge.line_id!, now);
    await setPassword(this.db, loginId, await hashSecret(password), now);
    // Whoever knew the old password may be signed in somewhere: a reset ends every other device.
    await revokeAllSessions(this.db, loginId, 'password_reset', now);
    await this.log(loginId, 'password_reset', null, client);
    return this.startSession(loginId, 'code', client, previousToken);
  }

  async setPassword(session: CurrentSession, password: string, client: ClientContext): Promise<void> {
    const login = await findLogin(this.db, session.loginId);
    this.assertStrongPassword(password, login!.msisdn);
    await setPassword(this.db, session.loginId, await hashSecret(password), this.now().toISOString());
    await this.log(session.loginId, 'password_set', session.label, client);
  }

  async removePassword(session: CurrentSession, client: ClientContext): Promise<void> {
    await setPassword(this.db, session.loginId, null, this.now().toISOString());
    await this.log(session.loginId, 'password_removed', session.label, client);
  }

  // --- header enrichment -------------------------------------------------------------------------

  /** The operator's proxy vouched for the number (the caller checked it came from a trusted address). */
  async networkSignIn(
    msisdnHeader: string,
    client: ClientContext,
    previousToken?: string,
  ): Promise<SignedIn> {
    let msisdn: string;
    try {
      msisdn = normaliseMsisdn(
        msisdnHeader.startsWith('+') ? msisdnHeader : `+${msisdnHeader}`,
        this.deps.homeCountry,
      );
    } catch {
      throw notRecognised();
    }
    const line = await findLineForSignIn(this.db, msisdn);
    if (!line) throw notRecognised();
    const loginId = await ensureLogin(this.db, line.id, this.now().toISOString());
    return this.startSession(loginId, 'network', client, previousToken);
  }

  /** Signs in the login that linked this external identity (OpenID Connect). */
  async identitySignIn(loginId: number, client: ClientContext, previousToken?: string): Promise<SignedIn> {
    return this.startSession(loginId, 'oidc', client, previousToken);
  }

  // --- sessions ----------------------------------------------------------------------------------

  /** The live session behind a cookie token, or undefined; refreshes its last use at most once a minute. */
  async resolve(token: string | undefined): Promise<CurrentSession | undefined> {
    if (!token || token.length > 128) return undefined;
    const row = await findSession(this.db, sessionIdOf(token));
    const now = this.now();
    if (
      !row ||
      !isSessionLive(
        { lastUsedAt: row.last_used_at, expiresAt: row.expires_at, revokedAt: row.revoked_at },
        now,
        this.deps.config.sessionIdleHours,
      )
    ) {
      return undefined;
    }
    if (now.getTime() - Date.parse(row.last_used_at) >= SIGN_IN_RULES.sessionTouchSeconds * 1000) {
      await touchSession(this.db, row.id, now.toISOString());
    }
    return {
      id: row.id,
      token,
      loginId: row.login_id,
      lineId: row.line_id,
      pinSet: row.pin_hash !== null,
      label: row.label,
    };
  }

  async view(session: { loginId: number; token: string; pinSet: boolean }): Promise<SessionView> {
    const login = await findLogin(this.db, session.loginId);
    if (!login) throw sessionEnded();
    const own = await findLineForSignIn(this.db, login.msisdn);
    const lines = await managedLines(this.db, { id: login.id, lineId: login.line_id });
    return {
      csrfToken: csrfTokenOf(session.token),
      msisdn: login.msisdn,
      customerName: lines.find((l) => l.relation === 'own')?.customerName ?? '',
      language: own?.language ?? 'en',
      pinSet: session.pinSet,
      passwordSet: login.password_hash !== null,
      lines: lines.map((l) => ({ msisdn: l.msisdn, customerName: l.customerName, relation: l.relation })),
    };
  }

  /** Lines this session may act on (narrowed to one number for the per-request access check). */
  linesOf(session: CurrentSession, msisdn?: string): Promise<ManagedLine[]> {
    return managedLines(this.db, { id: session.loginId, lineId: session.lineId }, msisdn);
  }

  async signOut(session: CurrentSession, client: ClientContext): Promise<void> {
    if (await revokeSession(this.db, session.id, 'signed_out', this.now().toISOString())) {
      await this.log(session.loginId, 'signed_out', session.label, client);
    }
  }

  async devices(session: CurrentSession) {
    const now = this.now();
    const rows = await listLiveSessions(this.db, session.loginId, now.toISOString());
    return rows
      .filter((row) =>
        isSessionLive(
          { lastUsedAt: row.last_used_at, expiresAt: row.expires_at, revokedAt: null },
          now,
          this.deps.config.sessionIdleHours,
        ),
      )
      .map((row) => ({
        // The public id of a device is a prefix of the stored hash: enough to address it, useless as a cookie.
        id: row.id.slice(0, 16),
        label: row.label,
        createdAt: row.created_at,
        lastUsedAt: row.last_used_at,
        current: row.id === session.id,
        pinSet: row.pin_hash !== null,
      }));
  }

  async signOutDevice(session: CurrentSession, deviceId: string, client: ClientContext): Promise<void> {
    const rows = await listLiveSessions(this.db, session.loginId, this.now().toISOString());
    const target = rows.find((row) => row.id.slice(0, 16) === deviceId);
    if (
      !target ||
      !(await revokeSession(
        this.db,
        target.id,
        'device_signed_out',
        this.now().toISOString(),
        session.loginId,
      ))
    ) {
      throw new DomainError('not_found', 'No such signed-in device.');
    }
    await this.log(session.loginId, 'device_signed_out', target.label, client);
  }

  async signOutEverywhere(session: CurrentSession, client: ClientContext): Promise<void> {
    await revokeAllSessions(this.db, session.loginId, 'signed_out_everywhere', this.now().toISOString());
    await this.log(session.loginId, 'signed_out_everywhere', session.label, client);
  }

  async activity(session: CurrentSession) {
    const rows = await listSecurityEvents(this.db, session.loginId, 50);
    return rows.map((row) => ({ id: row.id, kind: row.kind, at: row.at, device: row.device }));
  }

  // --- PIN -----------------------------------------------------------------------------------------

  async setPin(session: CurrentSession, pin: string, client: ClientContext): Promise<void> {
    if (!isAcceptablePin(pin)) {
      throw new DomainError(
        'weak_pin',
        'Choose 4 to 6 digits that are not all the same and not a straight run.',
      );
    }
    await setSessionPin(this.db, session.id, await hashSecret(pin));
    await this.log(session.loginId, 'pin_set', session.label, client);
  }

  async removePin(session: CurrentSession, client: ClientContext): Promise<void> {
    await setSessionPin(this.db, session.id, null);
    await this.log(session.loginId, 'pin_removed', session.label, client);
  }

  /** Three wrong PINs end this device's session: a new SMS code is needed. */
  async unlock(session: CurrentSession, pin: string, client: ClientContext): Promise<SessionView> {
    const row = await findSession(this.db, session.id);
    if (!row?.pin_hash) return this.view(session);
    if (/^\d{4,6}$/.test(pin) && (await verifySecret(row.pin_hash, pin))) {
      if (row.pin_failures > 0) await resetPinFailures(this.db, session.id);
      return this.view(session);
    }
    const failures = await recordPinFailure(this.db, session.id);
    if (failures >= SIGN_IN_RULES.pinMaxFailures) {
      if (await revokeSession(this.db, session.id, 'pin_locked_out', this.now().toISOString())) {
        await this.log(session.loginId, 'pin_locked_out', session.label, client);
      }
      throw sessionEnded();
    }
    throw new DomainError('wrong_pin', 'Wrong PIN.', { triesLeft: SIGN_IN_RULES.pinMaxFailures - failures });
  }

  async pinTriesLeft(session: CurrentSession): Promise<number> {
    const row = await findSession(this.db, session.id);
    return SIGN_IN_RULES.pinMaxFailures - (row?.pin_failures ?? 0);
  }

  // --- other numbers -----------------------------------------------------------------------------

  async addNumber(
    session: CurrentSession,
    msisdnInput: string,
    client: ClientContext,
  ): Promise<ChallengeAnswer> {
    const msisdn = normaliseMsisdn(msisdnInput, this.deps.homeCountry);
    if ((await this.linesOf(session, msisdn)).length > 0) {
      throw new DomainError('conflict', 'You already manage this number.');
    }
    return this.requestCode({ msisdn, purpose: 'add_number', loginId: session.loginId }, client);
  }

  async verifyNumber(
    session: CurrentSession,
    challengeId: string,
    code: string,
    client: ClientContext,
  ): Promise<SessionView> {
    const pending = await findChallenge(this.db, challengeId);
    // Another login's challenge is treated as unknown: a code proves control only for whoever asked.
    if (!pending || pending.login_id !== session.loginId) throw codeExpired();
    const challenge = await this.takeCode(challengeId, code, 'add_number');
    await addLoginLine(this.db, session.loginId, challenge.line_id!, this.now().toISOString());
    await this.log(session.loginId, 'number_added', session.label, client);
    return this.view(session);
  }

  async removeNumber(session: CurrentSession, msisdn: string, client: ClientContext): Promise<void> {
    if (!(await removeLoginLine(this.db, session.loginId, msisdn))) {
      throw new DomainError('not_found', 'This number was not added to your sign-in.');
    }
    await this.log(session.loginId, 'number_removed', session.label, client);
  }

  async log(loginId: number, kind: string, device: string | null, client: ClientContext): Promise<void> {
    await recordSecurityEvent(this.db, {
      loginId,
      kind,
      device,
      ip: client.ip,
      at: this.now().toISOString(),
    });
  }

  // --- internals ---------------------------------------------------------------------------------

  private async startSession(
    loginId: number,
    method: SignInMethod,
    client: ClientContext,
    previousToken: string | undefined,
  ): Promise<SignedIn> {
    const now = this.now();
    // Rotation: whatever session this browser held before is ended, so a planted cookie gains nothing.
    if (previousToken)
      await revokeSession(this.db, sessionIdOf(previousToken), 'replaced', now.toISOString());
    const token = newToken();
    const label = deviceLabel(client.userAgent);
    await insertSession(this.db, {
      id: sessionIdOf(token),
      login_id: loginId,
      method,
      label,
      ip: client.ip,
      created_at: now.toISOString(),
      last_used_at: now.toISOString(),
      expires_at: new Date(now.getTime() + this.deps.config.sessionMaxDays * 24 * HOUR_MS).toISOString(),
    });
    await this.log(loginId, `signed_in_${method}`, label, client);
    return { token, view: await this.view({ loginId, token, pinSet: false }) };
  }

  /** Spends one try on a code; returns the challenge when the code is right, for exactly one caller. */
  private async takeCode(challengeId: string, code: string, purpose: CodePurpose): Promise<ChallengeRow> {
    const now = this.now().toISOString();
    const challenge = await takeChallengeTry(this.db, challengeId, SIGN_IN_RULES.codeMaxTries, now);
    if (!challenge || challenge.purpose !== purpose) throw codeExpired();
    const right =
      challenge.line_id !== null &&
      /^\d{6}$/.test(code) &&
      sameHash(challenge.code_hash, hashOneTimeCode(challengeId, code));
    if (!right) {
      const triesLeft = SIGN_IN_RULES.codeMaxTries - challenge.attempts;
      if (triesLeft <= 0) {
        const login =
          challenge.line_id === null ? undefined : await findLoginByLine(this.db, challenge.line_id);
        if (login)
          await recordSecurityEvent(this.db, {
            loginId: login.id,
            kind: 'code_locked_out',
            device: null,
            ip: null,
            at: now,
          });
        throw new DomainError('code_expired', 'Too many wrong codes. Ask for a new code.');
      }
      throw new DomainError('wrong_code', 'The code is not right.', { triesLeft });
    }
    if (!(await consumeChallenge(this.db, challengeId, now))) throw codeExpired();
    return challenge;
  }

  private assertStrongPassword(password: string, msisdn: string): void {
    const reason = weakPasswordReason(password, msisdn);
    if (reason) {
      const why = {
        too_short: 'Use at least 10 characters.',
        too_long: 'Use at most 128 characters.',
        too_common: 'This password is among the most common ones; choose another.',
        contains_number: 'Do not use your phone number in the password.',
      }[reason];
      throw new DomainError('weak_password', why, { reason });
    }
  }

  private async enforceSendLimits(msisdn: string, clientIp: string, now: Date): Promise<void> {
    const since = new Date(now.getTime() - HOUR_MS).toISOString();
    const limits = [
      { by: { msisdn }, max: this.deps.config.codesPerNumberPerHour },
      { by: { clientIp }, max: this.deps.config.codesPerClientPerHour },
    ];
    for (const limit of limits) {
      const { count, oldest } = await countCodeSends(this.db, since, limit.by);
      if (count >= limit.max) {
        const retryMs = (oldest ? Date.parse(oldest) : now.getTime()) + HOUR_MS - now.getTime();
        throw new DomainError('too_many_requests', 'Too many codes were asked for. Try again later.', {
          retryAfterSeconds: Math.max(1, Math.ceil(retryMs / 1000)),
        });
      }
    }
  }

  private deliver(
    purpose: CodePurpose,
    line: { msisdn: string; language: string },
    code: string,
    id: string,
  ) {
    const text = codeSmsText(purpose, line.language, code, this.deps.operatorName, this.deps.publicHost);
    // Not awaited: an SMSC round trip only for known numbers would tell them apart by timing.
    this.deps.sms
      .send({ to: line.msisdn, text, reference: id, validitySeconds: SIGN_IN_RULES.codeTtlSeconds })
      .catch((error: Error) =>
        this.deps.log.warn({ challenge: id, error: error.message }, 'code SMS not sent'),
      );
  }

  private answer(challengeId: string): ChallengeAnswer {
    return {
      challengeId,
      expiresInSeconds: SIGN_IN_RULES.codeTtlSeconds,
      resendInSeconds: this.deps.config.resendSeconds,
    };
  }
}

function codeExpired(): DomainError {
  return new DomainError('code_expired', 'This code is no longer valid. Ask for a new code.');
}

function resendTooSoon(waitMs: number): DomainError {
  return new DomainError('resend_too_soon', 'Wait a little before asking for the code again.', {
    retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
  });
}

function sessionEnded(): DomainError {
  return new DomainError(
    'session_ended',
    'You were signed out on this device. Sign in again with an SMS code.',
  );
}

function notRecognised(): DomainError {
  return new DomainError(
    'not_recognised',
    'Your number could not be recognised from the network. Sign in with an SMS code.',
  );
}
