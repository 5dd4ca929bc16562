export { signWebhook, verifyWebhook, SIGNATURE_HEADER, type WebhookVerdict } from './webhook-signature';
