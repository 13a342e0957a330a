export const ISSUE_STATES = ['unstarted', 'in_progress', 'in_review', 'done', 'closed'] as const;
export type IssueState = (typeof ISSUE_STATES)[number];
