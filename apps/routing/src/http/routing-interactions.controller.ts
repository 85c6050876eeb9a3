import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Param, Post, UseFilters } from '@nestjs/common';
import { RoutingGateway } from '../api/routing-gateway';
import { RoutingHeaders } from './routing-headers.decorator';
import { CallbackBody } from './routing-http.dto';
import { RoutingHttpExceptionFilter } from './routing-http-errors';
import { type CommandHeaders, commandOrigin, interactionOf } from './routing-http-requests';
import {
  type AnnouncementJson,
  announcementJson,
  callbackJson,
  type InteractionJson,
  interactionJson,
  queuedInteractionJson,
} from './routing-http-views';

/**
 * The interactions a branch routes: queue one (the body is the engine's InteractionRequest; channel and kind default
 * to voice and inbound), see where it stands, and record that the customer left, the interaction ended, a callback
 * was asked for or the wait was announced. Commands take X-Actor and Idempotency-Key.
 */
@Controller('api/routing/tenants/:tenantId/branches/:branchId/interactions')
@UseFilters(RoutingHttpExceptionFilter)
export class RoutingInteractionsController {
  constructor(@Inject(RoutingGateway) private readonly gateway: RoutingGateway) {}

  @Post()
  async queue(
    @Param('tenantId') tenantId: string,
    @Param('branchId') branchId: string,
    @Body() body: unknown,
    @RoutingHeaders() headers: CommandHeaders,
  ) {
    const interaction = interactionOf(body);
    return queuedInteractionJson(
      await this.gateway.queueInteraction(tenantId, branchId, interaction, commandOrigin(headers)),
    );
  }

  @Get(':interactionId')
  get(
    @Param('tenantId') tenantId: string,
    @Param('branchId') branchId: string,
    @Param('interactionId') interactionId: string,
  ): InteractionJson {
    return interactionJson(this.gateway.interaction(tenantId, branchId, interactionId));
  }

  @Post(':interactionId/abandon')
  @HttpCode(HttpStatus.OK)
  async abandon(
    @Param('tenantId') tenantId: string,
    @Param('branchId') branchId: string,
    @Param('interactionId') interactionId: string,
    @RoutingHeaders() headers: CommandHeaders,
  ): Promise<{ commandId: string }> {
    const { commandId } = await this.gateway.abandon(tenantId, branchId, interactionId, commandOrigin(headers));
    return { commandId };
  }

  @Post(':interactionId/complete')
  @HttpCode(HttpStatus.OK)
  async complete(
    @Param('tenantId') tenantId: string,
    @Param('branchId') branchId: string,
    @Param('interactionId') interactionId: string,
    @RoutingHeaders() headers: CommandHeaders,
  ): Promise<{ commandId: string }> {
    const { commandId } = await this.gateway.complete(tenantId, branchId, interactionId, commandOrigin(headers));
    return { commandId };
  }

  @Post(':interactionId/callback')
  @HttpCode(HttpStatus.OK)
  async requestCallback(
    @Param('tenantId') tenantId: string,
    @Param('branchId') branchId: string,
    @Param('interactionId') interactionId: string,
    @Body() body: CallbackBody,
    @RoutingHeaders() headers: CommandHeaders,
  ) {
    const origin = commandOrigin(headers);
    return callbackJson(
      await this.gateway.requestCallback(tenantId, branchId, interactionId, body.callbackAddress, origin),
    );
  }

  @Post(':interactionId/announce')
  @HttpCode(HttpStatus.OK)
  async announceWait(
    @Param('tenantId') tenantId: string,
    @Param('branchId') branchId: string,
    @Param('interactionId') interactionId: string,
    @RoutingHeaders() headers: CommandHeaders,
  ): Promise<AnnouncementJson> {
    return announcementJson(await this.gateway.announceWait(tenantId, branchId, interactionId, commandOrigin(headers)));
  }
}
