import { notServedFeature } from './not-served';

describe('notServedFeature', () => {
  it('names the left-out feature of /api and /api/v1 paths', () => {
    expect(notServedFeature('/api/billing')).toBe('Billing');
    expect(notServedFeature('/api/lambdas/1/deploy')).toBe('Lambdas');
    expect(notServedFeature('/api/v1/slack/channels?x=1')).toBe('The Slack integration');
    expect(notServedFeature('/api/browser_sessions/count')).toBe('Browser session recording');
  });

  it('leaves everything else alone', () => {
    for (const path of ['/api/nope', '/api/billingx', '/billing', '/api/constructor', '/api/v1/customers/x']) {
      expect([path, notServedFeature(path)]).toEqual([path, undefined]);
    }
  });
});
