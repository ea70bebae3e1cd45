/**
 * `npm run staff -- add|list|remove|reset`: staff accounts, for whoever runs the server. A password typed here is read
 * twice without being shown and only its argon2id hash is stored; or the person is sent a one-time set-up link to
 * choose their own (the better way: nobody else ever knows it). Each change is in the audit trail as "command line".
 */
import type { Db } from '../database.ts';
import { recordAudit } from '../audit.ts';
import {
  AccountError,
  ROLES,
  SETUP_LINK_HOURS,
  addAccount,
  findAccount,
  listAccounts,
  newSetupLink,
  removeAccount,
  setPasswordHash,
  setSecondStep,
  type Role,
} from './accounts.ts';
import { hashPassword, passwordProblem } from './passwords.ts';
import { endAllSessions } from './sessions.ts';

export const STAFF_USAGE = `Usage:
  npm run staff -- add <email>            add an account; type its password twice when asked
  npm run staff -- add <email> --link     add an account and print a one-time link for the person to choose a password
  npm run staff -- list                   every account, its roles, and when it last signed in
  npm run staff -- remove <email>         remove an account (it is signed out at once)
  npm run staff -- reset <email>          lost password or phone: sign out everywhere, remove the password and second
                                          step, and print a new set-up link
Options for add: --role requests|editor|requests,editor (default: requests, the requests and feedback inbox)`;

export interface StaffCommandIO {
  out: (line: string) => void;
  /** Reads a password without showing it (from the terminal), or a line (from a pipe). */
  readSecret: (prompt: string) => Promise<string>;
  /** The site's public address (site.yml url), for set-up links. */
  siteUrl: string;
}

const ACTOR = 'command line';

function setupLinkLine(io: StaffCommandIO, token: string): string {
  return new URL(`/staff/set-up/${token}/`, io.siteUrl).href;
}

function parseRoles(args: readonly string[]): Role[] | string {
  const at = args.indexOf('--role');
  if (at === -1) return ['requests'];
  const given = (args[at + 1] ?? '').split(',').map((r) => r.trim());
  const unknown = given.filter((r) => !(ROLES as readonly string[]).includes(r));
  return given.length && !unknown.length
    ? (given as Role[])
    : `Unknown role "${unknown.join(', ') || '(none)'}": use ${ROLES.join(', ')} or both, comma-separated.`;
}

export async function runStaffCommand(db: Db, args: readonly string[], io: StaffCommandIO): Promise<number> {
  const [command, email] = args;
  try {
    switch (command) {
      case 'add': {
        if (!email || email.startsWith('--')) break;
        const roles = parseRoles(args);
        if (typeof roles === 'string') {
          io.out(roles);
          return 1;
        }
        if (findAccount(db, email)) {
          io.out(`${email} already has an account. To give it a new password: npm run staff -- reset ${email}`);
          return 2;
        }
        if (args.includes('--link')) {
          const account = addAccount(db, email, roles, null);
          const token = newSetupLink(db, account.id);
          recordAudit(db, { actor: ACTOR, action: 'account-added', target: account.email, detail: roles.join(',') });
          io.out(
            `Added ${account.email}. Send them this link to choose their password (it works once, for ${SETUP_LINK_HOURS} hours):`,
          );
          io.out(setupLinkLine(io, token));
          return 0;
        }
        const password = await io.readSecret(`Password for ${email}: `);
        const problem = passwordProblem(password, email);
        if (problem) {
          io.out(`${problem}. Nothing was saved.`);
          return 2;
        }
        if ((await io.readSecret('Type it again: ')) !== password) {
          io.out('The two passwords are not the same. Nothing was saved.');
          return 2;
        }
        const account = addAccount(db, email, roles, await hashPassword(password));
        recordAudit(db, { actor: ACTOR, action: 'account-added', target: account.email, detail: roles.join(',') });
        io.out(
          `Added ${account.email} (${roles.join(', ')}). They can sign in at ${new URL('/staff/', io.siteUrl).href}`,
        );
        return 0;
      }
      case 'list': {
        const accounts = listAccounts(db);
        if (!accounts.length) io.out('No staff accounts yet. Add one: npm run staff -- add <email>');
        for (const a of accounts)
          io.out(
            `${a.email}  ${a.roles.join(',')}  ${a.hasPassword ? '' : '(set-up link not used yet)  '}${a.hasSecondStep ? 'second step on  ' : ''}last signed in ${a.signedInAt ? a.signedInAt.slice(0, 16).replace('T', ' ') : 'never'}`,
          );
        return 0;
      }
      case 'remove': {
        if (!email) break;
        if (!removeAccount(db, email)) {
          io.out(`No account has the email address ${email}.`);
          return 2;
        }
        recordAudit(db, { actor: ACTOR, action: 'account-removed', target: email.trim().toLowerCase() });
        io.out(`Removed ${email}; every session it had is ended.`);
        return 0;
      }
      case 'reset': {
        const account = email ? findAccount(db, email) : undefined;
        if (!email) break;
        if (!account) {
          io.out(`No account has the email address ${email}.`);
          return 2;
        }
        const ended = db.transaction(() => {
          setPasswordHash(db, account.id, null);
          setSecondStep(db, account.id, null);
          return endAllSessions(db, account.id);
        })();
        const token = newSetupLink(db, account.id);
        recordAudit(db, {
          actor: ACTOR,
          action: 'account-reset',
          target: account.email,
          detail: `${ended} sessions ended`,
        });
        io.out(
          `${account.email} is signed out everywhere, and their password and second step are removed. Send them this link to choose a new password (it works once, for ${SETUP_LINK_HOURS} hours):`,
        );
        io.out(setupLinkLine(io, token));
        return 0;
      }
      default:
        break;
    }
  } catch (err) {
    if (err instanceof AccountError) {
      io.out(err.message);
      return 2;
    }
    throw err;
  }
  io.out(STAFF_USAGE);
  return 1;
}
