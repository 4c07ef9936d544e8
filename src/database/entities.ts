import { User } from '../users/user.entity';

export const ENTITIES = [User];
