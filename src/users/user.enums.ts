export const USER_ROLES = ['admin', 'user'] as const;
export type UserRole = (typeof USER_ROLES)[number];
/** Named roles for `@RequireRole(UserRole.Admin)`. */
export const UserRole = { Admin: 'admin', User: 'user' } as const satisfies Record<string, UserRole>;
