import { NotFoundError } from '../../core/problems.js';
import type { WebhookListItem } from '../../pages/console/settingsWebhooksPages.js';
import type { Services } from '../../services.js';

/**
 * Each endpoint of the issuer with how its latest deliveries (the log's) went, for Settings and
 * the owner's Home. An endpoint deleted between the list and its log is left out.
 */
export async function webhooksWithOutcomes(
  services: Services,
  slug: string,
): Promise<WebhookListItem[]> {
  const items = await Promise.all(
    (await services.webhooks.list(slug)).map(async (webhook) => {
      let deliveries;
      try {
        deliveries = await services.webhooks.deliveries(slug, webhook.id);
      } catch (error) {
        if (error instanceof NotFoundError) return undefined;
        throw error;
      }
      const count = (state: string) => deliveries.filter((d) => d.state === state).length;
      return {
        webhook,
        delivered: count('delivered'),
        failed: count('failed'),
        total: deliveries.length,
      };
    }),
  );
  return items.filter((item) => item !== undefined);
}
