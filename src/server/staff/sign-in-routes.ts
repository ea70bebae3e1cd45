/**
 * Signing in and out of the staff desk, the one-time set-up link, and the account page (second step, sign out
 * everywhere). A refusal never says which part was wrong (ASVS 6.3.x); after too many failures the page says when to
 * try again; every sign-in and refusal is in the audit trail.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FormTokens } from '../form-token.ts';
import { crossSite } from '../form-token.ts';
import {
  completeSetup,
  credentials,
  looksLikeEmail,
  recordSignIn,
  secondStepOf,
  setPasswordHash,
  setSecondStep,
  setupLinkAccount,
  useSecondStepCode,
} from '../auth/accounts.ts';
import { hashPassword, needsRehash, passwordProblem, PASSWORD_RULES, verifyPassword } from '../auth/passwords.ts';
import { endAllSessions, endSession, SESSION_LIMITS, startSession } from '../auth/sessions.ts';
import { SignInLimit } from '../auth/sign-in-limit.ts';
import {
  checkCode,
  isSecondStepSecret,
  newSecondStepSecret,
  secondStepSetUp,
  type SecondStepSetUp,
} from '../auth/second-step.ts';
import {
  audit,
  clearSessionCookie,
  fieldsOf,
  refusedCrossSite,
  deskPage,
  messagePage,
  requireStaff,
  safeNext,
  sessionOf,
  setSessionCookie,
  STAFF_PREFIX,
  type DeskContext,
} from './desk-context.ts';

const SIGN_IN_LINK = { href: `${STAFF_PREFIX}sign-in/`, label: 'Go to the sign-in page' };

/** Why a session ended, in words for the sign-in page. */
const ENDED: Record<string, string> = {
  idle: `You were signed out because the desk was not used for ${SESSION_LIMITS.idleMinutes} minutes. Nothing you had already saved is lost. Sign in again to carry on.`,
  absolute: `You were signed out because you signed in more than ${SESSION_LIMITS.absoluteHours} hours ago. Sign in again to carry on.`,
  gone: 'You are signed out (you signed out, or were signed out everywhere). Sign in again to carry on.',
  'signed-out': 'You are signed out.',
  'password-set': 'Your password is set. Sign in with your email address and the new password.',
};

export function signInRoutes(app: FastifyInstance, ctx: DeskContext, tokens: FormTokens): void {
  const limit = new SignInLimit(ctx.db);
  const setUpFor = (secret: string, email: string): SecondStepSetUp =>
    secondStepSetUp(secret, email, ctx.organisationName);

  const signInPage = (
    reply: FastifyReply,
    status: number,
    values: { email?: string; next?: string | undefined; notice?: string | undefined; error?: string | undefined },
  ): FastifyReply =>
    deskPage(ctx, reply, status, 'sign-in.njk', `${values.error ? 'Error: ' : ''}Sign in to the staff desk`, {
      values,
      token: tokens.issue('staff-sign-in'),
      errors: values.error ? [{ field: 'email', message: values.error }] : [],
    });

  const tooMany = (reply: FastifyReply, minutes: number): FastifyReply =>
    messagePage(
      ctx,
      reply,
      429,
      'Too many attempts to sign in',
      [
        `For your safety, signing in is paused after several attempts that did not work. Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`,
        'If you have forgotten your password, ask whoever runs the desk for a new set-up link.',
      ],
      SIGN_IN_LINK,
    ).header('retry-after', String(minutes * 60));

  app.get<{ Querystring: { ended?: string; next?: string } }>(`${STAFF_PREFIX}sign-in/`, async (request, reply) => {
    const found = sessionOf(ctx, request, false);
    if (found.state === 'active' && found.session.secondStepDone)
      return reply.code(303).redirect(safeNext(request.query.next) ?? `${STAFF_PREFIX}requests/`);
    return signInPage(reply, 200, {
      next: safeNext(request.query.next),
      notice: ENDED[request.query.ended ?? ''],
    });
  });

  app.post(`${STAFF_PREFIX}sign-in/`, async (request, reply) => {
    const form = fieldsOf(request);
    const email = (form.email ?? '').trim().slice(0, 254);
    const next = safeNext(form.next);
    if (crossSite(request.headers, ctx.allowedOrigins(request)) || !tokens.verify('staff-sign-in', form.token))
      return signInPage(reply, 403, {
        email,
        next,
        error:
          'The sign-in form had been open too long, or came from another website, so it was not sent. Enter your details again.',
      });
    if (!email || !form.password)
      return signInPage(reply, 400, { email, next, error: 'Enter your email address and your password' });
    const wait = limit.waitMinutes(email, request.ip);
    if (wait > 0) {
      audit(ctx, request, credentials(ctx.db, email) ? email.toLowerCase() : 'unknown account', 'sign-in-limited');
      return tooMany(reply, wait);
    }
    const found = looksLikeEmail(email) ? credentials(ctx.db, email) : undefined;
    const ok = await verifyPassword(found?.passwordHash, form.password.slice(0, PASSWORD_RULES.maxLength * 4));
    if (!ok || !found) {
      limit.recordFailure(email, request.ip);
      audit(ctx, request, found ? found.account.email : 'unknown account', 'sign-in-refused');
      return signInPage(reply, 401, {
        email,
        next,
        error: 'The email address or password is not right. Check both and try again.',
      });
    }
    limit.recordSuccess(email);
    if (needsRehash(found.passwordHash!)) setPasswordHash(ctx.db, found.account.id, await hashPassword(form.password));
    // A fresh session id at sign-in, whatever cookie came with the form (no session fixation).
    const old = sessionOf(ctx, request, false);
    if (old.state === 'active') endSession(ctx.db, old.session.idHash);
    const secondStep = found.totpSecret !== null || ctx.settings.staff.requireSecondStep;
    setSessionCookie(request, reply, startSession(ctx.db, found.account.id, !secondStep));
    if (secondStep)
      return reply.code(303).redirect(`${STAFF_PREFIX}sign-in/code/${next ? `?next=${encodeURIComponent(next)}` : ''}`);
    recordSignIn(ctx.db, found.account.id);
    audit(ctx, request, found.account.email, 'signed-in');
    return reply.code(303).redirect(next ?? `${STAFF_PREFIX}requests/`);
  });

  // ---- The second step: a code from an authenticator app (or setting one up, where the organisation requires it) ----
  const codePage = (
    reply: FastifyReply,
    status: number,
    data: { next?: string | undefined; error?: string; setUp?: SecondStepSetUp },
  ): FastifyReply =>
    deskPage(ctx, reply, status, 'sign-in-code.njk', `${data.error ? 'Error: ' : ''}Enter your sign-in code`, {
      ...data,
      errors: data.error ? [{ field: 'code', message: data.error }] : [],
    });

  /** The half-signed-in session (password right, code still to come), or a redirect to sign in. */
  const pending = (request: FastifyRequest, reply: FastifyReply) => {
    const found = sessionOf(ctx, request);
    if (found.state !== 'active') {
      reply.code(303).redirect(`${STAFF_PREFIX}sign-in/${found.state === 'ended' ? `?ended=${found.why}` : ''}`);
      return undefined;
    }
    return found.session;
  };

  app.get<{ Querystring: { next?: string } }>(`${STAFF_PREFIX}sign-in/code/`, async (request, reply) => {
    const session = pending(request, reply);
    if (!session) return reply;
    if (session.secondStepDone) return reply.code(303).redirect(`${STAFF_PREFIX}requests/`);
    const { secret } = secondStepOf(ctx.db, session.account.id);
    // Required by the organisation and not set up yet: the secret is shown here once, and kept only when a code works.
    const setUp = secret ? undefined : setUpFor(newSecondStepSecret(), session.account.email);
    return codePage(reply, 200, { next: safeNext(request.query.next), ...(setUp ? { setUp } : {}) });
  });

  app.post(`${STAFF_PREFIX}sign-in/code/`, async (request, reply) => {
    const form = fieldsOf(request);
    const session = pending(request, reply);
    if (!session) return reply;
    if (refusedCrossSite(ctx, request, reply, SIGN_IN_LINK)) return reply;
    const email = session.account.email;
    const wait = limit.waitMinutes(email, request.ip);
    if (wait > 0) return tooMany(reply, wait);
    const stored = secondStepOf(ctx.db, session.account.id).secret;
    const secret = stored ?? (isSecondStepSecret(form.secret) ? form.secret : undefined);
    const step = secret ? checkCode(secret, form.code ?? '') : undefined;
    const next = safeNext(form.next);
    if (!secret || step === undefined || (stored && !useSecondStepCode(ctx.db, session.account.id, step))) {
      limit.recordFailure(email, request.ip);
      audit(ctx, request, email, 'sign-in-refused', null, 'code');
      const setUp = !stored && secret ? setUpFor(secret, email) : undefined;
      return codePage(reply, 401, {
        next,
        error: 'That code did not work. Enter the 6-digit code your app shows now.',
        ...(setUp ? { setUp } : {}),
      });
    }
    if (!stored) {
      setSecondStep(ctx.db, session.account.id, secret, step);
      audit(ctx, request, email, 'second-step-on');
    }
    limit.recordSuccess(email);
    // A new session id once both steps are done; the half-signed-in one ends.
    endSession(ctx.db, session.idHash);
    setSessionCookie(request, reply, startSession(ctx.db, session.account.id, true));
    recordSignIn(ctx.db, session.account.id);
    audit(ctx, request, email, 'signed-in', null, 'with a code');
    return reply.code(303).redirect(next ?? `${STAFF_PREFIX}requests/`);
  });

  // ---- Signing out ----
  app.post(`${STAFF_PREFIX}sign-out/`, async (request, reply) => {
    const session = requireStaff(ctx, request, reply, undefined, fieldsOf(request));
    if (!session) return reply;
    const everywhere = fieldsOf(request).everywhere === 'yes';
    if (everywhere) endAllSessions(ctx.db, session.account.id);
    else endSession(ctx.db, session.idHash);
    audit(ctx, request, session.account.email, everywhere ? 'signed-out-everywhere' : 'signed-out');
    clearSessionCookie(request, reply);
    return reply.code(303).redirect(`${STAFF_PREFIX}sign-in/?ended=signed-out`);
  });

  // ---- Your account: the second step on or off, sign out everywhere ----
  const accountPage = (
    reply: FastifyReply,
    status: number,
    session: NonNullable<ReturnType<typeof requireStaff>>,
    extra: { error?: string; setUp?: SecondStepSetUp; notice?: string } = {},
  ): FastifyReply =>
    deskPage(ctx, reply, status, 'account.njk', `${extra.error ? 'Error: ' : ''}Your account`, {
      session,
      current: 'account',
      account: session.account,
      hasSecondStep: secondStepOf(ctx.db, session.account.id).secret !== null,
      required: ctx.settings.staff.requireSecondStep,
      errors: extra.error ? [{ field: 'code', message: extra.error }] : [],
      ...extra,
    });

  app.get<{ Querystring: { changed?: string } }>(`${STAFF_PREFIX}account/`, async (request, reply) => {
    const session = requireStaff(ctx, request, reply, undefined);
    if (!session) return reply;
    const notice =
      request.query.changed === 'on'
        ? 'The second step is on: you will be asked for a code each time you sign in.'
        : request.query.changed === 'off'
          ? 'The second step is off.'
          : undefined;
    return accountPage(reply, 200, session, notice ? { notice } : {});
  });

  app.post(`${STAFF_PREFIX}account/second-step/`, async (request, reply) => {
    const form = fieldsOf(request);
    const session = requireStaff(ctx, request, reply, undefined, form);
    if (!session) return reply;
    const { secret: stored } = secondStepOf(ctx.db, session.account.id);
    if (form.action === 'start' && !stored) {
      return accountPage(reply, 200, session, { setUp: setUpFor(newSecondStepSecret(), session.account.email) });
    }
    const secret = form.action === 'confirm' ? form.secret : stored;
    const step = isSecondStepSecret(secret) ? checkCode(secret, form.code ?? '') : undefined;
    if (step === undefined || !secret || (form.action === 'off' && ctx.settings.staff.requireSecondStep)) {
      const setUp =
        form.action === 'confirm' && isSecondStepSecret(secret) ? setUpFor(secret, session.account.email) : undefined;
      return accountPage(reply, 400, session, {
        error:
          ctx.settings.staff.requireSecondStep && form.action === 'off'
            ? 'Your organisation requires the second step, so it cannot be turned off.'
            : 'That code did not work. Enter the 6-digit code your app shows now.',
        ...(setUp ? { setUp } : {}),
      });
    }
    if (form.action === 'confirm') {
      setSecondStep(ctx.db, session.account.id, secret, step);
      audit(ctx, request, session.account.email, 'second-step-on');
      return reply.code(303).redirect(`${STAFF_PREFIX}account/?changed=on`);
    }
    setSecondStep(ctx.db, session.account.id, null);
    audit(ctx, request, session.account.email, 'second-step-off');
    return reply.code(303).redirect(`${STAFF_PREFIX}account/?changed=off`);
  });

  // ---- The one-time set-up link: the person chooses their own password ----
  const setUpPage = (
    reply: FastifyReply,
    status: number,
    token: string,
    email: string,
    errors: Array<{ field: string; message: string }>,
  ): FastifyReply =>
    deskPage(ctx, reply, status, 'set-up.njk', `${errors.length ? 'Error: ' : ''}Choose your password`, {
      email,
      action: `${STAFF_PREFIX}set-up/${token}/`,
      errors,
      err: Object.fromEntries(errors.map((e) => [e.field, e.message])),
      rules: PASSWORD_RULES,
    });
  const linkNotValid = (reply: FastifyReply): FastifyReply =>
    messagePage(
      ctx,
      reply,
      404,
      'This set-up link does not work',
      [
        'It has been used already, or it is more than 3 days old, or it was replaced by a newer link.',
        'Ask whoever runs the desk for a new link, or sign in if you have already chosen a password.',
      ],
      SIGN_IN_LINK,
    );

  app.get<{ Params: { token: string } }>(`${STAFF_PREFIX}set-up/:token/`, async (request, reply) => {
    const account = setupLinkAccount(ctx.db, request.params.token);
    if (!account) return linkNotValid(reply);
    return setUpPage(reply, 200, request.params.token, account.email, []);
  });

  app.post<{ Params: { token: string } }>(`${STAFF_PREFIX}set-up/:token/`, async (request, reply) => {
    const form = fieldsOf(request);
    if (refusedCrossSite(ctx, request, reply, SIGN_IN_LINK)) return reply;
    const account = setupLinkAccount(ctx.db, request.params.token);
    if (!account) return linkNotValid(reply);
    const password = form.password ?? '';
    const problem = passwordProblem(password, account.email);
    const errors = problem
      ? [{ field: 'password', message: problem }]
      : password !== form.confirm
        ? [{ field: 'confirm', message: 'The two passwords are not the same. Type the same password in both boxes' }]
        : [];
    if (errors.length) return setUpPage(reply, 400, request.params.token, account.email, errors);
    if (!completeSetup(ctx.db, request.params.token, await hashPassword(password))) return linkNotValid(reply);
    endAllSessions(ctx.db, account.id);
    audit(ctx, request, account.email, 'password-set');
    return reply.code(303).redirect(`${STAFF_PREFIX}sign-in/?ended=password-set`);
  });
}
