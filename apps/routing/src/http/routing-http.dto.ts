import { IsIn, IsNotEmpty, IsOptional, IsString } from 'class-validator';

/** POST agents/:agentId/login */
export class LogInBody {
  /** Phone extension or device the agent uses for this session. */
  @IsOptional()
  @IsString({ message: 'extension must be a string' })
  extension?: string;

  /** Available (the default) to take interactions at once, NotReady to start not ready. */
  @IsOptional()
  @IsIn(['Available', 'NotReady'], { message: 'initialState must be Available or NotReady' })
  initialState?: 'Available' | 'NotReady';
}

/** POST agents/:agentId/not-ready */
export class NotReadyBody {
  /** One of the tenant's not-ready reason codes, e.g. "break". */
  @IsString({ message: 'reasonCode must be a string' })
  @IsNotEmpty({ message: 'reasonCode is required' })
  reasonCode!: string;
}

/** POST branches/:branchId/interactions/:interactionId/callback */
export class CallbackBody {
  /** Number to call back (E.164); left out = the interaction's customer address. */
  @IsOptional()
  @IsString({ message: 'callbackAddress must be a string' })
  callbackAddress?: string;
}

/** GET queues */
export class QueueStatusQuery {
  /** Only the queues of this branch; left out = every branch of the tenant. */
  @IsOptional()
  @IsString({ message: 'branchId must be a string' })
  branchId?: string;
}
