export enum Role {
  Admin = 'admin',
  Editor = 'editor',
  Reviewer = 'reviewer',
}

export const ROLES = Object.values(Role);
