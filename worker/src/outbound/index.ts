export {
  createOutboundClient,
  DEFAULT_OUTBOUND_MAX_RESPONSE_BYTES,
  OUTBOUND_ENV_VARS,
  OutboundRefused,
  OutboundResponseTooLarge,
  outboundOptionsFromEnv,
  type OutboundClient,
  type OutboundOptions,
  type OutboundRequest,
  type OutboundResponse,
} from './client';
