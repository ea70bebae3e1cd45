/**
 * Server-side validation of the two forms, with messages in the GOV.UK error-message style: say what is wrong and how
 * to put it right, naming the field. Values are trimmed and kept, so the form can be shown again as it was sent.
 */
import { looksEmpty, type Form } from './form-body.ts';
import { answerFollowUp } from './follow-ups.ts';

export type { Form } from './form-body.ts';
/** `field` names the input the message is about; empty for a message about the whole form. */
export interface FieldError {
  field: string;
  message: string;
}

export const LIMITS = { name: 100, email: 254, phone: 20, address: 500, note: 2000, message: 5000, format: 200 };

/** A UK phone number: 10 or 11 digits starting 0, or +44 and 9 or 10 digits; spaces, dashes and brackets allowed. */
export function isUkPhone(value: string): boolean {
  const digits = value.replace(/[\s()-]/g, '');
  return /^0\d{9,10}$/.test(digits) || /^\+44\d{9,10}$/.test(digits);
}

export function isEmail(value: string): boolean {
  return value.length <= LIMITS.email && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
}

/** The field as typed, line endings made one kind and ends trimmed; only spaces or invisible characters count as empty. */
function clean(form: Form, field: string): string {
  const value = (form[field] ?? '').replace(/\r\n?/g, '\n').trim();
  return looksEmpty(value) ? '' : value;
}

/** Limits count characters as a reader sees them (code points), in any script. */
function tooLong(errors: FieldError[], field: string, label: string, value: string, limit: number): void {
  if ([...value].length > limit) errors.push({ field, message: `${label} must be ${limit} characters or fewer` });
}

export interface RequestValues {
  report: string;
  format: string;
  formatOther: string;
  replyBy: string;
  email: string;
  phone: string;
  address: string;
  name: string;
  note: string;
  /** The format with its follow-up answer, as stored: "Braille on paper (uncontracted, grade 1)". */
  storedFormat: string;
  /** Follow-up answers by field, to show the form again as sent. */
  followUps: Record<string, string>;
}

export function validateRequest(
  form: Form,
  formats: readonly string[],
): { values: RequestValues; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const format = clean(form, 'format');
  const known = format !== 'other' && formats.includes(format);
  const followUp = known ? answerFollowUp(format, form, errors) : answerFollowUp('', form, []);
  const values: RequestValues = {
    report: clean(form, 'report'),
    format,
    formatOther: clean(form, 'formatOther'),
    replyBy: clean(form, 'replyBy'),
    email: clean(form, 'email'),
    phone: clean(form, 'phone'),
    address: clean(form, 'address'),
    name: clean(form, 'name'),
    note: clean(form, 'note'),
    storedFormat: format === 'other' ? `Something else: ${clean(form, 'formatOther')}` : followUp.stored,
    followUps: followUp.answers,
  };
  if (!values.format) errors.unshift({ field: 'format', message: 'Select the format you need' });
  else if (values.format === 'other' && !values.formatOther)
    errors.unshift({ field: 'formatOther', message: 'Enter the format you need' });
  else if (values.format !== 'other' && !known)
    errors.unshift({ field: 'format', message: 'Select one of the formats in the list, or “Something else”' });
  tooLong(errors, 'formatOther', 'The format', values.formatOther, LIMITS.format);
  if (!['email', 'phone', 'text', 'post'].includes(values.replyBy))
    errors.push({ field: 'replyBy', message: 'Select how we should reply to you' });
  if (values.replyBy === 'email') {
    if (!values.email) errors.push({ field: 'email', message: 'Enter your email address' });
    else if (!isEmail(values.email))
      errors.push({ field: 'email', message: 'Enter an email address in the correct format, like name@example.com' });
  }
  if (values.replyBy === 'phone' || values.replyBy === 'text') {
    const label = values.replyBy === 'text' ? 'mobile number' : 'phone number';
    if (!values.phone) errors.push({ field: 'phone', message: `Enter your ${label}` });
    else if (!isUkPhone(values.phone))
      errors.push({ field: 'phone', message: `Enter a UK ${label}, like 020 7946 0000 or 07700 900 982` });
  }
  if (values.replyBy === 'post' && !values.address)
    errors.push({ field: 'address', message: 'Enter your postal address' });
  tooLong(errors, 'address', 'Your address', values.address, LIMITS.address);
  tooLong(errors, 'name', 'Your name', values.name, LIMITS.name);
  tooLong(errors, 'note', 'Your note', values.note, LIMITS.note);
  return { values, errors };
}

export interface FeedbackValues {
  message: string;
  mayContact: string;
  name: string;
  email: string;
  phone: string;
}

export function validateFeedback(form: Form): { values: FeedbackValues; errors: FieldError[] } {
  const values: FeedbackValues = {
    message: clean(form, 'message'),
    mayContact: clean(form, 'mayContact'),
    name: clean(form, 'name'),
    email: clean(form, 'email'),
    phone: clean(form, 'phone'),
  };
  const errors: FieldError[] = [];
  if (!values.message) errors.push({ field: 'message', message: 'Enter your feedback' });
  tooLong(errors, 'message', 'Your feedback', values.message, LIMITS.message);
  if (values.mayContact === 'yes') {
    if (!values.email && !values.phone)
      errors.push({
        field: 'email',
        message: 'Enter an email address or a phone number so we can contact you, or choose not to be contacted',
      });
    if (values.email && !isEmail(values.email))
      errors.push({ field: 'email', message: 'Enter an email address in the correct format, like name@example.com' });
    if (values.phone && !isUkPhone(values.phone))
      errors.push({ field: 'phone', message: 'Enter a UK phone number, like 020 7946 0000' });
  } else if (values.mayContact !== 'no' && values.mayContact !== '') {
    errors.push({ field: 'mayContact', message: 'Select whether we may contact you' });
  }
  tooLong(errors, 'name', 'Your name', values.name, LIMITS.name);
  return { values, errors };
}
