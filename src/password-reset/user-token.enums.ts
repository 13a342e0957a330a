export const USER_TOKEN_PURPOSES = ['password_reset', 'email_confirmation'] as const;
export type UserTokenPurpose = (typeof USER_TOKEN_PURPOSES)[number];
