import { Article } from '../articles/article.entity';
import { Claim } from '../claims/claim.entity';
import { User } from '../users/user.entity';

export const ENTITIES = [User, Article, Claim];
