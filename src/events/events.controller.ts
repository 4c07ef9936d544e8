import { Controller, Headers, MessageEvent, Sse } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Observable } from 'rxjs';
import { AuthUser, CurrentUser } from '../common/decorators/current-user.decorator';
import { SignedIn } from '../common/openapi/api-errors.decorator';
import { LiveEventsService } from './live-events.service';

const STREAM = `Server-Sent Events. Each message names what changed, never the figures: refetch them.

- \`ready\` once connected, \`resync\` on a reconnect that sent Last-Event-ID and whenever the server may have missed changes: refetch everything shown. Data: \`{"reason": "connected" | "reconnected" | "missed"}\`.
- \`queues\`: the backlog (depth, in review, awaiting adjudication, oldest waiting) of these queues changed. Data: \`{"queueIds": [uuid, …]}\`.
- \`verdicts\`: verdicts were given. Data: \`{"count": n, "queueIds": [uuid, …]}\`.

Editors and admins hear every queue and every verdict; a reviewer hears the queues they may pull from and their own verdicts only. Changes within 250 ms come as one message; a comment every 25 s keeps the connection open; the stream ends after 10 minutes or when the caller's role or tokens change, and the browser reconnects by itself.`;

@ApiTags('events')
@Controller('events')
export class EventsController {
  constructor(private readonly events: LiveEventsService) {}

  @Sse()
  @SignedIn()
  @ApiOperation({ summary: 'Live review activity for dashboards (Server-Sent Events)', description: STREAM })
  @ApiHeader({
    name: 'Last-Event-ID',
    required: false,
    description: 'Sent by the browser when it reconnects: the answer starts with `resync`',
  })
  @ApiOkResponse({
    description: 'An endless event stream',
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  })
  stream(@CurrentUser() user: AuthUser, @Headers('last-event-id') lastEventId?: string): Observable<MessageEvent> {
    return this.events.stream(user, lastEventId || undefined);
  }
}
