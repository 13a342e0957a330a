import { toNaive, toUtc } from '../common/serialization/time';
import { Customer } from './entities/customer.entity';

/** Papercups' CSV export (csv_helpers.ex + customer_view.ex): header, then one line per customer. */
export const CUSTOMER_CSV_HEADER =
  'id,name,email,created_at,updated_at,first_seen,last_seen_at,phone,external_id,host,pathname,current_url,browser,os,ip,time_zone';

/**
 * A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, or a tab/CR before one) gets a leading
 * `'`, which spreadsheets show as text (OWASP's CSV injection advice). Customers' fields are the
 * visitors' own input, so an export must not execute them.
 */
export const neutralise = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

/** Every value double-quoted with `"` doubled, null as `""`; times as Elixir's to_string prints them. */
const quote = (value: string | number | null | undefined) => `"${neutralise(String(value ?? '')).replace(/"/g, '""')}"`;

export const toCustomerCsvRow = (c: Customer) =>
  [
    c.id,
    c.name,
    c.email,
    toNaive(c.createdAt).replace('T', ' '),
    toNaive(c.updatedAt).replace('T', ' '),
    c.firstSeen,
    toUtc(c.lastSeenAt)?.replace('T', ' '),
    c.phone,
    c.externalId,
    c.host,
    c.pathname,
    c.currentUrl,
    c.browser,
    c.os,
    c.ip,
    c.timeZone,
  ]
    .map(quote)
    .join(',');
