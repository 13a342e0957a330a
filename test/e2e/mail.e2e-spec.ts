import { loadConfig } from '../../src/config/app.config';
import { Mailer } from '../../src/mail/mailer.service';
import { SmtpReceiver } from '../support/smtp-receiver';
import { createTestApp, TestApp } from '../support/test-app';

describe('Mailer (SMTP_URL)', () => {
  const smtp = new SmtpReceiver();
  let t: TestApp;
  beforeAll(async () => {
    await smtp.start();
    const base = loadConfig();
    t = await createTestApp({ config: { mail: { ...base.mail, smtpUrl: smtp.url, from: 'Desk <desk@example.com>' } } });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('sends text and HTML over SMTP from MAIL_FROM, with the Message-ID asked for', async () => {
    const mailer = t.app.get(Mailer);
    expect(mailer.configured).toBe(true);
    const result = await mailer.send({
      to: 'agent@example.com',
      subject: 'Hello',
      text: 'Plain body',
      html: '<p>HTML body</p>',
      messageId: '<fixed-1@example.com>',
    });
    expect(result).toEqual({ sent: true, messageId: '<fixed-1@example.com>' });
    const [mail] = await smtp.waitFor(() => smtp.to('agent@example.com').length > 0 && smtp.to('agent@example.com'));
    expect(mail).toMatchObject({
      from: 'desk@example.com',
      subject: 'Hello',
      text: 'Plain body',
      html: '<p>HTML body</p>',
      messageId: '<fixed-1@example.com>',
    });
  });

  it('rejects when the SMTP server is gone (the caller keeps the mail to retry)', async () => {
    await smtp.stop();
    try {
      await expect(t.app.get(Mailer).send({ to: 'x@example.com', subject: 's', text: 't' })).rejects.toThrow();
    } finally {
      await smtp.start();
    }
  });
});

describe('Mailer without SMTP_URL', () => {
  let t: TestApp;
  beforeAll(async () => {
    const base = loadConfig();
    t = await createTestApp({ config: { mail: { ...base.mail, smtpUrl: undefined } } });
  });
  afterAll(() => t.close());

  it('does not send and says so', async () => {
    const mailer = t.app.get(Mailer);
    expect(mailer.configured).toBe(false);
    await expect(mailer.send({ to: 'x@example.com', subject: 's', text: 'link' })).resolves.toEqual({ sent: false });
  });
});
