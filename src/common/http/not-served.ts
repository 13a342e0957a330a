import { API_PREFIX, VERSION_PREFIX } from './api-prefix';

/**
 * Papercups features this server leaves out (README: "What stays out"), by the first path segment under
 * /api or /api/v1. A request for one that matches no route answers 501 naming the feature instead of a bare
 * 404, so a migrating team sees what is missing rather than a broken link. Only unmatched requests get here:
 * this never decides who may call a route.
 */
const FEATURES: Record<string, string> = {
  billing: 'Billing',
  payment_methods: 'Billing',
  lambdas: 'Lambdas',
  forwarding_addresses: 'Email forwarding addresses',
  slack: 'The Slack integration',
  slack_conversation_threads: 'The Slack integration',
  mattermost: 'The Mattermost integration',
  twilio: 'The Twilio integration',
  github: 'The GitHub integration',
  google: 'The Google integration',
  gmail: 'The Gmail integration',
  ses: 'Inbound email (Amazon SES)',
  hubspot: 'The HubSpot integration',
  intercom: 'The Intercom integration',
  browser_sessions: 'Browser session recording',
  admin: 'Admin notifications',
  newsletters: 'Newsletters',
};

const SEGMENT = new RegExp(`^/${API_PREFIX}/(?:${VERSION_PREFIX}\\d+/)?([a-z_]+)(?:[/?#]|$)`);

/** The feature an unmatched path belongs to, if it is one of those left out. */
export function notServedFeature(path: string): string | undefined {
  const segment = SEGMENT.exec(path)?.[1];
  return segment && Object.hasOwn(FEATURES, segment) ? FEATURES[segment] : undefined;
}
