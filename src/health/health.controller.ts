import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../common/decorators/public.decorator';
import { InvalidationListener } from '../database/invalidation-listener.service';

/**
 * `ok` when the database answers and the cache invalidation channel listens; `degraded` (still 200) while only the
 * channel is down, since requests are then served without caches; 503 `error` while the database does not answer.
 * Nothing is remembered between calls: the answer is as fresh as the ping, so recovery shows at once.
 */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly invalidation: InvalidationListener,
  ) {}

  @Public()
  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness and database reachability' })
  check() {
    return this.health.check([
      () => this.db.pingCheck('database', { timeout: 2000 }),
      () => {
        const channel = this.indicators.check('cacheInvalidation');
        return this.invalidation.listening
          ? channel.up()
          : channel.degraded({ message: 'LISTEN connection down: reconnecting, caches bypassed' });
      },
    ]);
  }
}
