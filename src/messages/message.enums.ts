export const MESSAGE_TYPES = ['reply', 'note', 'bot'] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

export const MESSAGE_SOURCES = ['chat', 'slack', 'mattermost', 'email', 'sms', 'api', 'sandbox'] as const;
export type MessageSource = (typeof MESSAGE_SOURCES)[number];
