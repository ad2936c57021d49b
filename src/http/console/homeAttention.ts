// What Home shows of the last seven UTC days: the partner metrics' numbers for them, and what
// failed there and needs a person: learner e-mails the outbox gave up on and, for owners (whose
// business webhooks are), the webhook endpoints with failed deliveries.
import { uuidOfCredentialId } from '../../core/ids.js';
import { NotFoundError } from '../../core/problems.js';
import type { Role } from '../../core/roles.js';
import { dayOf, periodBounds, type Period } from '../../partnerMetrics/period.js';
import type {
  FailedEmail,
  FailingWebhook,
  HomeAttention,
  HomeWeek,
} from '../../pages/console/homePage.js';
import type { Services } from '../../services.js';
import { webhooksWithOutcomes } from './webhookOutcomes.js';

const WEEK_DAYS = 7;
const DAY_MS = 86_400_000;
/** Failed e-mails listed by name; the count says how many there are in all. */
const SHOWN_EMAILS = 5;

/** The seven UTC days up to today, today included. */
export function weekUpTo(today: Date): Period {
  const to = dayOf(today);
  return { from: dayOf(new Date(Date.parse(to) - (WEEK_DAYS - 1) * DAY_MS)), to };
}

/** What `read` finds, or `fallback` when it is gone (deleted since it was listed). */
async function unlessGone<T>(read: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof NotFoundError) return fallback;
    throw error;
  }
}

async function failedEmails(
  services: Services,
  slug: string,
  period: Period,
): Promise<HomeAttention['failedEmails']> {
  const { start, end } = periodBounds(period);
  const failed = (await services.learnerMail.outbox(slug)).filter(
    (message) =>
      message.state === 'failed' && message.createdAt >= start && message.createdAt < end,
  );
  const shown = await Promise.all(
    failed.slice(0, SHOWN_EMAILS).map(async (message): Promise<FailedEmail> => {
      const credential = uuidOfCredentialId(message.credential) ?? message.credential;
      const name = await unlessGone(
        async () => (await services.issuerCredentials.one(slug, credential)).name,
        undefined,
      );
      return {
        credential,
        ...(name !== undefined ? { name } : {}),
        attempts: message.attempts,
        ...(message.lastError !== undefined ? { lastError: message.lastError } : {}),
      };
    }),
  );
  return { count: failed.length, shown };
}

/** Each endpoint with at least one failed delivery among its latest (the log's 100). */
async function failingWebhooks(services: Services, slug: string): Promise<FailingWebhook[]> {
  return (await webhooksWithOutcomes(services, slug))
    .filter((item) => item.failed > 0)
    .map(({ webhook, failed }) => ({ id: webhook.id, url: webhook.url, failed }));
}

/** This week's numbers and what needs attention, as the role may see it. */
export async function homeWeek(
  services: Services,
  slug: string,
  role: Role,
): Promise<{ week: HomeWeek; attention: HomeAttention }> {
  const period = weekUpTo(services.clock());
  const [metrics, emails, webhooks] = await Promise.all([
    services.partnerMetrics.ofIssuer(slug, period),
    failedEmails(services, slug, period),
    role === 'owner' ? failingWebhooks(services, slug) : undefined,
  ]);
  return {
    week: { period, totals: metrics.totals },
    attention: { failedEmails: emails, ...(webhooks ? { failingWebhooks: webhooks } : {}) },
  };
}
