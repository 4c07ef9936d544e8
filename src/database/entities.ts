import { Article } from '../articles/article.entity';
import { Claim } from '../claims/claim.entity';
import { Queue } from '../review/queues/queue.entity';
import { User } from '../users/user.entity';

export const ENTITIES = [User, Article, Claim, Queue];
